"""The builtin model as an int8 ONNX graph, run by onnxruntime: the fast encoder path.

Made once, offline, from the converted model folder (`retrieval.model.builtin_model`) into a
sibling folder of the per-user cache: `torch.onnx.export` (the TorchScript exporter: the dynamo
one needs onnxscript) of BERT + mean pooling + normalisation, onnxruntime's BERT fusion
(attention, bias-gelu), then `quantize_dynamic` to int8 with one scale per output channel, which
keeps the vectors several times closer to torch's than one scale per tensor, and weights in 7
bits (`reduce_range`): on a CPU without VNNI (AVX2 only, such as AMD EPYC family 23), onnxruntime
multiplies uint8 activations by int8 weights with `vpmaddubsw`, which adds each pair of products
into 16 bits and saturates at 2 * 255 * 127 > 32767; with weights within +-64 the sum fits, so the
integer products are exact, and the vectors the same, on AVX2, AVX-512 VNNI and AMX alike. On
an AVX2 machine the 8-bit weights put the worst question 0.9942 from torch's vector (cosine),
the 7-bit ones 0.9967 (tests/data questions); CMRC trial hit@1/hit@5 0.940/0.979 with 8-bit
weights, 0.941/0.980 with 7-bit. One matrix stays
float32 (`FLOAT_NODES`): layer 4's feed-forward output, which alone carried the largest share of
the int8 error when each was tried in turn, at no measurable cost in speed. sentence-transformers'
own ONNX backend would need `optimum`, which pins transformers below 5.

Vectors agree with the torch model's to cosine >= 0.99, not exactly, so the embedding cache
keys them apart (`cache_key`); the model name stays `builtin` and either backend can search
an index the other built.

Layer norms stay plain `Add` + `LayerNormalization`: onnxruntime's fused SkipLayerNormalization
CPU kernel is several times slower than the two plain ops. Neither the export's BERT fusion nor
the session's optimizer may fuse them (`UNFUSED`); the vectors differ from the fused graph's by
float rounding only.

Each text runs alone, one text per core at a time (a session with one intra-op thread, called
from one Python thread per core): as fast as padded batches, and a text's vector never depends
on its batch, where dynamic quantization would scale activations by the whole batch's range.

The measurements behind these choices are in docs/SCALING.md ("Measurements behind the choices").
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
import warnings
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from pathlib import Path

import numpy as np

from retrieval.errors import ModelUnavailable
from retrieval.model.builtin_model import PROMPTS, SOURCE_SHA256, ensure_builtin_model
from retrieval.model.encoder import ONNX_INT8, T

# Bump when the exported graph or its quantization changes: the folder name carries it.
EXPORT_REVISION = 4
MARKER = "EXPORTED.json"  # written last: its presence means the folder is complete
MODEL_FILE = "model.int8.onnx"
MAX_TOKENS = 512
FLOAT_NODES = ("/encoder/layer.4/output/dense/MatMul",)  # name endings; see the module doc
UNFUSED = ["SkipLayerNormFusion"]  # the session's fusions kept off; see the module doc


def ensure_onnx_model(cache_dir: Path | None = None) -> Path:
    """The int8 ONNX folder, exporting it from the builtin model on first use (about a minute)."""
    source = ensure_builtin_model(cache_dir=cache_dir)
    final = source.parent / f"multilingual-e5-small-{SOURCE_SHA256[:12]}-{ONNX_INT8}-r{EXPORT_REVISION}"
    if _is_complete(final):
        return final
    try:
        for leftover in final.parent.glob(f".{final.name}.*"):  # work folders of killed exports
            if time.time() - leftover.stat().st_mtime > 3600:
                shutil.rmtree(leftover, ignore_errors=True)
        work = Path(tempfile.mkdtemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent))
        os.chmod(work, 0o755)
    except OSError as exc:
        raise ModelUnavailable(f"cannot write the model cache under {final.parent}: {exc}") from exc
    try:
        _export(source, work)
        _publish(work, final)
        for stale in final.parent.glob(final.name.replace(f"-r{EXPORT_REVISION}", "-r*")):
            if stale != final:  # earlier revisions; a process still using one has it in memory
                shutil.rmtree(stale, ignore_errors=True)
    except ImportError as exc:
        raise ModelUnavailable(
            f"the {ONNX_INT8} backend needs {exc.name}: pip install onnx onnxruntime (or use --backend torch)"
        ) from exc
    except OSError as exc:
        raise ModelUnavailable(f"cannot write the model cache under {final.parent}: {exc}") from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)  # gone already once published
    return final


def _is_complete(folder: Path) -> bool:
    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return marker.get("revision") == EXPORT_REVISION and (folder / MODEL_FILE).is_file()


def _publish(work: Path, final: Path) -> None:
    """Rename the finished folder into place; a concurrent export that won the race is reused."""
    try:
        os.rename(work, final)
    except OSError:
        if _is_complete(final):
            return
        # A half-copied folder of the same revision (the name carries it): replace it.
        aside = final.with_name(f".{final.name}.{os.getpid()}.old")
        os.rename(final, aside)
        os.rename(work, final)
        shutil.rmtree(aside, ignore_errors=True)


def _export(source: Path, work: Path) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.transformers.fusion_options import FusionOptions
    from onnxruntime.transformers.optimizer import optimize_model

    exported, fused = work / "model.fp32.onnx", work / "model.fused.onnx"
    heads, hidden = _export_fp32(source, exported)
    fusions = FusionOptions("bert")
    fusions.enable_skip_layer_norm = fusions.enable_bias_skip_layer_norm = False  # slow; module doc
    optimized = optimize_model(
        str(exported),
        model_type="bert",
        num_heads=heads,
        hidden_size=hidden,
        opt_level=1,  # fusions only; the session applies the hardware-specific rest at load
        optimization_options=fusions,
    )
    optimized.save_model_to_file(str(fused))
    del optimized
    exported.unlink()
    graph = onnx.load(str(fused), load_external_data=False).graph
    keep_float = [node.name for node in graph.node if node.name.endswith(FLOAT_NODES)]
    del graph
    quantize_dynamic(
        str(fused),
        str(work / MODEL_FILE),
        weight_type=QuantType.QInt8,
        per_channel=True,
        reduce_range=True,
        nodes_to_exclude=keep_float,
        # The fused ops come from onnxruntime's own domain, where shape inference finds no types.
        extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
    )
    fused.unlink()
    shutil.copy2(source / "tokenizer.json", work / "tokenizer.json")
    marker = {"revision": EXPORT_REVISION, "source": source.name, "prompts": PROMPTS}
    (work / MARKER).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")


def _export_fp32(source: Path, path: Path) -> tuple[int, int]:
    """Write BERT + mean pooling + normalisation as one fp32 graph; (heads, hidden size)."""
    import torch
    from transformers import AutoModel

    # Eager attention exports as the plain MatMul/Softmax pattern that onnxruntime fuses.
    bert = AutoModel.from_pretrained(
        str(source), add_pooling_layer=False, attn_implementation="eager", local_files_only=True
    ).eval()

    class MeanPooled(torch.nn.Module):
        """Mean over the real tokens (the prompt's included, as e5 does), then L2-normalised."""

        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2.0, dim=1)

    example = torch.ones(2, 8, dtype=torch.long)
    axes = {0: "batch", 1: "tokens"}
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # the TorchScript exporter's deprecation notice
        torch.onnx.export(
            MeanPooled(),
            (example, example),
            str(path),
            dynamo=False,  # the dynamo exporter needs onnxscript
            input_names=["input_ids", "attention_mask"],
            output_names=["embedding"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "embedding": {0: "batch"}},
            opset_version=17,
        )
    return bert.config.num_attention_heads, bert.config.hidden_size


def _threads() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


class OnnxEncoder:
    """The builtin model as a `retrieval.model.encoder.Encoder` on onnxruntime, int8."""

    backend = ONNX_INT8

    def __init__(self, folder: Path, name: str = "builtin", threads: int | None = None):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.name = name
        self.folder = Path(folder)
        self.threads = threads or _threads()
        self.query_prompt, self.passage_prompt = PROMPTS["query"], PROMPTS["passage"]
        self.tokenizer = Tokenizer.from_file(str(self.folder / "tokenizer.json"))
        # Set once here: changing a tokenizer's settings while another thread encodes is unsafe.
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1  # parallel across texts instead (see the module doc)
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(
            str(self.folder / MODEL_FILE),
            options,
            providers=["CPUExecutionProvider"],
            disabled_optimizers=UNFUSED,
        )
        self.dim = int(self.session.get_outputs()[0].shape[1] or 384)

    @property
    def cache_key(self) -> str:
        # The revision too: another export gives (slightly) other vectors, never to be mixed.
        return f"{self.name}@{self.backend}-r{EXPORT_REVISION}"

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self.query_prompt)

    def encode_passages(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        return self._encode(texts, self.passage_prompt, show_progress)

    def encode_query_beside(
        self, text: str, work: Callable[[], T], helpers: Executor
    ) -> tuple[np.ndarray, T]:
        """See `retrieval.model.encoder.encode_query_beside`: `work` starts when all that is left
        is the session's run, which holds no GIL."""
        feed = _feed(self._token_ids([text], self.query_prompt)[0])
        pending = helpers.submit(work)
        vector = self.session.run(None, feed)[0][0]
        return vector, pending.result()

    def _run(self, ids: list[int]) -> np.ndarray:
        return self.session.run(None, _feed(ids))[0][0]  # the session releases the GIL while it runs

    def _token_ids(self, texts: list[str], prompt: str) -> list[list[int]]:
        # sentence-transformers strips each text after adding the prompt; do the same.
        return [e.ids for e in self.tokenizer.encode_batch([(prompt + text).strip() for text in texts])]

    def _encode(self, texts: list[str], prompt: str, show_progress: bool = False) -> np.ndarray:
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return vectors
        token_ids = self._token_ids(texts, prompt)
        if len(texts) == 1 or self.threads == 1:
            for row, ids in enumerate(token_ids):
                vectors[row] = self._run(ids)
            return vectors
        bar = None
        if show_progress:
            from tqdm import tqdm

            bar = tqdm(total=len(texts), desc="embedding", unit="passage")
        with ThreadPoolExecutor(self.threads, thread_name_prefix="onnx-encode") as pool:
            for row, vector in enumerate(pool.map(self._run, token_ids)):
                vectors[row] = vector
                if bar is not None:
                    bar.update(1)
        if bar is not None:
            bar.close()
        return vectors


def _feed(ids: list[int]) -> dict[str, np.ndarray]:
    return {"input_ids": np.array([ids], dtype=np.int64), "attention_mask": np.ones((1, len(ids)), np.int64)}


def load_onnx_encoder(cache_dir: Path | None = None, threads: int | None = None) -> OnnxEncoder:
    """The builtin model on the int8 ONNX path; ModelUnavailable when onnxruntime is missing."""
    try:
        import onnxruntime  # noqa: F401
    except ImportError as exc:
        raise ModelUnavailable(
            f"the {ONNX_INT8} backend needs onnxruntime: pip install onnxruntime (or use --backend torch)"
        ) from exc
    return OnnxEncoder(ensure_onnx_model(cache_dir), threads=threads)
