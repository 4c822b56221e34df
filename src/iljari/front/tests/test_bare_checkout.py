"""A clone on a machine that has nothing else: `iljari init` from a copy of the checkout.

The copy holds what git holds (``git ls-files``) in a temporary folder with no ``shared/`` above
it, and runs with no ``ILJARI_*`` variable; where the test may, every ``shared/`` beside the real
checkout is hidden for the run as well (``iljari.testing.bare``).
"""

import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import iljari
from iljari.testing import free_port
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


class BareInstall:
    """The bare copy, the environment its commands run in, and its var directory."""

    def __init__(self, checkout: Path, var: Path) -> None:
        self.checkout, self.var = checkout, var
        self.env = bare_env(ILJARI_VAR_DIR=str(var), PYTHONPATH=str(checkout / "src"))

    def command(self, *args: str) -> list[str]:
        return hiding_shared([sys.executable, *args], beside=REPO)

    def run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            self.command(*args), cwd=self.checkout, env=self.env, capture_output=True, text=True, timeout=900
        )


@pytest.fixture(scope="module")
def bare(bare_checkout, tmp_path_factory) -> BareInstall:
    return BareInstall(bare_checkout, tmp_path_factory.mktemp("var"))


@pytest.fixture(scope="module")
def bare_init(bare) -> subprocess.CompletedProcess:
    return bare.run("-m", "iljari.cli", "init")


def test_init_runs_from_a_bare_checkout(bare, bare_init):
    assert not any((parent / "shared").exists() for parent in bare.checkout.parents)
    where = bare.run("-c", "import iljari; print(iljari.__file__)")
    assert Path(where.stdout.strip()).is_relative_to(bare.checkout), where.stderr
    assert bare_init.returncode == 0, bare_init.stderr
    assert "직업 6,313건" in bare_init.stdout and "행정동 25건" in bare_init.stdout
    assert "직업사전 임베딩 새로 계산 0건" in bare_init.stdout  # the shipped vectors, not minutes of embedding
    assert "매칭 색인" in bare_init.stdout and "합계" in bare_init.stdout  # the phases and their times
    with sqlite3.connect(bare.var / "iljari.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM reference_dongboundary").fetchone()[0] == 25
        assert db.execute("SELECT COUNT(*) FROM reference_minimumwage").fetchone()[0] >= 7
        assert db.execute("SELECT COUNT(*) FROM reference_visatype").fetchone()[0] >= 10


def test_its_server_answers_the_login_page_and_says_how_long_the_first_run_took(bare, bare_init):
    assert bare_init.returncode == 0, bare_init.stderr
    port = free_port()
    server = subprocess.Popen(
        bare.command("-m", "iljari.cli", "serve", "--port", str(port)),
        cwd=bare.checkout,
        env=bare.env | {"ILJARI_RUN_STARTED": repr(time.time())},  # as `make run` sets it
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    watchdog = threading.Timer(300, server.kill)  # a server that never says it closes its output
    watchdog.start()
    try:
        said = next((line for line in server.stdout if line.startswith("첫 화면") or "Traceback" in line), "")
    finally:
        watchdog.cancel()
        server.kill()
        server.wait(timeout=30)
    assert said.startswith("첫 화면(로그인, 200)") and "make run 시작부터" in said, said


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
