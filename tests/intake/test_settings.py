"""KLINIK_* settings: defaults, and one Indonesian line (no traceback) for every bad value."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.intake.settings import load_settings
from generator.util.errors import GeneratorError

KLINIK = Path(sys.executable).parent / "klinik"


def test_defaults_point_into_the_project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    s = load_settings()
    assert s.db_url == f"sqlite:///{tmp_path / 'var' / 'klinik.db'}"
    assert (s.repository, s.site, s.outbox_email_dir) == (tmp_path, tmp_path / "site", tmp_path / "var" / "outbox-email")
    assert (s.publisher, s.base_branch, s.host, s.port, s.pow, s.honeypot) == ("git", "main", "127.0.0.1", 8000, True, True)


def test_environment_is_read(monkeypatch, tmp_path):
    monkeypatch.setenv("KLINIK_PORT", "9001")
    monkeypatch.setenv("KLINIK_TRUSTED_PROXIES", '["10.0.0.1"]')
    monkeypatch.setenv("KLINIK_DATABASE_URL", "postgresql://klinik@db/klinik")
    s = load_settings(project_dir=tmp_path)
    assert (s.port, s.trusted_proxies, s.db_url) == (9001, ["10.0.0.1"], "postgresql://klinik@db/klinik")


@pytest.mark.parametrize("env, message", [
    ({"KLINIK_PORT": "delapan"}, "Pengaturan tidak valid: KLINIK_PORT: harus bilangan bulat (nilai: 'delapan')"),
    ({"KLINIK_PORT": "70000"}, "Pengaturan tidak valid: KLINIK_PORT: maksimal 65535 (nilai: '70000')"),
    ({"KLINIK_PUBLISHER": "svn"}, "Pengaturan tidak valid: KLINIK_PUBLISHER: harus salah satu dari 'git' atau 'github' (nilai: 'svn')"),
    ({"KLINIK_POW": "mungkin"}, "Pengaturan tidak valid: KLINIK_POW: harus true/false (atau 1/0) (nilai: 'mungkin')"),
    ({"KLINIK_RATE_LIMIT": "0"}, "Pengaturan tidak valid: KLINIK_RATE_LIMIT: minimal 1 (nilai: '0')"),
    ({"KLINIK_PUBLISHER": "github"}, "Pengaturan tidak valid: pengaturan: KLINIK_GITHUB_REPO wajib diisi (owner/nama) bila KLINIK_PUBLISHER=github"),
])
def test_bad_values_give_one_indonesian_line(monkeypatch, env, message):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(GeneratorError) as caught:
        load_settings()
    assert str(caught.value) == message


def test_cli_prints_the_line_without_traceback(tmp_path):
    env = {"KLINIK_PORT": "delapan", "PATH": "/usr/bin:/bin"}
    result = subprocess.run([str(KLINIK), "intake", "serve"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr == "Pengaturan tidak valid: KLINIK_PORT: harus bilangan bulat (nilai: 'delapan')\n"
    assert result.stdout == ""
