"""publish refuses a run folder that did not pass, or no longer passes, the output gate."""

from __future__ import annotations

import shutil

import pytest
from publish_fixture import write_fixture_run
from tamper import TAMPERINGS

from kansenmonitor.cli import main
from kansenmonitor.publish.run import PublishError
from kansenmonitor.publish.site import build_site


def test_publish_refuses_a_folder_without_gate_record(tmp_path):
    run, _ = write_fixture_run(tmp_path / "run")
    (run / "gate.json").unlink()
    with pytest.raises(PublishError, match="did not pass the output gate"):
        build_site(run, tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_publish_refuses_a_folder_changed_after_the_gate(tmp_path):
    run, _ = write_fixture_run(tmp_path / "run")
    TAMPERINGS["unsuppress"](run, 0)
    with pytest.raises(PublishError, match="fails the output check"):
        build_site(run, tmp_path / "site")


def test_publish_command_exits_non_zero_on_a_failing_folder(tmp_path, capsys):
    run, _ = write_fixture_run(tmp_path / "run")
    TAMPERINGS["change_value"](run, 1)
    assert main(["publish", str(run), "--out", str(tmp_path / "site")]) == 2
    assert "output check" in capsys.readouterr().err


def test_publish_does_not_overwrite_a_folder_that_is_not_a_site(tmp_path):
    run, _ = write_fixture_run(tmp_path / "run")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine")
    with pytest.raises(PublishError, match="not a site"):
        build_site(run, tmp_path / "other")
    assert (tmp_path / "other" / "notes.txt").read_text() == "mine"


def test_publish_replaces_an_earlier_site(tmp_path):
    run, _ = write_fixture_run(tmp_path / "run")
    build_site(run, tmp_path / "site")
    (tmp_path / "site" / "stale.html").write_text("old")
    build_site(run, tmp_path / "site")
    assert not (tmp_path / "site" / "stale.html").exists()
    assert (tmp_path / "site" / "index.html").is_file()
    shutil.rmtree(tmp_path / "site")
