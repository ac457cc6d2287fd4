"""Every tuning knob of retrieval in one frozen dataclass; how each value was measured is in docs/quality.md."""
from __future__ import annotations

import math
from dataclasses import dataclass, fields

from search import settings


@dataclass(frozen=True)
class RetrievalParams:
    candidates: int = 200            # how deep each side looks before fusion
    max_views: int = 8               # rewordings embedded for a query (8 cost ~60 ms on 2 CPU cores)
    expansion_weight: float = 0.3    # a glossary wording the user did not type, against 1.0 for a typed one
    feedback: float = 0.2            # hybrid: the keyword side's best passage x its confidence, added to the query vector
    per_remark: int = 3              # passages of one remark on its card, those that outrank every remark not shown
    procedural_penalty: float = 3.0  # a passage that only runs the meeting counts this many standard deviations lower
    semantic_weight: float = 1.0     # the dense side's weight in the fusion (setting semantic_weight)
    keyword_weight: float = 0.5      # the keyword side's weight, times its confidence (setting keyword_weight)
    fusion: str = "zscore"           # how the sides are fused (setting fusion): zscore, rrf or score
    similar_terms: int = 10          # 類似の発言: a remark's most distinctive terms searched beside its mean vector

    @classmethod
    def from_settings(cls) -> "RetrievalParams":
        """The defaults, with the weights and the fusion taken from the settings (GIJI_*)."""
        return cls(semantic_weight=_weight("semantic_weight"), keyword_weight=_weight("keyword_weight"),
                   fusion=settings.get("fusion"))


def _weight(name: str) -> float:
    raw = settings.get(name)
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        env = next(s.env for s in settings.SETTINGS if s.name == name)
        raise ValueError(f"{env}={raw!r} is not a weight; use a number from 0 upward (e.g. 0.5)")
    return value


KNOBS = tuple(f.name for f in fields(RetrievalParams))
