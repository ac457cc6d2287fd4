"""Procedural remarks (開会, 異議なし, 採決, 速記を止めて) and form boilerplate, kept out of theme building.

A simple general rule, in one place so that a better signal can replace it: a remark that carries a
``procedural`` flag (set by the parser) is taken at its word; otherwise a short remark made of chairing
phrases is procedural, and a text that recurs word for word in several documents is a form's boilerplate.
"""
from __future__ import annotations

import unicodedata
from collections import defaultdict
from typing import Sequence

# phrases of chairing and of the record itself, not of the debate
PROCEDURAL_PHRASES = (
    "開会", "閉会", "散会", "休憩", "再開", "異議", "採決", "起立", "挙手", "速記", "着席", "お諮り", "諮りします",
    "了承", "賛成の方", "議事に入", "発言を許", "御発言", "ご発言", "只今から", "ただいまから", "以上で",
    "終了いたします", "挨拶があった", "説明があった", "資料に基づき", "配布資料", "議事録", "次回",
)
SHORT = 12          # a remark shorter than this (in characters, spaces left out) says nothing on its own
PROCEDURAL_MAX = 80  # chairing phrases in a remark longer than this are part of a real contribution


def _flat(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def is_procedural(text: str) -> bool:
    """A remark too short to say anything, or a short one made of chairing phrases."""
    flat = _flat(text)
    if len(flat) < SHORT:
        return True
    return len(flat) <= PROCEDURAL_MAX and any(p in flat for p in PROCEDURAL_PHRASES)


def procedural(remark) -> bool:
    """The remark's own ``procedural`` flag when it has one, else the rule above."""
    flag = getattr(remark, "procedural", None)
    return bool(flag) if flag is not None else is_procedural(remark.text)


def boilerplate(units: Sequence) -> set[int]:
    """Positions of the units (anything with .doc and .text) whose text recurs in two or more documents."""
    docs_of: dict[str, set[str]] = defaultdict(set)
    for u in units:
        docs_of[_flat(u.text)].add(u.doc)
    return {i for i, u in enumerate(units) if len(docs_of[_flat(u.text)]) > 1}
