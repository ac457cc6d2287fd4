"""The default model in ONNX Runtime with int8 weights (GIJI_BACKEND=onnx-int8): faster embedding on a CPU.

On this project's 2-core CPU it embeds 1.8-1.9x as fast as sentence-transformers' fp32 default (batch 32)
and a query in 7.5 ms instead of 43, at cosine 0.997 to the fp32 vectors; dev nDCG@10 is hybrid 0.646
(fp32 0.659) and semantic 0.614 (0.593), so it is offered, not the default (docs/performance.md). It is
made once from the converted model folder, next to it in the cache:

  torch.onnx export of the BERT encoder + mean pooling + L2 normalisation (the sentence-transformers
  pipeline) -> onnxruntime's BERT fusions (one Attention operator per layer) -> dynamic int8
  quantization of the MatMul and Attention weights: signed, per output channel, 7-bit (onnxruntime's
  advice for CPUs without VNNI, where full 8-bit products can saturate). The word-embedding lookup
  stays float32: a lookup gains no speed from int8, only error.
"""
from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

from search.embed import Encoder, ModelError, _cpu_threads

BACKEND = "onnx-int8"
FILE = Path("onnx") / "model_int8.onnx"


def int8_model(model_dir: Path, log=print) -> Path:
    """The int8 ONNX file of a converted model folder; made (about a minute, once) if missing."""
    out = Path(model_dir) / FILE
    if out.exists():
        return out
    started = time.perf_counter()
    out.parent.mkdir(exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".building-", dir=out.parent))
    try:
        with _quiet():
            export_fp32(Path(model_dir), tmp / "model.onnx")
            fuse_bert(tmp / "model.onnx", tmp / "fused.onnx", Path(model_dir))
            _quantize(tmp / "fused.onnx", tmp / "model_int8.onnx")
        os.replace(tmp / "model_int8.onnx", out)            # whole or not at all
    except Exception as e:  # an exporter or quantizer failure: one line, and the way around it
        raise ModelError(f"cannot make the int8 model in {out.parent} ({e.__class__.__name__}: {e}); "
                         "set GIJI_BACKEND=torch to embed with sentence-transformers instead") from e
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if log:
        log(f"int8 model ready: {out} ({time.perf_counter() - started:.0f} s)")
    return out


@contextlib.contextmanager
def _quiet():
    """The exporters' tracing warnings and advice are not for the user: the result is tested."""
    from transformers.utils import logging as hf_logging

    root, level = logging.getLogger(), logging.getLogger().level
    verbosity = hf_logging.get_verbosity()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        root.setLevel(logging.ERROR)
        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
        try:
            yield
        finally:
            root.setLevel(level)
            hf_logging.set_verbosity(verbosity)


def export_fp32(model_dir: Path, path: Path) -> None:
    """The float32 ONNX file: BERT + mean pooling + L2 normalisation, dynamic batch and length."""
    import torch
    from transformers import AutoTokenizer, BertModel

    bert = BertModel.from_pretrained(str(model_dir), attn_implementation="eager",   # plain attention: fusable
                                     add_pooling_layer=False)
    bert.eval()

    class Pooled(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, input_ids, attention_mask):
            h = self.m(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            w = attention_mask.unsqueeze(-1).to(h.dtype)
            v = (h * w).sum(1) / w.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(v, p=2.0, dim=-1)

    t = AutoTokenizer.from_pretrained(str(model_dir))(["passage: 例文です。", "passage: もう少し長い例文、会議"],
                                                     padding=True, return_tensors="pt")
    with torch.no_grad():
        torch.onnx.export(Pooled(bert), (t["input_ids"], t["attention_mask"]), str(path), dynamo=False,
                          input_names=["input_ids", "attention_mask"], output_names=["sentence_embedding"],
                          opset_version=17,
                          dynamic_axes={"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"},
                                        "sentence_embedding": {0: "batch"}})


def fuse_bert(src: Path, dst: Path, model_dir: Path) -> None:
    """onnxruntime's BERT fusions (one Attention operator per layer), as optimum's O2 level."""
    import json

    from onnxruntime.transformers.optimizer import optimize_model

    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    optimize_model(str(src), model_type="bert", num_heads=config["num_attention_heads"],
                   hidden_size=config["hidden_size"], opt_level=1).save_model_to_file(str(dst))


def _quantize(src: Path, dst: Path) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(src), str(dst), weight_type=QuantType.QInt8, per_channel=True, reduce_range=True,
                     op_types_to_quantize=["MatMul", "Attention"],
                     extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})


class Int8Encoder(Encoder):
    """Encoder over an int8 ONNX model in ONNX Runtime; same tokenizer, prefixes and vectors' shape."""

    def __init__(self, session, tokenizer, name: str, query_prefix: str, passage_prefix: str, dim: int,
                 max_seq_length: int):
        self.session, self.tokenizer = session, tokenizer
        self.name, self.query_prefix, self.passage_prefix = name, query_prefix, passage_prefix
        self.dim, self.max_seq_length = dim, max_seq_length

    @classmethod
    def load(cls, model_dir: Path, name: str, query_prefix: str, passage_prefix: str) -> "Int8Encoder":
        import json

        import onnxruntime as ort
        from transformers import AutoTokenizer

        path = int8_model(model_dir)
        so = ort.SessionOptions()
        so.intra_op_num_threads, so.inter_op_num_threads = _cpu_threads(), 1
        so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # threads sleep instead of spinning between runs, so a query does not fight a busy core
        so.add_session_config_entry("session.intra_op.allow_spinning", "0")
        try:
            session = ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])
        except Exception as e:  # a damaged file: one line, and how to remake it
            raise ModelError(f"cannot load the int8 model {path} ({e.__class__.__name__}); delete it to "
                             "have it made again, or set GIJI_BACKEND=torch") from e
        config = json.loads((Path(model_dir) / "config.json").read_text(encoding="utf-8"))
        st_config = json.loads((Path(model_dir) / "sentence_bert_config.json").read_text(encoding="utf-8"))
        tokenizer = AutoTokenizer.from_pretrained(str(model_dir))
        return cls(session, tokenizer, name, query_prefix, passage_prefix, int(config["hidden_size"]),
                   int(st_config["max_seq_length"]))

    @property
    def device(self) -> str:
        return "cpu"

    def passage_batch_size(self) -> int:
        """One passage a run: dynamic quantization scales a whole batch's activations together, so in a
        batch a passage's vector would depend on its neighbours; alone it is always the same (and batch
        1 is within 15% of the fastest batch size here)."""
        return 1

    def _encode(self, texts: list[str], prefix: str, batch_size: int) -> np.ndarray:
        out = []
        for start in range(0, len(texts), batch_size):
            t = self.tokenizer([prefix + x for x in texts[start:start + batch_size]], padding=True,
                               truncation=True, max_length=self.max_seq_length, return_tensors="np")
            out.append(self.session.run(None, {"input_ids": t["input_ids"].astype(np.int64),
                                               "attention_mask": t["attention_mask"].astype(np.int64)})[0])
        return np.concatenate(out).astype(np.float32) if out else np.zeros((0, self.dim), np.float32)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(list(texts), self.query_prefix, 1)
