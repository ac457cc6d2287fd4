"""The parser scored against the real archive's speech-by-speech ground truth (../shared/archive, 307 meetings)."""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from search.ingest import parse_text
from search.ingest.loaders import load_text
from search.ingest.repair import source_lines
from search.ingest.verbatim import AGENDA_ITEM, ROSTER, is_subheading, verbatim_line

ARCHIVE = Path(__file__).resolve().parents[2] / "shared" / "archive"
# What the first 30 characters of a speech hold besides its words: blanks, line breaks, stage directions
# (a 〔…〕 cut off at 30 characters included) and rule lines (────, ――◇――).
NOT_SPEECH = re.compile(r"〔[^〕]*〕?|[─━―◇]+|\s")
NAMED_LABEL = re.compile(r"^(?:[^（(]*[（(](?P<inner>[^）)]{2,20}?)君[）)]|(?P<plain>[^（(）)]{2,11})君)$")


def expected_speaker(label: str) -> str:
    """The speaker a printed label names: the name inside 議長（額賀福志郎君） or 北村経夫君, else the label."""
    m = NAMED_LABEL.match(label)
    return (m["inner"] or m["plain"]) if m else label


def speech_key(text: str) -> str:
    return NOT_SPEECH.sub("", text)


def parse_archive(archive: Path = ARCHIVE) -> dict:
    """Every archive file parsed as a bare file (no catalog), by name."""
    return {path.name: parse_text(path.name, load_text(path)[0]) for path in sorted((archive / "corpus").glob("*.txt"))}


def score_archive(archive: Path = ARCHIVE, parsed_files: dict | None = None) -> dict:
    """Per layout: speeches, right starts (a remark at the speech's ○ line whose text begins with its first
    30 characters), right speakers (and the printed label kept), and remarks found where no speech is."""
    catalog = json.loads((archive / "corpus" / "catalog.json").read_text(encoding="utf-8"))
    parsed_files = parsed_files if parsed_files is not None else parse_archive(archive)
    totals: dict[str, Counter] = {}
    misses: list[tuple] = []
    for line in (archive / "ground_truth.jsonl").read_text(encoding="utf-8").splitlines():
        truth = json.loads(line)
        name = truth["file"]
        parsed = parsed_files[name]
        text = parsed.document.text
        count = totals.setdefault(catalog[name]["layout"], Counter())
        line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        by_start = {r.start: r for r in parsed.remarks}
        speech_starts = set()
        for speech in truth["speeches"]:
            at = line_starts[speech["line"] - 1]
            speech_starts.add(at)
            remark = by_start.get(at)
            want = speech_key(speech["first30"])
            got = speech_key(remark.text) if remark else ""
            start_ok = bool(got) and got.startswith(want[:len(got)])
            speaker_ok = start_ok and remark.speaker == expected_speaker(speech["label"]) and (
                getattr(remark, "label", None) in (None, speech["label"]))
            count.update(speeches=1, starts=start_ok, speakers=speaker_ok)
            if not speaker_ok:
                misses.append((name, speech["line"], speech["label"], remark and remark.speaker))
        count["extra"] += sum(1 for r in parsed.remarks if r.start not in speech_starts)
    return {"layouts": totals, "misses": misses}


@pytest.fixture(scope="module")
def archive_parsed() -> dict:
    if not (ARCHIVE / "ground_truth.jsonl").exists():
        pytest.skip(f"the archive is not at {ARCHIVE} (../shared/archive beside the repo)")
    return parse_archive()


@pytest.fixture(scope="module")
def archive_score(archive_parsed):
    return score_archive(ARCHIVE, archive_parsed)


def test_archive_turn_starts_and_speakers_at_least_99_percent(archive_score):
    total = sum(archive_score["layouts"].values(), Counter())
    assert total["speeches"] > 12000
    assert total["starts"] / total["speeches"] >= 0.99, archive_score["misses"][:20]
    assert total["speakers"] / total["speeches"] >= 0.99, archive_score["misses"][:20]


def test_archive_every_layout_at_least_98_percent_and_no_invented_remarks(archive_score):
    for layout, count in archive_score["layouts"].items():
        assert count["speakers"] / count["speeches"] >= 0.98, layout
        assert count["extra"] <= 0.01 * count["speeches"], layout


def test_archive_passages_read_well(archive_parsed):
    archive_passages = [p for parsed in archive_parsed.values() for p in parsed.passages]
    lengths = [len(p.text) for p in archive_passages]
    by_remark = Counter(p.remark_id for p in archive_passages)
    assert max(lengths) <= 500
    assert all(len(p.text) >= 20 for p in archive_passages if by_remark[p.remark_id] > 1)
    assert sorted(lengths)[len(lengths) // 2] >= 150               # half the passages are paragraphs, not lines


def not_speech(line: str) -> bool:
    """An agenda heading (日程第１, １ 報告事項, (2) その他) or a roster line (井野　俊郎君　　井林　辰憲君)."""
    return bool(AGENDA_ITEM.match(line) or is_subheading(line) or ROSTER.match(line))


def test_archive_speech_lines_end_up_in_remarks(archive_parsed):
    """After the first speech, a line of text (not a direction, rule, time or header line, agenda heading or
    roster of names) lies in a passage: what is left out is back matter (attendance after 散会, signatures)."""
    total = lost = 0
    for parsed in archive_parsed.values():
        text = parsed.document.text
        inside = bytearray(len(text) + 1)
        for p in parsed.passages:
            inside[p.start:p.end] = b"\1" * (p.end - p.start)
        for line in source_lines(text):
            if line.start < parsed.remarks[0].start or verbatim_line(line.text) != "text" or not_speech(line.text):
                continue
            total += len(line.text)
            lost += 0 if inside[line.start] or inside[line.end - 1] else len(line.text)
    assert lost <= 0.01 * total, (lost, total)


def test_archive_documents_know_body_number_and_date_from_their_header(archive_parsed):
    catalog = json.loads((ARCHIVE / "corpus" / "catalog.json").read_text(encoding="utf-8"))
    wrong = []
    for name, entry in sorted(catalog.items()):
        d = archive_parsed[name].document                   # parsed without the catalog: the header alone
        number = re.search(r"第\s*(\d+)", entry.get("meeting_number") or "")
        want = (entry["body"], int(number[1]) if number else None, entry["date"])
        if (d.meeting, d.meeting_number, d.date) != want:
            wrong.append((name, d.meeting, d.meeting_number, d.date, want))
    assert len(wrong) <= 0.01 * len(catalog), wrong[:10]


if __name__ == "__main__":
    result = score_archive()
    for layout, c in sorted(result["layouts"].items()):
        print(f"{layout:32} {c['speeches']:6} speeches  start {c['starts'] / c['speeches']:.4f}  "
              f"speaker {c['speakers'] / c['speeches']:.4f}  extra remarks {c['extra']}")
    for miss in result["misses"][:30]:
        print("miss", *miss)
