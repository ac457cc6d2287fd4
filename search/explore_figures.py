"""Figures for the Explore page: interactive plotly charts, and the same charts as PNG via matplotlib (offline)."""
from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd

from search.explore import NO_SPEAKER

PNG_DPI = 150
MUTED = "#b4b4b4"          # colour of the passages without a speaker (「（発言者なし）」)


MAX_GROUPS = 20           # colours a map tells apart; on an archive the rest of its hundreds of speakers go grey
OTHERS = "その他"


def largest_groups(groups: Sequence[str], limit: int = MAX_GROUPS) -> list[str]:
    """Each point's group, the `limit` largest kept and every other one named 「その他（k）」 (k groups).
    An archive has hundreds of speakers: one legend entry (and one plotly trace) each is unreadable and
    slow to draw."""
    from collections import Counter

    counts = Counter(groups)
    if len(counts) <= limit:
        return list(groups)
    kept = {g for g, _ in counts.most_common(limit)}
    others = f"{OTHERS}（{len(counts) - limit}）"
    return [g if g in kept else others for g in groups]


def group_colours(groups: Sequence[str], muted: str = NO_SPEAKER) -> dict[str, str]:
    """A distinct colour per group, in order of first appearance; the unsigned group in grey."""
    from plotly.colors import qualitative

    palette = qualitative.Dark24 + qualitative.Light24
    out: dict[str, str] = {}
    for g in groups:
        if g not in out:
            grey = g == muted or g.startswith(OTHERS + "（")
            out[g] = MUTED if grey else palette[(len(out) - sum(v == MUTED for v in out.values())) % len(palette)]
    return out


# ---------------------------------------------------------------- plotly (interactive)
def map_figure(coords: np.ndarray, colour: Sequence[str], hover: Sequence[str], highlight: Sequence[int] = (),
               title: str = ""):
    """One point per passage, coloured by ``colour``; rows in ``highlight`` drawn on top, ringed.

    Every point's customdata is its passage row, so a selection maps back to passages.
    """
    import plotly.graph_objects as go

    fig = go.Figure()
    colour = largest_groups(colour)
    colours = group_colours(colour)
    for group in sorted(colours, key=lambda g: colours[g] != MUTED):       # grey groups beneath
        rows = [i for i, g in enumerate(colour) if g == group]
        fig.add_trace(go.Scatter(
            x=coords[rows, 0], y=coords[rows, 1], mode="markers", name=group,
            customdata=rows, text=[hover[i] for i in rows], hovertemplate="%{text}<extra></extra>",
            marker={"size": 7, "opacity": 0.8, "color": colours[group]}))
    if len(highlight):
        rows = list(highlight)
        fig.add_trace(go.Scatter(
            x=coords[rows, 0], y=coords[rows, 1], mode="markers", name="検索結果",
            customdata=rows, text=[hover[i] for i in rows], hovertemplate="%{text}<extra>検索結果</extra>",
            marker={"size": 14, "color": "rgba(0,0,0,0)", "line": {"width": 2.5, "color": "black"}}))
    fig.update_layout(title=title, height=560, margin={"l": 10, "r": 10, "t": 40, "b": 10},
                      legend={"itemsizing": "constant"}, clickmode="event+select", dragmode="lasso")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def heatmap_figure(matrix: pd.DataFrame, title: str = "", unit: str = "段落"):
    import plotly.express as px

    fig = px.imshow(matrix, text_auto=True, aspect="auto", color_continuous_scale="Blues",
                    labels={"x": "テーマ", "y": "", "color": f"{unit}数"}, title=title)
    fig.update_layout(height=max(300, 28 * len(matrix) + 160), margin={"l": 10, "r": 10, "t": 40, "b": 10})
    fig.update_xaxes(tickangle=-40, side="top")      # the theme names over the rows, where the eye starts
    return fig


def trend_figure(table: pd.DataFrame, value: str = "matching", title: str = "", unit: str = "段落"):
    """Bars per period; long period names are shortened on the axis (the full name in the hover)."""
    import plotly.express as px

    shown = table.assign(label=[_short(p, 24) for p in table["period"]])
    fig = px.bar(shown, x="label", y=value, title=title, hover_data={"period": True, "label": False},
                 labels={"label": "", "period": "時期", value: _y_label(value, unit)})
    fig.update_layout(height=460, margin={"l": 10, "r": 10, "t": 50, "b": 10})
    fig.update_xaxes(tickangle=-30, automargin=True)
    fig.update_yaxes(automargin=True, title_standoff=12)
    return fig


def terms_figure(terms: list[tuple[str, float]], title: str = ""):
    import plotly.express as px

    df = pd.DataFrame(terms[::-1], columns=["term", "score"])
    fig = px.bar(df, x="score", y="term", orientation="h", title=title, labels={"term": "", "score": "特徴度"})
    fig.update_layout(height=max(260, 22 * len(df) + 80), margin={"l": 10, "r": 10, "t": 40, "b": 10})
    return fig


def _y_label(value: str, unit: str) -> str:
    return {"matching": f"該当する{unit}の数", "share": "割合", "passages": f"{unit}数"}.get(value, value)


# ---------------------------------------------------------------- matplotlib (PNG for slides)
@lru_cache(maxsize=1)
def _japanese_font() -> str:
    """Register the IPAexGothic font shipped by the japanize-matplotlib package; returns its family name.

    The font file is read from the package folder (importing the package itself needs distutils).
    """
    import importlib.util

    from matplotlib import font_manager

    spec = importlib.util.find_spec("japanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("PNG export needs the japanize-matplotlib package for its Japanese font; "
                           "run: .venv/bin/pip install -r requirements.txt")
    ttf = Path(list(spec.submodule_search_locations)[0]) / "fonts" / "ipaexg.ttf"
    if not ttf.exists():
        raise RuntimeError(f"Japanese font missing at {ttf}; reinstall japanize-matplotlib")
    font_manager.fontManager.addfont(str(ttf))
    return font_manager.FontProperties(fname=str(ttf)).get_name()


def _new_figure(width: float, height: float):
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    family = _japanese_font()
    fig = Figure(figsize=(width, height), dpi=PNG_DPI)
    return fig, family


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight")
    return buf.getvalue()


def map_png(coords: np.ndarray, colour: Sequence[str], highlight: Sequence[int] = (), title: str = "") -> bytes:
    from matplotlib import rcParams

    fig, family = _new_figure(9, 6.5)
    with _font(family):
        ax = fig.add_subplot()
        colour = largest_groups(colour)
        colours = group_colours(colour)
        groups = list(colours)
        for group in groups:
            rows = [r for r, g in enumerate(colour) if g == group]
            ax.scatter(coords[rows, 0], coords[rows, 1], s=12, alpha=0.8, color=colours[group], label=_short(group))
        if len(highlight):
            rows = list(highlight)
            ax.scatter(coords[rows, 0], coords[rows, 1], s=70, facecolors="none", edgecolors="black",
                       linewidths=1.5, label="検索結果")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(title)
        if len(groups) <= 25:
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=rcParams["font.size"] * 0.8,
                      frameon=False)
        return _png(fig)


def heatmap_png(matrix: pd.DataFrame, title: str = "", unit: str = "段落") -> bytes:
    n_rows, n_cols = matrix.shape
    fig, family = _new_figure(max(6, 0.55 * n_cols + 3), max(3, 0.35 * n_rows + 2))
    with _font(family):
        ax = fig.add_subplot()
        values = matrix.to_numpy()
        im = ax.imshow(values, cmap="Blues", aspect="auto")
        ax.set_xticks(range(n_cols), [_short(c, 18) for c in matrix.columns], rotation=50, ha="right", fontsize=7)
        ax.set_yticks(range(n_rows), [_short(r, 24) for r in matrix.index], fontsize=8)
        top = values.max() if values.size else 0
        for (i, j), v in np.ndenumerate(values):
            if v:
                ax.text(j, i, str(v), ha="center", va="center", fontsize=6,
                        color="white" if v > top / 2 else "black")
        fig.colorbar(im, ax=ax, label=f"{unit}数")
        ax.set_title(title)
        return _png(fig)


def trend_png(table: pd.DataFrame, value: str = "matching", title: str = "", unit: str = "段落") -> bytes:
    fig, family = _new_figure(max(6, 0.8 * len(table) + 2), 4)
    with _font(family):
        ax = fig.add_subplot()
        ax.bar(range(len(table)), table[value], color="#4c78a8")
        ax.set_xticks(range(len(table)), [_short(p, 22) for p in table["period"]], rotation=30, ha="right",
                      fontsize=8)
        ax.set_ylabel(_y_label(value, unit))
        ax.set_title(title)
        return _png(fig)


def terms_png(columns: dict[str, list[tuple[str, float]]], title: str = "") -> bytes:
    """Distinctive terms of two or three speakers as horizontal bar charts side by side."""
    n = max(1, len(columns))
    depth = max((len(v) for v in columns.values()), default=1)
    fig, family = _new_figure(4 * n, 0.3 * depth + 1.5)
    with _font(family):
        axes = fig.subplots(1, n, squeeze=False)[0]
        for ax, (group, terms) in zip(axes, columns.items()):
            terms = terms[::-1]
            ax.barh(range(len(terms)), [s for _, s in terms], color="#f58518")
            ax.set_yticks(range(len(terms)), [t for t, _ in terms], fontsize=8)
            ax.set_xticks([])
            ax.set_title(_short(group, 20), fontsize=10)
        if title:
            fig.suptitle(title)
        return _png(fig)


class _font:
    """Context manager: matplotlib's rcParams use the Japanese font inside the block."""

    def __init__(self, family: str):
        self.family = family

    def __enter__(self):
        from matplotlib import rc_context

        self._ctx = rc_context({"font.family": self.family, "axes.unicode_minus": False})
        self._ctx.__enter__()
        return self

    def __exit__(self, *exc):
        return self._ctx.__exit__(*exc)


def _short(s: str, limit: int = 28) -> str:
    s = str(s)
    return s if len(s) <= limit else s[: limit - 1] + "…"


def csv_bytes(table: pd.DataFrame, index: bool = True) -> bytes:
    """UTF-8 with BOM, so that Excel opens the Japanese text correctly."""
    return table.to_csv(index=index).encode("utf-8-sig")
