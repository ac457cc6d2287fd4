"""Small pure pieces of the app's look: the one escape for corpus values in markup, highlighted text, score parts."""
from __future__ import annotations

SCORE_LABELS = {"fused": "総合", "semantic": "意味", "keyword": "キーワード"}


# HTML's special characters, and those Streamlit's Markdown reads as markup (links, images, emphasis, code, LaTeX,
# icons, colours)
_LITERAL = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'" + "\\`*_[]{}!|~$:#"})


def esc(value) -> str:
    """Any value from a corpus file (title, speaker, section, text, file name) or a query, as literal text inside
    HTML or Markdown: HTML's special characters and Markdown's markup characters become character references."""
    return ("" if value is None else str(value)).translate(_LITERAL)


def text_block(text: str, spans=(), css_class: str = "") -> str:
    """A <div> holding corpus text with its spans marked: an HTML block, so Markdown never reads inside it."""
    return f'<div class="{esc(css_class)}">{highlight_html(text, spans)}</div>'


def merge_spans(spans) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) spans; empty and inverted spans are dropped."""
    merged: list[list[int]] = []
    for start, end in sorted((int(s), int(e)) for s, e in spans if e > s):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def highlight_html(text: str, spans, css_class: str | None = None) -> str:
    """Text as HTML with each span wrapped in <mark>; everything else escaped, line breaks kept as <br>."""
    attr = f' class="{esc(css_class)}"' if css_class else ""
    out, pos = [], 0
    for start, end in merge_spans(spans):
        start, end = max(start, pos), min(end, len(text))
        if start >= end:
            continue
        out.append(esc(text[pos:start]))
        out.append(f"<mark{attr}>{esc(text[start:end])}</mark>")
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out).replace("\n", "<br>")


def passage_spans(text: str, passages: list[str]) -> list[tuple[int, int]]:
    """Where each of a remark's passages sits in the remark's text (found by its text; one not found is left out)."""
    spans = []
    for passage in passages:
        start = text.find(passage) if passage else -1
        if start >= 0:
            spans.append((start, start + len(passage)))
    return spans


def excerpt(text: str, spans, margin: int) -> tuple[int, int]:
    """The stretch of a long text worth showing around spans: from about `margin` characters before the first to
    about `margin` after the last, widened to the sentence or line ends around them (the whole text without spans)."""
    if not spans:
        return 0, len(text)
    first, last = min(s for s, _ in spans), max(e for _, e in spans)
    ends = [i + 1 for i, c in enumerate(text) if c in "。\n"]
    start = max((i for i in ends if i <= max(first - margin, 0)), default=0)
    end = min((i for i in ends if i >= min(last + margin, len(text))), default=len(text))
    return start, end


def score_parts(scores: dict[str, float]) -> list[tuple[str, str]]:
    """[('総合', '0.0328'), ('意味', '0.8512'), ...]: known parts first, in a fixed order."""
    known = [k for k in SCORE_LABELS if k in scores]
    rest = sorted(k for k in scores if k not in SCORE_LABELS)
    return [(SCORE_LABELS.get(k, k), f"{scores[k]:.4f}") for k in known + rest]
