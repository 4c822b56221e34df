"""A clone on a machine that has nothing else: `iljari init` from a copy of the checkout.

The copy holds what git holds (``git ls-files``) in a temporary folder with no ``shared/`` above
it, and runs with no ``ILJARI_*`` variable; where the test may, every ``shared/`` beside the real
checkout is hidden for the run as well (``iljari.testing.bare``).
"""

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import iljari
from iljari.testing.bare import bare_env, hiding_shared

REPO = Path(iljari.__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bare_checkout(tmp_path_factory) -> Path:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    copy = tmp_path_factory.mktemp("clone") / "iljari"
    for name in filter(None, listed.decode().split("\0")):
        if (REPO / name).is_file():  # a file deleted in the work tree but not yet in git is not copied
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, copy / name)
    return copy


def test_init_runs_from_a_bare_checkout(bare_checkout, tmp_path):
    assert not any((parent / "shared").exists() for parent in bare_checkout.parents)
    env = bare_env(ILJARI_VAR_DIR=str(tmp_path / "var"), PYTHONPATH=str(bare_checkout / "src"))

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            hiding_shared([sys.executable, *args], beside=REPO),
            cwd=bare_checkout,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )

    where = run("-c", "import iljari; print(iljari.__file__)")
    assert Path(where.stdout.strip()).is_relative_to(bare_checkout), where.stderr
    result = run("-m", "iljari.cli", "init")
    assert result.returncode == 0, result.stderr
    assert "직업 6,313건" in result.stdout and "행정동 25건" in result.stdout
    assert "직업사전 임베딩 새로 계산 0건" in result.stdout  # the shipped vectors, not minutes of embedding
    assert "매칭 색인" in result.stdout and "합계" in result.stdout  # the phases and their times
    with sqlite3.connect(tmp_path / "var" / "iljari.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM reference_dong WHERE boundary IS NOT NULL").fetchone()[0] == 25
        assert db.execute("SELECT COUNT(*) FROM reference_minimumwage").fetchone()[0] >= 7
        assert db.execute("SELECT COUNT(*) FROM reference_visatype").fetchone()[0] >= 10


def test_no_path_of_one_machine_in_the_code():
    """The workplace this was written on keeps everything under /work/; nothing may count on that."""
    listed = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout
    this = str(Path(__file__).resolve().relative_to(REPO))
    code = [
        n
        for n in listed.splitlines()
        if n != this and (n.endswith((".py", ".toml", ".cfg", ".sh")) or n in ("Makefile", ".ci/run"))
    ]
    offending = [n for n in code if (REPO / n).is_file() and "/work/" in (REPO / n).read_text(encoding="utf-8")]
    assert offending == []
