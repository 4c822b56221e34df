"""A SQLite database named by ILJARI_DATABASE_URL gets the same safe options as the default file,
so several server processes writing one file queue instead of failing with "database is locked"."""

import os
import sqlite3
import subprocess
import sys

from iljari import settings

WRITER = """
import sys
import django
django.setup()
from django.db import connection, transaction

name = sys.argv[1]
print("ready", flush=True)
sys.stdin.readline()  # every writer starts at once
for _ in range(int(sys.argv[2])):
    # Read, then write what was read: a session save or an audit append does the same.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(n), 0) FROM counter")
        cursor.execute("INSERT INTO counter (n, writer) VALUES (%s, %s)", [cursor.fetchone()[0] + 1, name])
"""


def test_sqlite_url_gets_the_sqlite_options(monkeypatch, tmp_path):
    monkeypatch.setenv("ILJARI_DATABASE_URL", f"sqlite:///{tmp_path}/other.sqlite3")
    database = settings._databases()["default"]
    assert database["NAME"] == f"{tmp_path}/other.sqlite3"
    assert database["OPTIONS"] == settings.SQLITE_OPTIONS
    assert database["CONN_MAX_AGE"] > 0

    monkeypatch.setenv("ILJARI_DATABASE_URL", f"sqlite:///{tmp_path}/other.sqlite3?timeout=5")
    options = settings._databases()["default"]["OPTIONS"]
    assert options["timeout"] == 5 and options["transaction_mode"] == "IMMEDIATE"


def test_postgres_url_keeps_its_own_options(monkeypatch):
    monkeypatch.setenv("ILJARI_DATABASE_URL", "postgres://iljari@db.example/iljari")
    database = settings._databases()["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert "transaction_mode" not in database.get("OPTIONS", {})
    assert database["CONN_HEALTH_CHECKS"] is True


def test_processes_writing_one_sqlite_file_by_url_all_succeed(tmp_path):
    path = tmp_path / "shared.sqlite3"
    with sqlite3.connect(path) as db:
        # As `iljari init` leaves a database: in WAL mode, which persists. (Switching a file to WAL needs
        # it alone, so processes racing to do it on a file nobody opened before could be refused.)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE counter (n INTEGER NOT NULL, writer TEXT NOT NULL)")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ILJARI_")}
    env |= {"ILJARI_VAR_DIR": str(tmp_path), "ILJARI_DATABASE_URL": f"sqlite:///{path}"}
    env["DJANGO_SETTINGS_MODULE"] = "iljari.settings"
    rounds = 150
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, f"w{n}", str(rounds)],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    for w in writers:
        assert w.stdout.readline().strip() == "ready"
    for w in writers:
        w.stdin.write("go\n")
        w.stdin.flush()
    failures = [err for w in writers if (err := w.communicate(timeout=120)[1]) and w.returncode != 0]
    assert failures == []

    with sqlite3.connect(path) as db:
        numbers = [n for (n,) in db.execute("SELECT n FROM counter ORDER BY n")]
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # Every write saw the one before it: none lost, none doubled.
    assert numbers == list(range(1, 4 * rounds + 1))
