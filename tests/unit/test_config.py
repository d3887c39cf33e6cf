from __future__ import annotations

import pytest

from samestory.config import AnalyzeConfig, FieldMap, IngestConfig, Settings, build_settings
from samestory.errors import ConfigError
from samestory.registry import Registry


def test_defaults():
    s = build_settings()
    assert s == Settings()
    assert s.ingest.max_bytes == 5_000_000
    assert s.embed.encoder == "use"


def test_configs_are_keyword_only_and_frozen():
    with pytest.raises(TypeError):
        IngestConfig(10)  # type: ignore[misc]
    cfg = IngestConfig()
    with pytest.raises(AttributeError):
        cfg.max_bytes = 3  # type: ignore[misc]


@pytest.mark.parametrize(
    "stage,values,message",
    [
        ("ingest", {"max_bytes": 0}, "max_bytes must be positive, got 0"),
        ("ingest", {"format": "pdf"}, "format must be"),
        ("analyze", {"n_process": 0}, "n_process must be at least 1"),
        ("align", {"sentence_shared": 1.5}, "sentence_shared must be in (0, 1]"),
        ("compare", {"same_story_max": 5}, "same_story_max must be in [1, 4]"),
        ("ingest", {"colour": "red"}, "unknown option(s) in [ingest]: colour"),
    ],
)
def test_invalid_values_name_the_option(stage, values, message):
    with pytest.raises(ConfigError) as exc:
        build_settings(overrides={stage: values})
    assert message in str(exc.value)


def test_file_then_overrides(tmp_path):
    f = tmp_path / "s.toml"
    f.write_text('[ingest]\nmax_bytes = 1000\n[ingest.fields]\ntext = "body"\n[analyze]\nner = "gazetteer"\n')
    s = build_settings(file=f, overrides={"ingest": {"max_bytes": 2000, "fields": {"title": "headline", "url": None}}})
    assert s.ingest.max_bytes == 2000  # the command line wins over the file
    assert s.ingest.fields == FieldMap(text="body", title="headline")
    assert s.analyze == AnalyzeConfig(ner="gazetteer")


def test_bad_config_files(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[ingest\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        build_settings(file=bad)
    unknown = tmp_path / "unknown.toml"
    unknown.write_text("[printing]\nx = 1\n")
    with pytest.raises(ConfigError, match="unknown section"):
        build_settings(file=unknown)
    with pytest.raises(ConfigError, match="cannot read"):
        build_settings(file=tmp_path / "missing.toml")


def test_registry_lists_known_names():
    reg: Registry[object] = Registry("widget")

    @reg.register("plain")
    def make_plain(**kw):
        return ("plain", kw)

    assert reg.create("plain", size=2) == ("plain", {"size": 2})
    assert "plain" in reg and reg.names() == ["plain"]
    with pytest.raises(ConfigError, match="unknown widget 'fancy'; known: plain"):
        reg.create("fancy")
    with pytest.raises(ConfigError, match="already registered"):
        reg.register("plain")(make_plain)


def test_stories_engine_and_spark_master_are_checked_like_reuse():
    from samestory.config import ReuseConfig, StoriesConfig

    for cls in (ReuseConfig, StoriesConfig):
        assert cls(engine="spark", spark_master="local[2]").engine == "spark"
        with pytest.raises(ConfigError, match="engine must be local or spark"):
            cls(engine="dask")
        with pytest.raises(ConfigError, match="spark_master must be"):
            cls(engine="spark", spark_master="sc://host:15002")
