"""From a draft to its evidence: split a plan or memo draft into sentences, find the remarks behind each one."""
from __future__ import annotations

import re
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from search.cite import hit_citation, hit_record, url_of
from search.ingest import DOC_TYPES
from search.memo import DOCX_MIME, add_clip, clip_from_hit, csv_bytes
from search.records import Hit

MAX_DRAFT_CHARS = 10_000      # a draft longer than this is refused (split it into parts)
MAX_SENTENCE_QUERY = 500      # characters of one sentence sent as its query (the model reads ~512 tokens)
MIN_SEARCH_CHARS = 6          # shorter items are kept but not searched
HEADING_CHARS = 25            # a line this short, alone, not a bullet and not ending a sentence, is a heading
DEFAULT_DOC_TYPES = ("minutes", "evaluation_sheet")
OWN_NGRAM = 8                 # characters per n-gram when comparing the draft with a document
OWN_CONTAINMENT = 0.5         # a document holding this share of the draft's n-grams is the draft's own
STRENGTH_LABELS = {"strong": "強い", "weak": "弱い", "none": "なし"}
STRENGTHS = ("strong", "weak", "none")
NO_SUPPORT = "根拠が見つかりません"


class TraceError(Exception):
    """A problem with the draft (empty, too long, unreadable); the message says what to do, in English for
    the command line and in Japanese (.ja) for the app."""

    def __init__(self, message: str, ja: str):
        super().__init__(message)
        self.ja = ja


# ---------------------------------------------------------------- reading a draft
def read_draft(path: Path | str) -> str:
    """The text of a .txt (UTF-8, or CP932 as Windows Notepad saves it) or .docx draft."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise TraceError(f"cannot read {path}: {e.strerror or e}",
                         f"{path.name} を読み込めませんでした（{e.strerror or e}）。") from None
    return draft_from_bytes(path.name, data)


def draft_from_bytes(name: str, data: bytes) -> str:
    """A draft file's text from its name and bytes (a file given on the command line or uploaded)."""
    suffix = Path(name).suffix.lower()
    if suffix == ".docx":
        return docx_text(data, name)
    if suffix not in (".txt", ".md", ""):
        raise TraceError(f"{name}: a draft must be a .txt or .docx file",
                         f"{name} は読み込めません。草稿は .txt か .docx のファイルにしてください。")
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TraceError(f"{name} is neither UTF-8 nor Shift_JIS text; save it as UTF-8 and try again",
                     f"{name} の文字コードを判別できません。UTF-8 で保存し直してください。")


def docx_text(data: bytes, name: str = "draft.docx") -> str:
    """A Word file's paragraphs (tables' cells too), one block each, separated by blank lines."""
    import io
    import zipfile

    from docx import Document as WordDocument
    from docx.opc.exceptions import PackageNotFoundError

    try:
        word = WordDocument(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise TraceError(f"{name} is not a Word .docx file ({type(e).__name__}); save it as .docx "
                         "or paste its text",
                         f"{name} は Word（.docx）のファイルではありません。.docx で保存し直すか、本文を貼り付けてください。"
                         ) from None
    blocks = [p.text for p in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            blocks += [cell.text for cell in row.cells]
    return "\n\n".join(b for b in blocks if b.strip())


def check_draft(text: str) -> str:
    """The draft if it can be traced; TraceError for an empty or too long one."""
    if not text or not text.strip():
        raise TraceError("the draft is empty: paste or load the text of a plan or memo",
                         "草稿が空です。計画やメモの本文を貼り付けるか、ファイルを読み込んでください。")
    if len(text) > MAX_DRAFT_CHARS:
        raise TraceError(f"the draft is {len(text):,} characters; the limit is {MAX_DRAFT_CHARS:,}: "
                         "split it into parts and trace each",
                         f"草稿が{len(text):,}文字あります。一度に調べられるのは{MAX_DRAFT_CHARS:,}文字までです。"
                         "いくつかに分けて調べてください。")
    return text


# ---------------------------------------------------------------- splitting
@dataclass
class Sentence:
    """One sentence or bullet item of the draft; start/end are offsets into the draft's text."""

    index: int
    text: str                     # line breaks and the item's marker removed
    start: int
    end: int
    block: int                    # paragraph or list item it belongs to
    marker: str = ""              # the bullet or number that opens its item ("・", "(1)", "①"), else ""
    heading: bool = False         # a title or numbered heading (「１．基本的な考え方」): shown, not searched

    @property
    def searchable(self) -> bool:
        return not self.heading and len(_norm(self.text)) >= MIN_SEARCH_CHARS


BULLET = r"[・●○◯■□◆◇▪▫•◦‣※＊*\-－‐―]"
NUMBER = (r"(?:[(（][0-9０-９一二三四五六七八九十]{1,3}[)）]|[0-9０-９]{1,3}[.．)）、](?![0-9０-９])"
          r"|[①-⑳㉑-㉟]|[一二三四五六七八九十]{1,3}[、．.]|第[0-9０-９一二三四五六七八九十]{1,3}[章節条項]?[　 ]"
          r"|[ア-ン][.．、)）])")
MARKER = re.compile(rf"^[ \t　]*((?:{BULLET}|{NUMBER})[ \t　]*)")
ENDS = "。．！？!?"
CLOSERS = "」』）)】〕”’"
OPENERS = {"「": "」", "『": "』", "（": "）", "(": ")", "【": "】", "〔": "〕", "“": "”"}


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        out.append((pos, line.rstrip("\r\n")))
        pos += len(line)
    return out


def _blocks(text: str) -> list[tuple[str, list[tuple[int, str]]]]:
    """Paragraphs and list items as (marker, [(offset, line)]). A blank line or a marker starts a new one;
    a line joins the one before when that one was cut by the text's line width (hard-wrapped: long, and
    not ending a sentence) or leaves a quote or bracket open; a short line such as a heading stands alone."""
    lines = _lines(text)
    width = max((len(ln.strip()) for _, ln in lines), default=0)
    blocks: list[tuple[str, list[tuple[int, str]]]] = []
    open_block = False
    for offset, line in lines:
        stripped = line.strip()
        if not stripped:
            open_block = False
            continue
        m = MARKER.match(line)
        if m and len(stripped) > len(m.group(1).strip()):
            blocks.append((m.group(1).strip(), [(offset + m.end(), line[m.end():])]))
        elif open_block:
            blocks[-1][1].append((offset, line))
        else:
            blocks.append(("", [(offset, line)]))
        wrapped = len(stripped) >= max(0.8 * width, 25) and stripped[-1] not in ENDS + CLOSERS
        open_block = wrapped or _depth("".join(ln for _, ln in blocks[-1][1])) > 0
    return blocks


def _depth(s: str) -> int:
    depth = 0
    for ch in s:
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS and depth:
            depth -= 1
    return depth


def split_sentences(text: str) -> list[Sentence]:
    """The draft's sentences and bullet items, in order, with offsets into text.

    A sentence ends at 。．！？ (with any closing brackets after it), never inside 「…」『…』（…）; a bullet
    (・●○■ - *) or a number ((1) １． ① 一、 第1章) starts a new item; hard-wrapped lines are joined."""
    sentences: list[Sentence] = []
    for block_no, (marker, lines) in enumerate(_blocks(text)):
        chars: list[tuple[str, int]] = []            # the block's characters with their draft offsets
        for offset, line in lines:
            lead = len(line) - len(line.lstrip(" \t　"))
            body = line.strip(" \t　")
            chars += [(ch, offset + lead + i) for i, ch in enumerate(body)]
        pieces = _pieces(chars, brackets=True)
        if pieces is None:                 # a bracket left open (a typo): split at every sentence end instead
            pieces = _pieces(chars, brackets=False)
        pieces = [p for p in (_lstrip(p) for p in pieces) if p]
        for n, piece in enumerate(pieces):
            text_ = "".join(c for c, _ in piece)
            heading = (len(pieces) == 1 and text_[-1] not in ENDS and len(_norm(text_)) <= HEADING_CHARS
                       and not re.fullmatch(BULLET, marker))
            sentences.append(Sentence(index=len(sentences), text=text_, start=piece[0][1], end=piece[-1][1] + 1,
                                      block=block_no, marker=marker if n == 0 else "", heading=heading))
    return sentences


def _pieces(chars: list[tuple[str, int]], brackets: bool) -> list[list[tuple[str, int]]] | None:
    """The block's characters cut after each sentence end (and the closing brackets after it), outside
    brackets when brackets is True; None when a bracket is left open at the end of the block."""
    pieces, current, stack = [], [], []
    i = 0
    while i < len(chars):
        ch = chars[i][0]
        current.append(chars[i])
        if brackets and ch in OPENERS:
            stack.append(OPENERS[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
        elif ch in ENDS and not stack and not _decimal_point(chars, i):
            while i + 1 < len(chars) and (chars[i + 1][0] in ENDS or chars[i + 1][0] in CLOSERS):
                i += 1
                current.append(chars[i])
            pieces.append(current)
            current = []
        i += 1
    if current:
        pieces.append(current)
    return None if stack else pieces


def _decimal_point(chars: list[tuple[str, int]], i: int) -> bool:
    """A full stop between two digits (２．５％) is a decimal point, not a sentence end."""
    return (chars[i][0] in "．." and 0 < i < len(chars) - 1
            and unicodedata.category(chars[i - 1][0]) == "Nd" and unicodedata.category(chars[i + 1][0]) == "Nd")


def _lstrip(piece: list[tuple[str, int]]) -> list[tuple[str, int]]:
    while piece and piece[0][0] in " \t　":
        piece = piece[1:]
    return piece


# ---------------------------------------------------------------- the draft's own document
def _norm(s: str) -> str:
    """NFKC, without whitespace and private-use bullets (the benchmark's evidence rule)."""
    s = unicodedata.normalize("NFKC", s)
    return "".join(c for c in s if not c.isspace() and not "\ue000" <= c <= "\uf8ff")


def _ngrams(s: str, n: int = OWN_NGRAM) -> set[str]:
    return {s[i:i + n] for i in range(max(len(s) - n + 1, 0))}


def containment(draft: str, document_text: str) -> float:
    """The share of the draft's character n-grams that also occur in the document (1.0: all of it)."""
    return _share(_ngrams(_norm(draft)), document_text)


def _share(grams: set[str], document_text: str) -> float:
    return len(grams & _ngrams(_norm(document_text))) / len(grams) if grams else 0.0


@dataclass
class OwnDocument:
    doc: str
    title: str
    containment: float


def own_documents(engine, draft: str, candidates: list[str]) -> list[OwnDocument]:
    """Among the candidate documents (those the draft's sentences found), the ones that hold the draft
    itself: at least OWN_CONTAINMENT of its 8-character n-grams. A plan's text in the library holds all of
    a draft of it (or most of a revised one); minutes that a draft quotes once or twice hold a few percent."""
    grams = _ngrams(_norm(draft))
    own = []
    for doc in candidates:
        if not grams:
            break
        share = _share(grams, "".join(r.text for r in engine.remarks_of(doc)))
        if share >= OWN_CONTAINMENT:
            own.append(OwnDocument(doc, engine.document(doc).title, round(share, 3)))
    return own


# ---------------------------------------------------------------- support strength
STRONG_SEMANTIC = 0.89   # calibrated on bench/trace.json (docs/evidence.md): every supported sentence's best
WEAK_SEMANTIC = 0.87     # remark at 0.879 or above, every off-topic unsupported sentence's below 0.866


def support_strength(hit: Hit) -> str:
    """How strongly a remark supports the sentence it was found for: 'strong', 'weak' or 'none'.

    Decided from the hit's dense similarity (the cosine of the sentence's and the passage's vectors,
    an absolute scale unlike the fused score, which is relative to each query's candidates): at least
    STRONG_SEMANTIC strong, at least WEAK_SEMANTIC weak, else none. A hit that only the keyword side
    found (no dense score) is none. This is the one place the decision is made: a calibrated weak-match
    function (search/confidence.py) can replace it without touching the rest."""
    cosine = hit.scores.get("semantic")
    if cosine is None:
        return "none"
    if cosine >= STRONG_SEMANTIC:
        return "strong"
    if cosine >= WEAK_SEMANTIC:
        return "weak"
    return "none"


# ---------------------------------------------------------------- tracing
@dataclass
class Evidence:
    hit: Hit
    strength: str                 # strong | weak | none

    @property
    def label(self) -> str:
        return STRENGTH_LABELS[self.strength]

    def to_dict(self) -> dict:
        return {**hit_record(self.hit), "strength": self.strength, "strength_label": self.label}


@dataclass
class TracedSentence:
    sentence: Sentence
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def strength(self) -> str | None:
        """The best evidence's strength; None for an item too short to search (a heading)."""
        if not self.sentence.searchable:
            return None
        order = ["strong", "weak", "none"]
        return min((e.strength for e in self.evidence), key=order.index, default="none")

    @property
    def unsupported(self) -> bool:
        return self.strength == "none"

    def to_dict(self) -> dict:
        s = self.sentence
        return {"index": s.index, "text": s.text, "start": s.start, "end": s.end, "block": s.block,
                "marker": s.marker, "heading": s.heading, "searched": s.searchable, "strength": self.strength,
                "strength_label": STRENGTH_LABELS.get(self.strength or "", ""),
                "note": NO_SUPPORT if self.unsupported else "",
                "remarks": [e.to_dict() for e in self.evidence]}


@dataclass
class Trace:
    draft: str
    sentences: list[TracedSentence]
    excluded: list[OwnDocument]
    mode: str
    doc_types: list[str] | None
    seconds: float = 0.0

    def sentence(self, index: int) -> TracedSentence:
        return self.sentences[index]

    def to_dict(self) -> dict:
        return {"characters": len(self.draft), "mode": self.mode, "doc_types": self.doc_types,
                "seconds": round(self.seconds, 3),
                "excluded": [vars(o) for o in self.excluded],
                "sentences": [t.to_dict() for t in self.sentences]}


def _own_candidates(results: list[list[Hit]]) -> list[str]:
    """Documents that could hold the draft itself: those first for at least 30% of its sentences (a
    sentence finds its own words first), so only a few documents are read and compared in full."""
    firsts = [hits[0].doc for hits in results if hits]
    need = max(1, round(0.3 * len(firsts)))
    return [doc for doc in dict.fromkeys(firsts) if firsts.count(doc) >= need]


def search_many(engine, queries: list[str], k: int, **filters) -> list[list[Hit]]:
    """Engine.search for each query with the same filters (one call each; a batched engine method, which
    embeds every query in one call, can replace this loop)."""
    return [engine.search(q, k=k, **filters) for q in queries]


def _best_per_remark(hits: list[Hit], skip: set[str], k: int) -> list[Hit]:
    out, seen = [], set()
    for h in hits:
        if h.doc in skip or h.remark.remark_id in seen:
            continue
        seen.add(h.remark.remark_id)
        out.append(h)
        if len(out) == k:
            break
    return out


def trace(engine, draft: str, mode: str = "hybrid", doc_types: list[str] | None = None, k: int = 5,
          exclude_own: bool = True, strength=support_strength) -> Trace:
    """Each sentence of the draft with its k best remarks (one passage per remark) and their strength.

    doc_types defaults to minutes and evaluation sheets. Documents that hold the draft itself (its own
    plan text, already in the library) are left out (exclude_own). The strength needs each hit's dense
    score, which mode="keyword" does not compute (every remark is then 'none'); the CLI and the app use
    hybrid, the benchmark compares the modes."""
    started = time.perf_counter()
    check_draft(draft)
    if k < 1:
        raise TraceError("k (remarks per sentence) must be at least 1", "1文あたりの候補数は1以上にしてください。")
    unknown = [t for t in doc_types or [] if t not in DOC_TYPES]
    if unknown:
        raise TraceError(f"unknown document type {unknown[0]!r}; use one of: {', '.join(DOC_TYPES)}",
                         f"文書の種類 {unknown[0]} はありません（{', '.join(DOC_TYPES)} のいずれか）。")
    sentences = split_sentences(draft)
    doc_types = list(doc_types) if doc_types else [t for t in DEFAULT_DOC_TYPES
                                                   if any(d.doc_type == t for d in engine.documents())]
    searched = [s for s in sentences if s.searchable]
    queries = [s.text[:MAX_SENTENCE_QUERY] for s in searched]
    excluded: list[OwnDocument] = []
    if exclude_own and queries:
        # a keyword probe (no embedding, one hit a sentence) finds where the draft's own text would be
        probe = search_many(engine, queries, k=1, mode="keyword", doc_types=doc_types or None)
        excluded = own_documents(engine, draft, _own_candidates(probe))
    skip = {o.doc for o in excluded}
    docs = None
    if skip:
        docs = [d.doc for d in engine.documents() if d.doc not in skip and (not doc_types or d.doc_type in doc_types)]
    by_index: dict[int, list[Evidence]] = {}
    if queries and docs != []:
        results = search_many(engine, queries, k=2 * k, mode=mode, doc_types=doc_types or None, docs=docs)
        for s, hits in zip(searched, results):                 # 2k: room for two passages of one remark
            found = [Evidence(h, strength(h)) for h in _best_per_remark(hits, skip, k)]
            by_index[s.index] = sorted(found, key=lambda e: STRENGTHS.index(e.strength))   # 強い first, in rank
    traced = [TracedSentence(s, by_index.get(s.index, [])) for s in sentences]
    return Trace(draft, traced, excluded, mode, doc_types or None, time.perf_counter() - started)


def to_text(trace_: Trace, width: int = 70) -> str:
    """The trace as plain text for the terminal: each sentence, then its remarks or 「根拠が見つかりません」."""
    out = []
    for o in trace_.excluded:
        out.append(f"(left out as the draft's own document: {o.title} [{o.doc}], "
                   f"{o.containment:.0%} of the draft)")
    for t in trace_.sentences:
        s = t.sentence
        out.append(f"[{s.index + 1}] {s.marker + ' ' if s.marker else ''}{s.text}")
        if t.strength is None:
            out.append("     (heading or short item: not searched)")
            continue
        if t.unsupported:
            out.append(f"     {NO_SUPPORT}")
        for e in t.evidence:
            h, doc = e.hit, e.hit.document
            when = doc.date or (f"{doc.fiscal_year}年度" if doc.fiscal_year else "")
            body = h.text.replace("\n", " ")
            body = body if len(body) <= width else body[:width - 1] + "…"
            out.append(f"     {e.label}  {h.passage.speaker or '—'}  {doc.title}  {when}  "
                       f"(cos {h.scores.get('semantic', 0):.3f})")
            out.append(f"           {body}")
    out.append(f"{len(trace_.sentences)} sentences, {sum(t.unsupported for t in trace_.sentences)} without support")
    return "\n".join(out)


# ---------------------------------------------------------------- accepting evidence into the memo
def evidence_clip(trace_: Trace, sentence_index: int, passage_id: str):
    """The memo clipping of a sentence's remark, with the draft sentence as its note."""
    traced = trace_.sentence(sentence_index)
    for e in traced.evidence:
        if e.hit.passage.passage_id == passage_id:
            clip = clip_from_hit(e.hit)
            clip.note = traced.sentence.text
            return clip
    raise KeyError(f"passage {passage_id!r} is not among sentence {sentence_index}'s remarks")


def accept(trace_: Trace, sentence_index: int, passage_id: str, clips: list) -> bool:
    """Put a sentence's remark into a list of clippings (a memo); True when it was added."""
    return add_clip(clips, evidence_clip(trace_, sentence_index, passage_id))


# ---------------------------------------------------------------- exports
Accepted = dict[int, list[str]]   # sentence index -> passage ids accepted for it, in order


def _footnotes(trace_: Trace, accepted: Accepted) -> list[tuple[int, str]]:
    """(sentence index, citation line) per accepted remark, in draft order: footnote n is the n-th."""
    from search.cite import citation_line, cited_speaker

    notes = []
    for t in trace_.sentences:
        by_pid = {e.hit.passage.passage_id: e.hit for e in t.evidence}
        for pid in accepted.get(t.sentence.index, []):
            hit = by_pid.get(pid)
            if hit is not None:
                line, url = citation_line(hit.document, cited_speaker(hit)), url_of(hit.document.source)
                notes.append((t.sentence.index, f"{line} {url}" if url else line))
    return notes


def _mark_at(text: str) -> int:
    """Where a footnote mark goes in a sentence: before its closing 。 (Japanese usage), else at the end."""
    end = len(text)
    while end and text[end - 1] in "。．.":
        end -= 1
    return end or len(text)


def _blocks_of(trace_: Trace) -> list[list[TracedSentence]]:
    blocks: dict[int, list[TracedSentence]] = {}
    for t in trace_.sentences:
        blocks.setdefault(t.sentence.block, []).append(t)
    return list(blocks.values())


def to_markdown(trace_: Trace, accepted: Accepted, title: str = "根拠つき草稿") -> str:
    """The draft with a [^n] footnote per accepted remark, the footnotes' text being its citation line."""
    notes = _footnotes(trace_, accepted)
    lines = [f"# {title}", ""]
    n = 0
    for block in _blocks_of(trace_):
        parts = []
        for t in block:
            own = [line for i, line in notes if i == t.sentence.index]
            refs = "".join(f"[^{n + j + 1}]" for j in range(len(own)))
            n += len(own)
            at = _mark_at(t.sentence.text)
            parts.append(t.sentence.text[:at] + refs + t.sentence.text[at:])
        marker = block[0].sentence.marker
        prefix = "- " if marker and re.fullmatch(BULLET, marker) else (f"{marker} " if marker else "")
        lines += [prefix + "".join(parts), ""]
    for i, (_, line) in enumerate(notes, 1):
        lines.append(f"[^{i}]: {line}")
    return "\n".join(lines).rstrip("\n") + "\n"


CSV_COLUMNS = ["文番号", "文", "この発言の根拠の強さ", "文の判定", "順位", "発言者", "会議・文書", "日付", "発言（抜粋）",
               "出典", "出典URL", "採用", "発言ID", "段落ID"]


def csv_rows(trace_: Trace, accepted: Accepted) -> list[list[str]]:
    """Header, then one row per (sentence, remark); a sentence without remarks gets one row of its own."""
    rows = [list(CSV_COLUMNS)]
    for t in trace_.sentences:
        s = t.sentence
        verdict = NO_SUPPORT if t.unsupported else ("" if t.strength is None else STRENGTH_LABELS[t.strength])
        if not t.evidence:
            rows.append([str(s.index + 1), s.text, "", verdict] + [""] * (len(CSV_COLUMNS) - 4))
        for rank, e in enumerate(t.evidence, 1):
            h, doc = e.hit, e.hit.document
            when = doc.date or (f"{doc.fiscal_year}年度" if doc.fiscal_year else "")
            rows.append([str(s.index + 1), s.text, e.label, verdict, str(rank), h.passage.speaker or "",
                         doc.title, when, h.passage.text, hit_citation(h), url_of(doc.source),
                         "採用" if h.passage.passage_id in accepted.get(s.index, []) else "",
                         h.remark.remark_id, h.passage.passage_id])
    return rows


def to_csv(trace_: Trace, accepted: Accepted) -> bytes:
    """The sentence -> remarks table as CSV (search.memo.csv_bytes)."""
    return csv_bytes(csv_rows(trace_, accepted))


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_SEPARATORS = (f'<w:footnotes xmlns:w="{W_NS}">'
               '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
               'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
               '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
               'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
               '</w:footnotes>')


def _superscript_run(paragraph_element, child_xml: str):
    """A run holding one footnote element (reference or mark), superscript."""
    from docx.oxml import parse_xml

    run = parse_xml(f'<w:r xmlns:w="{W_NS}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>{child_xml}</w:r>')
    paragraph_element.append(run)
    return run


def _footnotes_part(word):
    """The document's footnotes part (word/footnotes.xml), created with its relationship and content type
    when the template has none; python-docx has no footnote API, so this goes through its OPC layer."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import XmlPart
    from docx.oxml import parse_xml

    doc_part = word.part
    for rel in doc_part.rels.values():
        if rel.reltype == FOOTNOTES_RT:
            return rel.target_part
    part = XmlPart(PackURI("/word/footnotes.xml"), FOOTNOTES_CT, parse_xml(_SEPARATORS), doc_part.package)
    doc_part.relate_to(part, FOOTNOTES_RT)
    # settings.xml names the two separator notes, as Word writes it (w:footnotePr goes before w:compat)
    settings = word.settings.element
    note_pr = parse_xml(f'<w:footnotePr xmlns:w="{W_NS}"><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>')
    compat = settings.find(f"{{{W_NS}}}compat")
    if compat is not None:
        compat.addprevious(note_pr)
    else:
        settings.append(note_pr)
    return part


def _add_footnote(part, number: int, text: str) -> None:
    from docx.oxml import parse_xml
    from xml.sax.saxutils import escape

    part.element.append(parse_xml(
        f'<w:footnote xmlns:w="{W_NS}" w:id="{number}"><w:p>'
        '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
        '<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve"> </w:t></w:r>'
        f'<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
        '</w:p></w:footnote>'))


def to_docx(trace_: Trace, accepted: Accepted, title: str = "根拠つき草稿") -> bytes:
    """The draft as a Word document with a real footnote (word/footnotes.xml) per accepted remark, whose
    text is the remark's citation line; each paragraph or list item of the draft is one paragraph."""
    import io

    from docx import Document as WordDocument
    from docx.oxml.ns import qn
    from docx.shared import Pt

    word = WordDocument()
    normal = word.styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "Yu Mincho")
    word.add_heading(title, level=1)
    notes = _footnotes(trace_, accepted)
    part = _footnotes_part(word) if notes else None
    n = 0
    for block in _blocks_of(trace_):
        marker = block[0].sentence.marker
        paragraph = word.add_paragraph(f"{marker} " if marker else "")
        for t in block:
            own = [line for i, line in notes if i == t.sentence.index]
            at = _mark_at(t.sentence.text)
            paragraph.add_run(t.sentence.text[:at])
            for line in own:
                n += 1
                _add_footnote(part, n, line)
                _superscript_run(paragraph._p, f'<w:footnoteReference w:id="{n}"/>')
            if t.sentence.text[at:]:
                paragraph.add_run(t.sentence.text[at:])
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


EXPORTS = {
    "md": ("Markdown", "text/markdown", lambda t, a: to_markdown(t, a).encode("utf-8")),
    "docx": ("Word", DOCX_MIME, to_docx),
    "csv": ("CSV", "text/csv", to_csv),
}
