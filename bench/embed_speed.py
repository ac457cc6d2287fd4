"""Embedding throughput on real seed passages (as the index embeds them): batch size, threads, length sorting, fp32 vs int8; matmul FLOP/s.

    .venv/bin/python bench/embed_speed.py [--passages 96] [--batches 1 8 32] [--int8]

Throughput is compared with this machine's measured float32 matrix-multiply FLOP/s (numpy and torch).
The model cost per token is counted as 2 x (weights of the transformer layers) + attention, so the
"% of matmul peak" column is an estimate of how well the encoder uses the CPU.
"""
from __future__ import annotations

import argparse
import copy
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def load() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


def matmul_gflops(threads: int, n: int = 1024, repeat: int = 5) -> dict[str, float]:
    """Best-of-repeat float32 n x n matmul GFLOP/s with numpy and torch at `threads` threads."""
    import torch

    torch.set_num_threads(threads)
    a = np.random.default_rng(0).standard_normal((n, n), dtype=np.float32)
    out = {}
    ta = torch.from_numpy(a)
    for name, f in (("torch", lambda: torch.mm(ta, ta)), ("numpy", lambda: a @ a)):
        if name == "numpy" and threads != _numpy_threads():
            continue
        f()
        best = min(_timed(f) for _ in range(repeat))
        out[name] = 2 * n ** 3 / best / 1e9
    return out


def _numpy_threads() -> int:
    try:
        from threadpoolctl import threadpool_info
        return max(i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas")
    except Exception:
        return -1


def _timed(f) -> float:
    t = time.perf_counter()
    f()
    return time.perf_counter() - t


def flops_per_token(model, seq_len: float) -> float:
    """2 x transformer-layer weights (embeddings are lookups) + attention scores/mix (4 x seq x hidden) per layer."""
    cfg = model[0].auto_model.config
    layer_weights = sum(p.numel() for n, p in model[0].auto_model.named_parameters()
                        if ".layer." in n and p.dim() == 2)
    return 2 * layer_weights + cfg.num_hidden_layers * 4 * seq_len * cfg.hidden_size


def measure(encoder, texts: list[str], batch: int, threads: int, sort: bool) -> float:
    """Seconds to embed all texts (passage prefix included), in length-sorted batches or in the given order."""
    import torch

    torch.set_num_threads(threads)
    t = time.perf_counter()
    if sort:
        encoder.encode_passages(texts, batch_size=batch)
    else:
        for s in range(0, len(texts), batch):
            encoder._encode(texts[s:s + batch], encoder.passage_prefix, batch)
    return time.perf_counter() - t


def int8_encoder(encoder):
    """A copy of the encoder with torch dynamic int8 quantization of every nn.Linear (offline, no export)."""
    import torch

    from search.embed import Encoder

    model = copy.deepcopy(encoder.model)
    module = model[0]                    # sentence-transformers' Transformer; forward() runs .model
    attr = "model" if isinstance(getattr(module, "model", None), torch.nn.Module) else "auto_model"
    setattr(module, attr, torch.ao.quantization.quantize_dynamic(getattr(module, attr), {torch.nn.Linear},
                                                                 dtype=torch.qint8))
    return Encoder(model, encoder.name + "#int8", encoder.query_prefix, encoder.passage_prefix)


def agreement(fp32, other, passages: list[str], queries: list[str], k: int = 10) -> dict[str, float]:
    """Mean cosine between the two encoders' passage vectors, and top-k overlap of dev queries over the seed passages."""
    a, b = fp32.encode_passages(passages), other.encode_passages(passages)
    qa, qb = fp32.encode_queries(queries), other.encode_queries(queries)
    ta, tb = np.argsort(-(qa @ a.T), axis=1)[:, :k], np.argsort(-(qb @ b.T), axis=1)[:, :k]
    return {"cosine": float(np.mean(np.sum(a * b, axis=1))),
            "top10_overlap": float(np.mean([len(set(x) & set(y)) / k for x, y in zip(ta, tb)]))}


def seed_embedding_texts() -> list[str]:
    """What the model reads for each seed passage when the index is built (context header + text)."""
    from search.ingest import load_catalog, load_document
    from search.embed import embedding_text
    from search.store import corpus_files

    corpus = ROOT / "corpus"
    catalog = load_catalog(corpus)
    parsed = [load_document(f, catalog) for f in corpus_files(corpus)]
    return [embedding_text(s, p.document) for p in parsed for s in p.passages]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passages", type=int, default=96, help="how many seed passages to embed per measurement")
    ap.add_argument("--batches", type=int, nargs="+", default=[1, 8, 32])
    ap.add_argument("--int8", action="store_true", help="also measure torch dynamic int8 quantization")
    a = ap.parse_args()
    import json

    import torch

    from search.embed import Encoder, _cpu_threads

    cores = _cpu_threads()
    print(f"# device: {'cuda ' + torch.cuda.get_device_name(0) if torch.cuda.is_available() else 'cpu'}, "
          f"{cores} cores; torch {torch.__version__}; load {load()}", flush=True)
    print("| threads | torch matmul GFLOP/s | numpy matmul GFLOP/s |\n|---:|---:|---:|")
    peak = {}
    for th in sorted({1, cores}):
        g = matmul_gflops(th)
        peak[th] = g["torch"]
        print(f"| {th} | {g['torch']:.1f} | {g.get('numpy', float('nan')):.1f} |", flush=True)

    encoder = Encoder.open()
    all_texts = seed_embedding_texts()
    texts = random.Random(0).sample(all_texts, min(a.passages, len(all_texts)))
    tok = encoder.model.tokenizer
    lens = [min(len(tok(encoder.passage_prefix + t)["input_ids"]), encoder.max_seq_length) for t in texts]
    tokens = sum(lens)
    fpt = flops_per_token(encoder.model, float(np.mean(lens)))
    print(f"\n# {len(texts)} real seed passages, {tokens} tokens ({np.mean(lens):.0f} per passage, max {max(lens)}); "
          f"~{fpt / 1e6:.0f} MFLOP per token", flush=True)
    print("| model | batch | threads | length-sorted | passages/s | tokens/s | GFLOP/s | % of torch matmul | load |\n"
          "|---|---:|---:|---|---:|---:|---:|---:|---|", flush=True)
    encoders = [("fp32", encoder)]
    if a.int8:
        encoders.append(("int8 (torch dynamic)", int8_encoder(encoder)))
    configs = [(b, cores, True) for b in a.batches] + [(max(a.batches), cores, False), (max(a.batches), 1, True)]
    results = {}
    for name, enc in encoders:
        enc.encode_passages(texts[:8], batch_size=8)          # warm-up
        for b, th, sort in (configs if name == "fp32" else [(max(a.batches), cores, True)]):
            s = measure(enc, texts, b, th, sort)
            results[(name, b, th, sort)] = len(texts) / s
            gf = tokens * fpt / s / 1e9
            print(f"| {name} | {b} | {th} | {'yes' if sort else 'no'} | {len(texts) / s:.1f} | {tokens / s:.0f} | "
                  f"{gf:.1f} | {100 * gf / peak[th]:.0f}% | {load()} |", flush=True)
    if a.int8:
        dev = ROOT.parent / "shared" / "eval" / "dev.json"
        queries = [q["query"] for q in json.loads(dev.read_text(encoding="utf-8"))["queries"]]
        torch.set_num_threads(cores)
        ag = agreement(encoder, encoders[1][1], all_texts, queries)
        print(f"\n# int8 vs fp32 on all {len(all_texts)} seed passages: mean cosine {ag['cosine']:.4f}; "
              f"dev-query top-10 overlap {ag['top10_overlap']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
