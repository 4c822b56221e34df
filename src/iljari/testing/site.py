"""A whole iljari site in a temporary folder, driven through its own processes (tests and bench).

``site_create`` runs ``iljari init`` against its own SQLite file, or its own database on a PostgreSQL
server; ``Site`` starts workers, runs steps of ``front/tests/worker_story.py`` in the site's Django,
and reads the database with the driver, as an operator would after a crash.
"""

import os
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import dj_database_url
import psycopg

ILJARI = [sys.executable, "-m", "iljari.cli"]


@dataclass
class Site:
    var: Path
    env: dict[str, str]
    database_url: str | None  # None: the SQLite file in the var folder
    server_url: str | None = None  # the PostgreSQL server's own database, to drop this one from

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
        with pg_connect(self.database_url) as db:
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

    def drop(self) -> None:
        if self.server_url and self.database_url:
            with pg_connect(self.server_url) as db:
                db.execute(f"drop database {self.database_url.rsplit('/', 1)[1]} with (force)")


def site_create(var: Path, *, server_url: str | None = None) -> Site:
    """A site with its reference data and one counselor (``counselor1``), on SQLite or that server."""
    env = {**os.environ, "ILJARI_VAR_DIR": str(var), "ILJARI_BACKGROUND": "queue"}
    env.pop("ILJARI_KEY_FILE", None)
    env.pop("ILJARI_DATABASE_URL", None)
    database_url = None
    if server_url:
        name = f"site_{uuid.uuid4().hex[:8]}"
        with pg_connect(server_url) as db:
            db.execute(f"create database {name}")
        database_url = env["ILJARI_DATABASE_URL"] = server_url.rsplit("/", 1)[0] + f"/{name}"
    site = Site(var, env, database_url, server_url)
    site.iljari("init", "--no-index")
    site.story("counselor()")
    return site


def pg_connect(url: str) -> psycopg.Connection:
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
    """Poll ``condition`` (every 20 ms) until it holds; fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting: {what}"
        time.sleep(0.02)


def import_state(site: Site, import_id: int) -> tuple:
    """(import status, job status, stage, done, total, attempts) of a web import."""
    return site.query(
        "select i.status, j.status, j.stage, j.done, j.total, j.attempts from transfer_importjob i "
        "join core_job j on j.id = i.run_id where i.id = %s",
        import_id,
    )[0]


def in_save(site: Site, import_id: int, rows: int) -> bool:
    """The worker checked every row again and holds the save's transaction open (rows written, not committed)."""
    _, run, stage, done, total, _ = import_state(site, import_id)
    return run == "running" and stage == "검사" and done == total == rows and site.writing()
