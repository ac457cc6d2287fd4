"""The default model in ONNX Runtime with int8 weights (GIJI_BACKEND=onnx-int8): faster embedding on a CPU.

Measured on this project's 2-core CPU in docs/performance.md (speed, cosine to the float32 vectors, top-10
agreement, dev nDCG@10). It is made once from the converted model folder, next to it in the cache:

  torch.onnx export of the BERT encoder + mean pooling + L2 normalisation (the sentence-transformers
  pipeline) -> onnxruntime's BERT fusions (one Attention operator per layer) -> SmoothQuant (below)
  -> dynamic int8 quantization of the MatMul and Attention weights: signed, per output channel, 8-bit.
  The word-embedding lookup stays float32: a lookup gains no speed from int8, only error.

Why SmoothQuant (Xiao et al., 2023): dynamic quantization gives a whole activation matrix one int8
scale, and this model's activations have a few outlier channels (the attention LayerNorm output reaches
30-44 in one channel where the others stay near 2; one GELU channel reaches 60), so every other channel
keeps only a few levels. Each quantized product X·W is rewritten (X·diag(1/s))·(diag(s)·W), with
s_j = max|X_j|^0.75 / max|W_j|^0.25 from a fixed calibration text (calibration.txt, seed passages):
the same function in float32, with most of the outlier moved into the weights, which are quantized
per output channel. Cosine to the float32 vectors went from 0.9970 to 0.9994.
"""
from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from search.encoding import BaseEncoder, _cpu_threads, known_prefixes
from search.model import ModelError

FILE = Path("onnx") / "model_int8_smooth.onnx"     # a new recipe gets a new file name and model name
RECIPE = "onnx-int8 SmoothQuant"                           # in the model name: indexes and caches by it
CALIBRATION = Path(__file__).with_name("calibration.txt")
ALPHA = 0.75                                              # how much of an outlier moves into the weights


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
            smooth(tmp / "fused.onnx", tmp / "smooth.onnx", Path(model_dir))
            _quantize(tmp / "smooth.onnx", tmp / "model_int8.onnx")
        os.replace(tmp / "model_int8.onnx", out)            # whole or not at all
        (out.parent / "model_int8.onnx").unlink(missing_ok=True)     # the earlier recipe's file (407 MB)
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


def smooth(src: Path, dst: Path, model_dir: Path, alpha: float = ALPHA) -> None:
    """SmoothQuant: X·W -> (X·diag(1/s))·(diag(s)·W) for every MatMul / Attention with constant weights,
    s from the largest |X_j| seen on the calibration text. The same function in float32 (tested)."""
    import onnx
    import onnxruntime as ort
    from onnx import helper, numpy_helper
    from transformers import AutoTokenizer

    model = onnx.load(str(src))
    weights = {t.name: t for t in model.graph.initializer}
    targets = [n for n in model.graph.node if n.op_type in ("MatMul", "Attention") and n.input[1] in weights]
    inputs = sorted({n.input[0] for n in targets})
    probe = onnx.ModelProto()
    probe.CopyFrom(model)                        # the same graph, its activations as outputs too
    probe.graph.output.extend(helper.make_tensor_value_info(x, onnx.TensorProto.FLOAT, None) for x in inputs)
    session = ort.InferenceSession(probe.SerializeToString(), providers=["CPUExecutionProvider"])
    names = [o.name for o in session.get_outputs()]
    tokenizer = AutoTokenizer.from_pretrained(str(model_dir))
    prefix = known_prefixes(str(model_dir))[1]
    amax: dict[str, np.ndarray] = {}
    for line in CALIBRATION.read_text(encoding="utf-8").splitlines():
        t = tokenizer([prefix + line], truncation=True, max_length=512, return_tensors="np")
        outs = session.run(None, {"input_ids": t["input_ids"].astype(np.int64),
                                  "attention_mask": t["attention_mask"].astype(np.int64)})
        for name, x in zip(names, outs):
            if name in inputs:
                amax[name] = np.maximum(amax.get(name, 0.0), np.abs(x.reshape(-1, x.shape[-1])).max(axis=0))
    nodes = []
    for node in model.graph.node:
        if node in targets:
            w = numpy_helper.to_array(weights[node.input[1]])
            s = (np.maximum(amax[node.input[0]], 1e-5) ** alpha
                 / np.maximum(np.abs(w).max(axis=1), 1e-5) ** (1 - alpha)).astype(np.float32)
            weights[node.input[1]].CopyFrom(numpy_helper.from_array(w * s[:, None], node.input[1]))
            model.graph.initializer.append(numpy_helper.from_array(1 / s, node.name + "_smooth_scale"))
            nodes.append(helper.make_node("Mul", [node.input[0], node.name + "_smooth_scale"],
                                          [node.name + "_smoothed"], name=node.name + "_smooth"))
            node.input[0] = node.name + "_smoothed"
        nodes.append(node)
    del model.graph.node[:]
    model.graph.node.extend(nodes)
    onnx.save(model, str(dst))


def _quantize(src: Path, dst: Path) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(src), str(dst), weight_type=QuantType.QInt8, per_channel=True, reduce_range=False,
                     op_types_to_quantize=["MatMul", "Attention"],
                     extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})


class Int8Encoder(BaseEncoder):
    """Encoder over an int8 ONNX model in ONNX Runtime; same tokenizer, prefixes and vectors' shape.

    One single-threaded session, run by one worker per core, one passage a run: the cores work on
    different passages instead of splitting each small product of one passage between them (2.1-2.2x
    sentence-transformers' float32 default here, against ~1.95x for one run on two threads; the vectors
    are the same either way). Dynamic quantization scales a whole run's activations together, so a
    passage always runs alone: its vector never depends on its neighbours (the embedding cache relies
    on it)."""

    def __init__(self, session, tokenizer, name: str, query_prefix: str, passage_prefix: str, dim: int,
                 max_seq_length: int, workers: int):
        self.session, self.tokenizer = session, tokenizer
        self.name, self.query_prefix, self.passage_prefix = name, query_prefix, passage_prefix
        self.dim, self.max_seq_length = dim, max_seq_length
        self.pool = ThreadPoolExecutor(workers, thread_name_prefix="int8") if workers > 1 else None

    @classmethod
    def load(cls, model_dir: Path, name: str, query_prefix: str, passage_prefix: str) -> "Int8Encoder":
        import json

        import onnxruntime as ort
        from transformers import AutoTokenizer

        path = int8_model(model_dir)
        so = ort.SessionOptions()
        so.intra_op_num_threads, so.inter_op_num_threads = 1, 1
        so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        try:
            session = ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])
        except Exception as e:  # a damaged file: one line, and how to remake it
            raise ModelError(f"cannot load the int8 model {path} ({e.__class__.__name__}); delete it to "
                             "have it made again, or set GIJI_BACKEND=torch") from e
        config = json.loads((Path(model_dir) / "config.json").read_text(encoding="utf-8"))
        st_config = json.loads((Path(model_dir) / "sentence_bert_config.json").read_text(encoding="utf-8"))
        tokenizer = AutoTokenizer.from_pretrained(str(model_dir))
        return cls(session, tokenizer, name, query_prefix, passage_prefix, int(config["hidden_size"]),
                   int(st_config["max_seq_length"]), _cpu_threads())

    @property
    def device(self) -> str:
        return "cpu"

    def passage_batch_size(self) -> int:
        return 1

    def _run(self, texts: list[str]) -> np.ndarray:
        t = self.tokenizer(texts, padding=True, truncation=True, max_length=self.max_seq_length,
                           return_tensors="np")
        return self.session.run(None, {"input_ids": t["input_ids"].astype(np.int64),
                                       "attention_mask": t["attention_mask"].astype(np.int64)})[0]

    def _encode_batches(self, batches: list[list[str]], prefix: str):
        """Each batch's vectors, in order; the batches run on the workers side by side. Passages come
        one a batch (passage_batch_size); larger batches only in benchmarks, since their vectors depend
        on the batch."""
        batches = [[prefix + t for t in b] for b in batches]
        return self.pool.map(self._run, batches) if self.pool else map(self._run, batches)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        vectors = list(self._encode_batches([[t] for t in texts], self.query_prefix))
        return np.vstack(vectors).astype(np.float32) if vectors else np.zeros((0, self.dim), np.float32)
