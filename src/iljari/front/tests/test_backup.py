"""``iljari backup`` and ``iljari restore`` round trip on a real SQLite file and a real PostgreSQL server.

Each test runs the commands in a separate process on its own var directory, the way an operator would.
"""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from iljari.testing import pgserver

CREATE = """
from datetime import date
from iljari.accounts.models import Desk
from iljari.seekers.services import SeekerInput, seeker_create
seeker_create(data=SeekerInput(desk=Desk.objects.get(code="{desk}"), name="{name}", birth_date=date(1980, 1, 2)), actor="t")
"""
NAMES = "from iljari.seekers.models import Seeker; print(sorted(s.name for s in Seeker.objects.all()))"


def _iljari(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    run = subprocess.run(
        [sys.executable, "-m", "iljari.cli", *args], env=env, capture_output=True, text=True, timeout=600
    )
    if check:
        assert run.returncode == 0, run.stdout + run.stderr
    return run


def _round_trip(env: dict, tmp_path: Path) -> None:
    _iljari(env, "init", "--no-index")
    _iljari(env, "shell", "-c", CREATE.format(desk="cityhall", name="백업전"))
    made = _iljari(env, "backup", "--output", str(tmp_path / "backups"))
    folder = next((tmp_path / "backups").iterdir())
    assert "따로 보관" in made.stdout
    assert sorted(p.name for p in folder.iterdir()) in (
        ["database.sqlite3", "manifest.json"],
        ["database.pgdump", "manifest.json"],
    )
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in folder.iterdir())
    key = (Path(env["ILJARI_VAR_DIR"]) / "iljari.key").read_text()
    assert key.strip() not in "".join(p.read_bytes().decode("latin-1") for p in folder.iterdir())

    _iljari(env, "shell", "-c", CREATE.format(desk="cityhall", name="백업후"))
    assert "백업후" in _iljari(env, "shell", "-c", NAMES).stdout

    restored = _iljari(env, "restore", str(folder), "--yes", "--no-index")
    assert "이상 없음" in restored.stdout
    assert _iljari(env, "shell", "-c", NAMES).stdout.strip().endswith("['백업전']")  # decrypted with the same key
    assert "이상 없음" in _iljari(env, "audit", "verify").stdout


def _refused_with_another_key(env: dict, tmp_path: Path) -> None:
    folder = next((tmp_path / "backups").iterdir())
    other = tmp_path / "other.key"
    subprocess.run(
        [
            sys.executable,
            "-c",
            f"from iljari.privacy.crypto import create_key_file; create_key_file(__import__('pathlib').Path('{other}'))",
        ],
        env=env,
        check=True,
    )
    refused = _iljari(
        {**env, "ILJARI_KEY_FILE": str(other)}, "restore", str(folder), "--yes", "--no-index", check=False
    )
    assert refused.returncode != 0 and "키와 지금의 키가 다릅니다" in refused.stderr


def _env(tmp_path: Path, **extra: str) -> dict:
    env = {**os.environ, "ILJARI_VAR_DIR": str(tmp_path / "var"), **extra}
    for name in ("ILJARI_KEY_FILE", "ILJARI_DATABASE_URL", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    env.update(extra)
    return env


def test_backup_and_restore_round_trip_on_sqlite(tmp_path):
    env = _env(tmp_path)
    _round_trip(env, tmp_path)
    _refused_with_another_key(env, tmp_path)


@pytest.mark.postgres
@pytest.mark.skipif(os.environ.get("ILJARI_TEST_POSTGRES") != "1", reason="runs in the PostgreSQL pass of make test")
def test_backup_and_restore_round_trip_on_postgresql(tmp_path):
    server = pgserver.start()
    try:
        env = _env(tmp_path, ILJARI_DATABASE_URL=server.url)
        _round_trip(env, tmp_path)
    finally:
        server.stop()
