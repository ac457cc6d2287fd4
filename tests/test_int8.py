"""The int8 ONNX Runtime backend (GIJI_BACKEND=onnx-int8) against the float32 default, on seed text."""
from __future__ import annotations

import shutil

import numpy as np
import pytest

from search.embed import Encoder, ModelError
from search.engine import Engine, SearchError
from search.model import DEFAULT_MODEL_NAME, ensure_default_model
from tests.conftest import CORPUS
from tests.test_embed import corpus_paragraphs, spread


@pytest.fixture(scope="module")
def int8():
    return Encoder.open("default", "onnx-int8")      # made once (about 45 s) into the model cache


def test_int8_vectors_are_close_to_the_float32_ones(int8, encoder):
    texts = spread(corpus_paragraphs(), 50)
    ours, reference = int8.encode_passages(texts), encoder.encode_passages(texts)
    assert ours.shape == (50, 384) and ours.dtype == np.float32
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-4)
    cosines = (ours * reference).sum(axis=1)
    assert cosines.mean() >= 0.995 and cosines.min() >= 0.985, cosines.min()
    queries = ["インフラ海外展開の新戦略", "DX and O&M", "政策評価の測定指標"]
    assert ((int8.encode_queries(queries) * encoder.encode_queries(queries)).sum(axis=1) >= 0.985).all()


def test_an_int8_vector_does_not_depend_on_the_other_passages(int8):
    """Dynamic quantization scales a batch's activations together; one passage a run keeps each
    vector the same however the texts are grouped (the embedding cache relies on it)."""
    texts = spread(corpus_paragraphs(), 12)
    together = int8.encode_passages(texts)
    alone = np.vstack([int8.encode_passages([t]) for t in texts[::-1]])[::-1]
    assert np.allclose(together, alone, rtol=0, atol=1e-6)       # batched by 8: ~1e-2 apart


def test_an_int8_index_answers_and_is_its_own_model(tmp_path, int8, encoder):
    from search.store import build_index

    assert int8.name == f"{DEFAULT_MODEL_NAME} [onnx-int8]"
    build_index(CORPUS, tmp_path / "index", encoder=int8)
    hits = Engine.open(tmp_path / "index", encoder=int8).search("DXとO&M", k=5)
    assert {"冨山委員", "柳川委員"} & {h.speaker for h in hits}
    with pytest.raises(SearchError, match="rebuild"):      # float32 queries against int8 passages: refused
        Engine.open(tmp_path / "index", encoder=encoder)


def test_unknown_backend_and_a_non_default_model_are_one_line_errors(monkeypatch, tmp_path):
    monkeypatch.setenv("GIJI_BACKEND", "tpu")
    with pytest.raises(ModelError, match="GIJI_BACKEND"):
        Encoder.open("default")
    with pytest.raises(ModelError, match="default model only"):
        Encoder.open(str(tmp_path), "onnx-int8")


def test_a_damaged_int8_file_says_how_to_remake_it(tmp_path, int8):
    from search.int8 import FILE, Int8Encoder

    source = ensure_default_model()
    for name in ("config.json", "sentence_bert_config.json", "tokenizer.json", "tokenizer_config.json",
                 "special_tokens_map.json"):
        shutil.copy(source / name, tmp_path / name)
    (tmp_path / FILE).parent.mkdir()
    (tmp_path / FILE).write_bytes(b"not an onnx model")
    with pytest.raises(ModelError) as err:
        Int8Encoder.load(tmp_path, "x", "query: ", "passage: ")
    assert "\n" not in str(err.value) and "delete it" in str(err.value)
