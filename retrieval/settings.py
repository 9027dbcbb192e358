"""Engine settings, one typed object: flags > REPORTQA_* environment > TOML file > defaults."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

from retrieval.errors import ReportQAError

# The shipped corpus and index sit beside the packages in a checkout (and an editable
# install); elsewhere they are looked for in the working folder.
_PROJECT_ROOT = Path(__file__).resolve().parents[1]


def _default_folder(name: str) -> Path:
    shipped = _PROJECT_ROOT / name
    return shipped if (_PROJECT_ROOT / "seeds").is_dir() else Path(name)


@dataclass(frozen=True)
class Settings:
    corpus: Path
    index: Path
    model: str | None = None  # None: the model the index was built with, else builtin
    k: int = 5
    backend: str | None = None  # encoder backend; None: the model's default (see embed.load_encoder)
    ray_address: str | None = None  # builds encode on this Ray cluster (host:port or auto); None: here
    ray_gpus: float = 0.0  # > 0: each Ray encoder actor takes this many GPUs and runs torch on CUDA


def load_settings(
    flags: Mapping[str, object],
    environ: Mapping[str, str] = os.environ,
    config: Path | None = None,
) -> Settings:
    """Fill Settings from flags (None = not given), then REPORTQA_<NAME>, then the TOML file."""
    from_file: dict = {}
    config = config or (Path(environ["REPORTQA_CONFIG"]) if environ.get("REPORTQA_CONFIG") else None)
    if config is not None:
        try:
            parsed = tomllib.loads(Path(config).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ReportQAError(f"cannot read config file {config}: {exc}") from exc
        from_file = parsed.get("reportqa", parsed)
    values: dict[str, object] = {}
    for spec in fields(Settings):
        for source in (flags.get(spec.name), environ.get(f"REPORTQA_{spec.name.upper()}"), from_file.get(spec.name)):
            if source is not None and source != "":
                values[spec.name] = source
                break
    try:
        return Settings(
            corpus=Path(values.get("corpus", _default_folder("seeds"))),
            index=Path(values.get("index", _default_folder("embeddings"))),
            model=str(values["model"]) if "model" in values else None,
            k=int(values.get("k", 5)),
            backend=str(values["backend"]) if "backend" in values else None,
            ray_address=str(values["ray_address"]) if "ray_address" in values else None,
            ray_gpus=float(values.get("ray_gpus", 0.0)),
        )
    except (TypeError, ValueError) as exc:
        raise ReportQAError(f"bad setting: {exc}") from exc
