"""Real worker processes on a real database: one killed with ``kill -9`` mid-import, ``iljari run`` stopped.

A site is made in a temporary folder with ``iljari init`` (its own SQLite file, or its own database
on the test PostgreSQL server with ``ILJARI_TEST_POSTGRES=1``); every step runs as the site's own
processes (``iljari worker``, ``iljari shell``, ``iljari run``) and the test reads the database with
the driver, as an operator would after a crash.
"""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import dj_database_url
import psycopg
import pytest

ILJARI = [sys.executable, "-m", "iljari.cli"]
ROWS = 1500


@dataclass
class Site:
    var: Path
    env: dict[str, str]
    database_url: str | None  # None: the SQLite file in the var folder

    def iljari(self, *args: str) -> str:
        done = subprocess.run([*ILJARI, *args], env=self.env, capture_output=True, text=True, timeout=300, check=False)
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def story(self, call: str) -> str:
        """Run a step of ``worker_story`` in the site's own Django; returns what it printed."""
        return self.iljari("shell", "--no-imports", "-c", f"from iljari.front.tests import worker_story as s; s.{call}")

    def worker(self) -> subprocess.Popen:
        log = (self.var / "worker.log").open("a")
        return subprocess.Popen([*ILJARI, "worker", "--interval", "0.2"], env=self.env, stdout=log, stderr=log)

    def query(self, sql: str, *params: object) -> list[tuple]:
        if self.database_url is None:
            with sqlite3.connect(self.var / "iljari.sqlite3") as db:
                return db.execute(sql.replace("%s", "?"), params).fetchall()
        with _pg(self.database_url) as db:
            return db.execute(sql, params).fetchall()

    def one(self, sql: str, *params: object) -> object:
        return self.query(sql, *params)[0][0]

    def writing(self) -> bool:
        """Another connection holds a write transaction open (a save under way, not a heartbeat)."""
        if self.database_url is None:
            return _sqlite_locked(self.var / "iljari.sqlite3")
        return bool(
            self.one(
                "select count(*) from pg_stat_activity where datname = current_database() "
                "and pid <> pg_backend_pid() and backend_xid is not null "
                "and now() - xact_start > interval '100 milliseconds'"
            )
        )


def _pg(url: str) -> psycopg.Connection:
    d = dj_database_url.parse(url)
    return psycopg.connect(dbname=d["NAME"], user=d["USER"], host=d["HOST"], port=d["PORT"], autocommit=True)


def _sqlite_locked(path: Path) -> bool:
    db = sqlite3.connect(path, timeout=0)
    try:
        db.execute("BEGIN IMMEDIATE")
        db.rollback()
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        db.close()


def wait_until(condition: Callable[[], bool], what: str, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting: {what}"
        time.sleep(0.02)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[Site]:
    var = tmp_path_factory.mktemp("site")
    env = {**os.environ, "ILJARI_VAR_DIR": str(var), "ILJARI_BACKGROUND": "queue"}
    env.pop("ILJARI_KEY_FILE", None)
    server_url = os.environ.get("ILJARI_DATABASE_URL") if os.environ.get("ILJARI_TEST_POSTGRES") == "1" else None
    database_url = None
    if server_url:
        name = f"worker_{uuid.uuid4().hex[:8]}"
        with _pg(server_url) as db:
            db.execute(f"create database {name}")
        database_url = server_url.rsplit("/", 1)[0] + f"/{name}"
        env["ILJARI_DATABASE_URL"] = database_url
    else:
        env.pop("ILJARI_DATABASE_URL", None)
    made = Site(var, env, database_url)
    made.iljari("init", "--no-index")
    made.story("counselor()")
    yield made
    if server_url:
        with _pg(server_url) as db:
            db.execute(f"drop database {database_url.rsplit('/', 1)[1]} with (force)")


@pytest.fixture
def workers() -> Iterator[list[subprocess.Popen]]:
    """Worker processes a test started; any still running when it ends (a failed assertion) are stopped."""
    started: list[subprocess.Popen] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait()


def _import(site: Site, import_id: int) -> tuple:
    return site.query(
        "select i.status, j.status, j.stage, j.done, j.total, j.attempts from transfer_importjob i "
        "join core_job j on j.id = i.run_id where i.id = %s",
        import_id,
    )[0]


@pytest.mark.postgres
def test_a_worker_killed_mid_save_leaves_nothing_and_the_next_worker_saves_the_file_once(site, workers):
    import_id = int(site.story(f"import_checked_and_confirmed({ROWS})").split()[-1])
    assert _import(site, import_id)[:2] == ("saving", "queued")

    first = site.worker()
    workers.append(first)

    def in_save() -> bool:
        _, run, stage, done, total, _ = _import(site, import_id)
        # every row checked again, the save's transaction open: its rows are written but not committed
        return run == "running" and stage == "검사" and done == total == ROWS and site.writing()

    wait_until(in_save, "the worker inside the save transaction")
    first.send_signal(signal.SIGKILL)
    assert first.wait(timeout=30) == -signal.SIGKILL

    assert site.one("select count(*) from seekers_seeker") == 0
    assert site.one("select count(*) from privacy_auditevent where action = 'import'") == 0
    assert _import(site, import_id)[:2] == ("saving", "running")
    page = site.story(f"page({import_id})")
    assert "저장 중" in page and "작업 처리기(iljari worker)가 실행되고 있지 않아" in page
    assert "이어서 처리합니다" in page and "hx-trigger" in page  # the page keeps polling

    second = site.worker()
    workers.append(second)
    wait_until(lambda: _import(site, import_id)[0] == "saved", "the next worker to save the file")
    second.send_signal(signal.SIGTERM)
    assert second.wait(timeout=60) == 0

    assert site.one("select count(*) from seekers_seeker") == ROWS
    assert site.one("select count(*) from privacy_auditevent where action = 'import'") == 1
    assert _import(site, import_id) == ("saved", "succeeded", "저장", ROWS, ROWS, 2)
    attempts = site.query(
        "select status, exception_class_path from django_tasks_database_dbtaskresult "
        "where task_path = 'iljari.transfer.jobs.import_save' order by enqueued_at"
    )
    assert attempts == [("FAILED", "iljari.core.jobs.WorkerLost"), ("SUCCESSFUL", "")]
    assert site.one("select count(*) from core_worker") == 0
    page = site.story(f"page({import_id})")
    assert f"{ROWS:,}건을 저장했습니다" in page and "hx-trigger" not in page


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def test_iljari_run_serves_and_works_until_ctrl_c_stops_both(site):
    port = _free_port()
    log = (site.var / "run.log").open("w")
    run = subprocess.Popen([*ILJARI, "run", "--port", str(port)], env=site.env, stdout=log, stderr=subprocess.STDOUT)
    login = f"http://127.0.0.1:{port}/login/"
    try:
        wait_until(
            lambda: _answers(login) and site.one("select count(*) from core_worker") == 1, "the server and a worker"
        )
        run.send_signal(signal.SIGINT)  # what Ctrl+C sends; the two children have their own sessions
        assert run.wait(timeout=60) == 0, (site.var / "run.log").read_text()[-2000:]
    finally:
        if run.poll() is None:
            run.send_signal(signal.SIGINT)
            run.wait(timeout=60)
    assert not _answers(login)
    assert site.one("select count(*) from core_worker") == 0  # the worker stopped cleanly and said so
