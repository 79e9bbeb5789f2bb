"""The catalog TOML: paths, options and clear errors."""

from __future__ import annotations

import pytest

from kansenmonitor.errors import ConfigError
from kansenmonitor.sources.catalog import load_catalog


def write(tmp_path, text: str):
    path = tmp_path / "catalog.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_relative_paths_are_relative_to_the_catalog_file(tmp_path):
    path = write(tmp_path, """
[catalog]
name = "demo"
staging = "out/staging"
buckets = 8

[sources.SPOLISBUS]
path = "data/SPOLISBUS/{year}/SPOLISBUS{year}V*.sav"
rename = { "aanv" = "SDATUMAANVANGIKO" }
on_invalid = "exclude"

[sources.SECMBUS]
path = 'G:\\InkomenBestedingen\\SECMBUS\\SECMBUS*V*.sav'
format = "SAV"
""")
    catalog = load_catalog(path)
    assert (catalog.name, catalog.buckets) == ("demo", 8)
    assert catalog.staging == tmp_path.resolve() / "out" / "staging"
    spolis = catalog.entry("SPOLISBUS")
    assert spolis.path == (tmp_path.resolve() / "data/SPOLISBUS/{year}/SPOLISBUS{year}V*.sav").as_posix()
    assert spolis.rename == {"aanv": "SDATUMAANVANGIKO"}
    assert spolis.on_invalid == "exclude"
    assert catalog.entry("secmbus").path == "G:/InkomenBestedingen/SECMBUS/SECMBUS*V*.sav"
    assert catalog.entry("SECMBUS").format == "sav"
    assert catalog.entry("SECMBUS").on_invalid == "fail"


def test_catalog_may_leave_sources_out(tmp_path):
    catalog = load_catalog(write(tmp_path, '[sources.SECMBUS]\npath = "x/SECMBUS*.sav"\n'))
    assert catalog.has("SECMBUS") and not catalog.has("SPOLISBUS")
    assert "SPOLISBUS" in catalog.missing_sources()
    assert catalog.buckets == 16
    assert catalog.staging == tmp_path.resolve() / "staging"
    with pytest.raises(ConfigError, match=r"no \[sources.SPOLISBUS\] entry"):
        catalog.entry("SPOLISBUS")


def test_csv_options_are_read(tmp_path):
    entry = load_catalog(write(tmp_path, """
[sources.SECMBUS]
path = "SECMBUS*.csv"
delimiter = ";"
decimal = ","
encoding = "cp1252"
""")).entry("SECMBUS")
    options = entry.read_options(chunk_rows=10)
    assert (options.delimiter, options.decimal, options.encoding, options.chunk_rows) == (";", ",", "cp1252", 10)


@pytest.mark.parametrize("text, message", [
    ('[sources.SPOLISBSU]\npath = "x"\n', "unknown source [sources.SPOLISBSU]; did you mean SPOLISBUS?"),
    ('[sources.SPOLISBUS]\nrename = {}\n', "[sources.SPOLISBUS] has no path"),
    ('[sources.SPOLISBUS]\npaht = "x"\n', "[sources.SPOLISBUS] has unknown key 'paht'; did you mean 'path'?"),
    ('[catalog]\nbuckets = 0\n', "[catalog] buckets must be a positive whole number"),
    ('[catalog]\nstagin = "s"\n', "[catalog] has unknown key 'stagin'"),
    ('[sources.SECMBUS]\npath = "x"\non_invalid = "drop"\n', "on_invalid must be one of fail, exclude"),
    ('[sources.SECMBUS]\npath = "x"\nencoding = "klingon"\n', "is not a known text encoding"),
    ('[sources.SECMBUS]\npath = "x"\nrename = { a = 1 }\n', "rename must be a table"),
    ('[sources.SECMBUS]\npath = "x"\ndelimiter = ";;"\n', "delimiter must be one character"),
    ('[catalog]\nmemory_limit = "lots"\n', "memory_limit must be a size"),
    ('[sources.SECMBUS\npath = "x"\n', "not valid TOML"),
    ('[source.SECMBUS]\npath = "x"\n', "top level has unknown key 'source'; did you mean 'sources'?"),
])
def test_bad_catalogs_give_one_line_config_errors(tmp_path, text, message):
    with pytest.raises(ConfigError) as err:
        load_catalog(write(tmp_path, text))
    assert message in str(err.value)
    assert "\n" not in str(err.value).strip()
    assert str(tmp_path / "catalog.toml") in str(err.value)


def test_missing_catalog_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="file not found"):
        load_catalog(tmp_path / "nope.toml")
