"""The standing fault suite: each hostile or careless input, one row, answered with one line and no traceback.

A row names the fault, how to make it (files under a tmp folder holding a copy of the seed index in `index/`
and of the seed corpus in `corpus/`, environment variables), what to run (a CLI command line, or a call), and
the exit status and line the user must get. The next fault found is one more row.
"""
from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
import pytest

from search.cli import main
from search.store import Store, StoreError, build_index, current_version_dir, verify
from tests.conftest import CORPUS, DEV_JSON

SHEET = "003_438bdac8e45b0f74.txt"


@dataclass
class Fault:
    name: str
    expect: str                                   # regex the first error (or warning) line must match
    argv: list[str] | None = None                 # CLI words; {tmp}, {index}, {corpus} are filled in
    call: Callable[[Path], object] | None = None  # or a call (given the tmp folder) that must raise
    prepare: Callable[[Path], None] | None = None
    env: dict[str, str] = field(default_factory=dict)
    status: int = 2
    line: str = "error"                           # the kind of line that says it: error or warning


# ---------------------------------------------------------------- ways to damage things
def live(tmp: Path) -> Path:
    return current_version_dir(tmp / "index")


def overwrite_half(rel: str) -> Callable[[Path], None]:
    def damage(tmp: Path) -> None:
        path = live(tmp) / rel
        data = bytearray(path.read_bytes())
        half = len(data) // 2
        data[half:] = np.random.default_rng(7).integers(0, 256, len(data) - half, dtype=np.uint8).tobytes()
        path.write_bytes(bytes(data))
    return damage


def truncate(rel: str) -> Callable[[Path], None]:
    return lambda tmp: (live(tmp) / rel).write_bytes(b"")


def random_tail(rel: str) -> Callable[[Path], None]:
    def damage(tmp: Path) -> None:
        with open(live(tmp) / rel, "ab") as f:
            f.write(np.random.default_rng(3).integers(0, 256, 999, dtype=np.uint8).tobytes())
    return damage


def swap_two_terms(tmp: Path) -> None:
    """Two BM25 terms swap their columns: valid JSON, the same size, every score plausible; only the checksum
    can tell (a keyword search would silently rank by the wrong term)."""
    path = live(tmp) / "bm25" / "vocab.index.json"
    raw = path.read_bytes()
    vocab = json.loads(raw)
    one, two = (t for t, i in vocab.items() if i in (1, 2))
    vocab[one], vocab[two] = vocab[two], vocab[one]
    damaged = json.dumps(vocab, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    assert len(damaged) == len(raw) and damaged != raw
    path.write_bytes(damaged)


def swap_two_vectors(tmp: Path) -> None:
    """Row 5 of vectors.npy overwritten with row 6: still unit vectors, the sizes unchanged."""
    vectors = np.load(live(tmp) / "vectors.npy")
    vectors[5] = vectors[6]
    np.save(live(tmp) / "vectors.npy", vectors)


def current_says(content: bytes) -> Callable[[Path], None]:
    return lambda tmp: (tmp / "index" / "CURRENT").write_bytes(content)


def write(rel: str, data: bytes | str) -> Callable[[Path], None]:
    def make(tmp: Path) -> None:
        path = tmp / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return make


def empty_corpus(*files: tuple[str, bytes]) -> Callable[[Path], None]:
    """A corpus of only these (refused) files, indexed into tmp/index: a library of no documents."""
    def make(tmp: Path) -> None:
        shutil.rmtree(tmp / "corpus")
        (tmp / "corpus").mkdir()
        for name, data in files:
            (tmp / "corpus" / name).write_bytes(data)
        shutil.rmtree(tmp / "index")
        assert main(["index", str(tmp / "corpus"), "--index", str(tmp / "index")]) in (0, 1)
    return make


def link(name: str, target: Callable[[Path], Path]) -> Callable[[Path], None]:
    return lambda tmp: (tmp / "corpus" / name).symlink_to(target(tmp))


def judgments(obj) -> Callable[[Path], None]:
    return write("judgments.json", json.dumps(obj, ensure_ascii=False))


QUERY = ["query", "DXとO&M", "--index", "{index}", "--mode", "keyword"]
INDEX = ["index", "{corpus}", "--index", "{index}"]
CORRUPT = r"index .* is corrupt \({}\); rebuild it with: python -m search index"

FAULTS = [
    # --- damaged index files (§3 and §6)
    Fault("vectors.faiss half random", CORRUPT.format("vectors.faiss does not hold the stored vectors"),
          QUERY, prepare=overwrite_half("vectors.faiss")),
    Fault("bm25 scores half random", CORRUPT.format("bm25: keyword score.*"), QUERY,
          prepare=overwrite_half("bm25/data.csc.index.npy")),
    Fault("vectors.npy half random", CORRUPT.format("vectors.npy holds vectors that are not unit vectors"), QUERY,
          prepare=overwrite_half("vectors.npy")),
    Fault("vectors.npy truncated to 0 bytes", CORRUPT.format("vectors.npy has 0 bytes, [0-9,]+ were written"), QUERY,
          prepare=truncate("vectors.npy")),
    Fault("bm25 indices truncated to 0 bytes", CORRUPT.format("bm25/indices.csc.index.npy has 0 bytes.*"), QUERY,
          prepare=truncate("bm25/indices.csc.index.npy")),
    Fault("vectors.npy with a random tail", CORRUPT.format(r"vectors.npy has [0-9,]+ bytes, [0-9,]+ were written"),
          QUERY, prepare=random_tail("vectors.npy")),
    Fault("bm25 data with a random tail", CORRUPT.format(r"bm25/data.csc.index.npy has [0-9,]+ bytes.*"),
          QUERY, prepare=random_tail("bm25/data.csc.index.npy")),
    Fault("meta.sqlite deleted", CORRUPT.format("meta.sqlite is missing"), QUERY,
          prepare=lambda tmp: (live(tmp) / "meta.sqlite").unlink()),
    Fault("a vector silently replaced", CORRUPT.format("vectors.faiss does not hold the stored vectors"), QUERY,
          prepare=swap_two_vectors),
    Fault("two BM25 terms swapped: info --verify", CORRUPT.format(r"bm25/vocab.index.json: checksum differs.*"),
          ["info", "--verify", "--index", "{index}"], prepare=swap_two_terms),
    Fault("two BM25 terms swapped: the search still answers, verify tells", CORRUPT.format(r"bm25/vocab.*"),
          call=lambda tmp: (Store.open(tmp / "index").close(), _raise_first(verify(tmp / "index"))),
          prepare=swap_two_terms),
    Fault("CURRENT empty", CORRUPT.format("CURRENT does not name a version folder of it"), QUERY,
          prepare=current_says(b"")),
    Fault("CURRENT binary", CORRUPT.format("CURRENT does not name a version folder of it"), QUERY,
          prepare=current_says(b"\x00\xff\xfe\x01v-")),
    Fault("CURRENT pointing outside", CORRUPT.format("CURRENT does not name a version folder of it"), QUERY,
          prepare=current_says(b"../../etc")),
    Fault("CURRENT naming a missing version", CORRUPT.format("CURRENT names v-gone, which is missing"), QUERY,
          prepare=current_says(b"v-gone\n")),
    Fault("non-finite semantic score", CORRUPT.format("semantic scores that are not numbers.*"),
          call=lambda tmp: Store.open(tmp / "index").check_scores("semantic", [0.5, float("nan")])),
    Fault("impossible keyword score", CORRUPT.format("keyword score 2.9e\\+27 is outside 0.*"),
          call=lambda tmp: Store.open(tmp / "index").check_scores("keyword", [3.0, 2.9e27])),
    # --- index folders and corpora (§6)
    Fault("index --index an existing file", "is a file, not an index folder",
          ["index", "{corpus}", "--index", "{tmp}/afile"], prepare=write("afile", "x")),
    Fault("query --index an existing file", "is a file, not an index folder",
          ["query", "DX", "--index", "{tmp}/afile"], prepare=write("afile", "x")),
    Fault("corpus folder missing", "corpus folder .* does not exist", ["index", "{tmp}/nowhere", "--index", "{index}"]),
    Fault("catalog.json broken", r"catalog.json: is not valid JSON \(line 1", INDEX,
          prepare=write("corpus/catalog.json", "{documents:")),
    Fault("empty corpus, then a search", "the library is empty.*python -m search index", QUERY,
          prepare=empty_corpus()),
    Fault("every file refused, then a search", "the library is empty", QUERY,
          prepare=empty_corpus(("a.txt", b"\x00\x01\x02binary"), ("b.txt", b""))),
    Fault("NUL bytes at the start of a text file", r"nul.txt: looks like a binary file", INDEX,
          prepare=write("corpus/nul.txt", "懇談会\x00議事要旨\n（冨山委員）\n発言。\n"), status=1),
    Fault("symlink to a file outside the corpus", r"outside.txt: is a symbolic link to .*, outside the corpus folder",
          INDEX, prepare=lambda tmp: (write("afile.txt", "外の文書")(tmp), link("outside.txt", lambda t: t / "afile.txt")(tmp)),
          status=1),
    Fault("symlink loop", r"loop.txt: is a symbolic link loop", INDEX,
          prepare=lambda tmp: ((tmp / "corpus" / "loop.txt").symlink_to("loop2.txt"),
                               (tmp / "corpus" / "loop2.txt").symlink_to("loop.txt")), status=1),
    Fault("IVF1024,PQ32 on the seed corpus", r"index_factory 'IVF1024,PQ32' cannot be built on \d+ passages .*"
          r"built 'Flat' \(exact search\) instead", INDEX, env={"GIJI_INDEX_FACTORY": "IVF1024,PQ32"},
          status=0, line="warning"),
    Fault("IDMap,Flat", r"index_factory 'IDMap,Flat' cannot be built .*use add_with_ids.*built 'Flat'", INDEX,
          env={"GIJI_INDEX_FACTORY": "IDMap,Flat"}, status=0, line="warning"),
    Fault("a factory FAISS does not know", r"index_factory 'Nonsense99' is not a valid FAISS index description",
          INDEX + ["--factory", "Nonsense99"]),
    # --- settings (§6)
    Fault("GIJI_SEMANTIC_WEIGHT not a number", r"GIJI_SEMANTIC_WEIGHT='abc' .*a number from 0 to 100", QUERY,
          env={"GIJI_SEMANTIC_WEIGHT": "abc"}),
    Fault("GIJI_KEYWORD_WEIGHT NaN", r"GIJI_KEYWORD_WEIGHT='nan' .*a number from 0 to 100", QUERY,
          env={"GIJI_KEYWORD_WEIGHT": "nan"}),
    Fault("GIJI_SEMANTIC_WEIGHT negative", r"GIJI_SEMANTIC_WEIGHT='-1' .*a number from 0 to 100", QUERY,
          env={"GIJI_SEMANTIC_WEIGHT": "-1"}),
    Fault("GIJI_MAX_UPLOAD_MB zero", r"GIJI_MAX_UPLOAD_MB='0' .*a number above 0 to 1024",
          call=lambda tmp: __import__("search.settings").settings.get("max_upload_mb"),
          env={"GIJI_MAX_UPLOAD_MB": "0"}),
    Fault("GIJI_GLOSSARY missing", r"GIJI_GLOSSARY='.*/none.tsv': no such file", QUERY,
          env={"GIJI_GLOSSARY": "{tmp}/none.tsv"}),
    Fault("GIJI_GLOSSARY not UTF-8", r"GIJI_GLOSSARY='.*/sjis.tsv': is not UTF-8", QUERY,
          env={"GIJI_GLOSSARY": "{tmp}/sjis.tsv"}, prepare=write("sjis.tsv", "運用保守\tO&M\n".encode("cp932"))),
    # --- batch and explore (§6)
    Fault("batch: a query without id", r'judgments.json: query 2 has no "id"',
          ["batch", "{tmp}/judgments.json", "--out", "{tmp}/run.jsonl", "--index", "{index}"],
          prepare=judgments({"queries": [{"id": "q1", "query": "DX"}, {"query": "O&M"}]})),
    Fault("batch: a query that is not a string", r"judgments.json: query 'q1' has no \"query\" text",
          ["batch", "{tmp}/judgments.json", "--out", "{tmp}/run.jsonl", "--index", "{index}"],
          prepare=judgments({"queries": [{"id": "q1", "query": 42}]})),
    Fault('batch: "queries": "x"', r'judgments.json: "queries" must be a list',
          ["batch", "{tmp}/judgments.json", "--out", "{tmp}/run.jsonl", "--index", "{index}"],
          prepare=judgments({"queries": "x"})),
    Fault("batch: a judgments file that is a list", r'judgments.json: "queries" must be a list',
          ["batch", "{tmp}/judgments.json", "--out", "{tmp}/run.jsonl", "--index", "{index}"],
          prepare=judgments([1, 2])),
    Fault("batch: --out in a missing folder", r"--out .*/missing/run.jsonl: folder .*/missing does not exist",
          ["batch", str(DEV_JSON), "--out", "{tmp}/missing/run.jsonl", "--index", "{index}"]),
    Fault("explore --export onto an existing file", r"--export .*/afile is an existing file",
          ["explore", "--index", "{index}", "--export", "{tmp}/afile"], prepare=write("afile", "x")),
    # --- filters (§6)
    Fault("an inverted date range", r"the date range is inverted: from 2021-01-01 is after to 2020-01-01",
          QUERY + ["--from", "2021-01-01", "--to", "2020-01-01"]),
    Fault("an unknown document type", r"unknown document type 'minute'; use one of: minutes, evaluation_sheet",
          QUERY + ["--doc-type", "minute"]),
    Fault("an unknown speaker", r"unknown speaker '山田委員'", QUERY + ["--speaker", "山田委員"]),
    Fault("a date that is no date", r"date '2020-13-01' is not YYYY-MM-DD", QUERY + ["--from", "2020-13-01"]),
]


def _raise_first(problems: list[str]) -> None:
    if problems:
        raise StoreError(problems[0])


@pytest.fixture
def workdir(tmp_path, seed_index, encoder, monkeypatch):
    """tmp/index: a copy of the seed index; tmp/corpus: a copy of the seed corpus; the session's model."""
    from search.embed import Encoder

    shutil.copytree(seed_index, tmp_path / "index")
    shutil.copytree(CORPUS, tmp_path / "corpus")
    monkeypatch.setattr(Encoder, "open", classmethod(lambda cls, *a, **kw: encoder))
    return tmp_path


@pytest.mark.parametrize("fault", FAULTS, ids=[f.name for f in FAULTS])
def test_fault_is_one_line(fault, workdir, monkeypatch, capsys):
    fill = {"tmp": str(workdir), "index": str(workdir / "index"), "corpus": str(workdir / "corpus")}
    for name, value in fault.env.items():
        monkeypatch.setenv(name, value.format(**fill))
    if fault.prepare:
        fault.prepare(workdir)
    capsys.readouterr()
    if fault.call:
        with pytest.raises(Exception) as caught:
            fault.call(workdir)
        said = [f"error: {caught.value}"]
        assert "\n" not in str(caught.value)
    else:
        status = main([word.format(**fill) for word in fault.argv])
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        assert status == fault.status, err[-600:]
        said = [ln for ln in err.splitlines() if ln.startswith(f"{fault.line}: ")]
    assert said, f"no {fault.line} line"
    assert re.search(fault.expect, said[0]), said[0]


def test_the_suite_counts_its_cases():
    assert len({f.name for f in FAULTS}) == len(FAULTS) >= 45


def test_a_sound_index_verifies_clean_and_keeps_answering(workdir, capsys):
    assert verify(workdir / "index") == []
    assert main(["info", "--verify", "--index", str(workdir / "index")]) == 0
    assert "verified" in capsys.readouterr().out


def test_an_empty_library_is_a_valid_index(workdir, encoder):
    (workdir / "empty").mkdir()
    report = build_index(workdir / "empty", workdir / "index", encoder=encoder)
    assert report.passages == 0 and report.removed and not report.errors
    store = Store.open(workdir / "index")
    assert store.n_passages == 0 and store.documents == {}
    assert verify(workdir / "index") == []
    shutil.copy(CORPUS / SHEET, workdir / "empty" / SHEET)       # and it takes documents again
    assert build_index(workdir / "empty", workdir / "index", encoder=encoder).added == [SHEET]


def test_nul_bytes_after_the_first_8_kb_are_removed_not_stored(tmp_path):
    from search.ingest import load_document

    text = (CORPUS / SHEET).read_text(encoding="utf-8")
    assert len(text.encode("utf-8")) > 8192
    (tmp_path / SHEET).write_text(text[:5000] + "\x00" + text[5000:] + "\x00", encoding="utf-8")
    parsed = load_document(tmp_path / SHEET)
    assert "\x00" not in parsed.document.text and all("\x00" not in p.text for p in parsed.passages)
    assert parsed.document.text == load_document(CORPUS / SHEET).document.text     # the same file, the NULs gone


def test_a_symlink_inside_the_corpus_is_followed(tmp_path):
    from search.ingest import corpus_files

    shutil.copy(CORPUS / SHEET, tmp_path / SHEET)
    (tmp_path / "alias.txt").symlink_to(tmp_path / SHEET)
    files, refused = corpus_files(tmp_path)
    assert [f.name for f in files] == ["003_438bdac8e45b0f74.txt", "alias.txt"] and not refused
    assert os.path.islink(files[1])
