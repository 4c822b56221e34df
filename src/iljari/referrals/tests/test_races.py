"""Every write that creates or changes an outcome, raced by two clients (``iljari/testing/races.py``): a
few rounds each on a SQLite file here and on PostgreSQL in the PostgreSQL pass; ``bench/trust/races.py``
runs them longer. Each backend runs in a fresh process of its own (a real database file or server that
several connections share, as in production), so this test does not use the test database."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[4] / "bench" / "trust" / "races.py"


def _races(backend: str, rounds: int) -> list[dict]:
    out = subprocess.run(
        [sys.executable, str(BENCH), "--backend", backend, "--rounds", str(rounds), "--json"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    [result] = json.loads(out.stdout)
    return result["races"]


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_two_clients_at_once_never_leave_records_that_disagree(backend):
    if (backend == "postgres") != (os.environ.get("ILJARI_TEST_POSTGRES") == "1"):
        pytest.skip("each backend runs in its own pass of make test")
    races = _races(backend, rounds=3)
    assert len(races) >= 12 and not any(r.get("missing") for r in races)
    broken = {r["key"]: r["problems"] for r in races if r["broken"]}
    assert broken == {}
