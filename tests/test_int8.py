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
    assert cosines.mean() >= 0.999 and cosines.min() >= 0.997, cosines.min()   # 0.9970 / 0.9947 unsmoothed
    queries = ["インフラ海外展開の新戦略", "DX and O&M", "政策評価の測定指標"]
    assert ((int8.encode_queries(queries) * encoder.encode_queries(queries)).sum(axis=1) >= 0.997).all()


def test_smoothing_keeps_the_float32_function(tmp_path):
    """SmoothQuant only moves scale from activations into weights: before quantization the smoothed
    model gives the same vectors as the fused one, and every quantized product got its scale."""
    import onnx
    import onnxruntime as ort
    from transformers import AutoTokenizer

    from search.int8 import _quiet, export_fp32, fuse_bert, smooth

    folder = ensure_default_model()
    with _quiet():
        export_fp32(folder, tmp_path / "model.onnx")
        fuse_bert(tmp_path / "model.onnx", tmp_path / "fused.onnx", folder)
        smooth(tmp_path / "fused.onnx", tmp_path / "smooth.onnx", folder)
    ops = [n.op_type for n in onnx.load(str(tmp_path / "smooth.onnx")).graph.node]
    assert ops.count("Mul") - ops.count("Attention") - ops.count("MatMul") == \
        [n.op_type for n in onnx.load(str(tmp_path / "fused.onnx")).graph.node].count("Mul")
    t = AutoTokenizer.from_pretrained(str(folder))(["passage: " + x for x in spread(corpus_paragraphs(), 6)],
                                                    padding=True, return_tensors="np")
    feed = {"input_ids": t["input_ids"].astype(np.int64), "attention_mask": t["attention_mask"].astype(np.int64)}
    fused, smoothed = (ort.InferenceSession(str(tmp_path / f), providers=["CPUExecutionProvider"]).run(None, feed)[0]
                       for f in ("fused.onnx", "smooth.onnx"))
    assert np.allclose(fused, smoothed, atol=1e-4)


def test_an_int8_vector_does_not_depend_on_the_other_passages(int8):
    """Dynamic quantization scales a batch's activations together; one passage a run keeps each
    vector the same however the texts are grouped (the embedding cache relies on it)."""
    texts = spread(corpus_paragraphs(), 12)
    together = int8.encode_passages(texts)
    alone = np.vstack([int8.encode_passages([t]) for t in texts[::-1]])[::-1]
    assert np.allclose(together, alone, rtol=0, atol=1e-6)       # batched by 8: ~1e-2 apart


def test_an_int8_index_answers_and_is_its_own_model(tmp_path, int8, encoder):
    from search.store import build_index

    assert int8.name == f"{DEFAULT_MODEL_NAME} [onnx-int8 SmoothQuant]"
    build_index(CORPUS, tmp_path / "index", encoder=int8)
    hits = Engine.open(tmp_path / "index", encoder=int8).search("DXとO&M", k=5)
    assert {"冨山委員", "柳川委員"} & {h.speaker for h in hits}
    with pytest.raises(SearchError, match="rebuild"):      # float32 queries against int8 passages: refused
        Engine.open(tmp_path / "index", encoder=encoder)


def test_an_int8_index_is_searched_and_updated_with_int8_without_setting_it(tmp_path, int8, monkeypatch, capsys):
    from search.cli import TIP_PASSAGES, _backend_tip, _tqdm_progress
    from search.store import build_index, read_manifest

    build_index(CORPUS, tmp_path / "index", encoder=int8)
    monkeypatch.delenv("GIJI_BACKEND", raising=False)                 # the default: torch
    engine = Engine.open(tmp_path / "index")
    assert {"冨山委員", "柳川委員"} & {h.speaker for h in engine.search("DXとO&M", k=5)}
    assert engine.encoder.name == int8.name                          # the index's backend, not the default
    report = build_index(CORPUS, tmp_path / "index")                 # an update keeps it too: nothing re-embedded
    assert report.embedded == 0 and read_manifest(tmp_path / "index")["model"] == int8.name
    assert _backend_tip(tmp_path / "index") is None
    tip = _backend_tip(tmp_path / "new")                              # a new index on torch: the tip, once
    assert tip and "GIJI_BACKEND=onnx-int8" in tip
    progress = _tqdm_progress(tmp_path / "new", tip)
    progress("embedding", 0, TIP_PASSAGES)
    progress("embedding", 8, TIP_PASSAGES)
    progress("done", 1, 1)
    assert capsys.readouterr().err.count("GIJI_BACKEND=onnx-int8") == 1
    from streamlit.testing.v1 import AppTest                          # the app too: search, no rebuild

    from tests.test_app import APP, TIMEOUT
    monkeypatch.setenv("GIJI_INDEX", str(tmp_path / "index"))
    monkeypatch.setenv("GIJI_CORPUS", str(CORPUS))
    monkeypatch.setenv("GIJI_DATA", str(tmp_path / "data"))
    version = read_manifest(tmp_path / "index")["version"]
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    at.text_input(key="w_q").input("DXとO&M").run()
    assert not at.exception and not at.error, [e.value for e in [*at.exception, *at.error]]
    assert any(b.key and b.key.startswith("add_") for b in at.button)
    assert read_manifest(tmp_path / "index")["version"] == version
    monkeypatch.setenv("GIJI_BACKEND", "torch")                       # chosen explicitly: refused, with the fix
    with pytest.raises(SearchError, match="rebuild"):
        Engine.open(tmp_path / "index").search("DXとO&M")


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
