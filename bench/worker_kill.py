"""kill -9 of a worker in the middle of a web import's save, on a SQLite file and on PostgreSQL.

A site is made in a temporary folder (``iljari init``), a sheet of seekers is uploaded, checked and
confirmed; a real ``iljari worker`` starts saving it and is killed with SIGKILL while its save
transaction is open. The script prints what the database holds and what the import page shows then,
starts a second worker, and prints how long it took to see the first one gone and to save the file,
and the state after. The same story is asserted by ``front/tests/test_worker_process.py``.

    .venv/bin/python bench/worker_kill.py [--rows 1500] [--sqlite-only]
"""

import argparse
import html
import re
import signal
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from iljari.testing.site import Site, import_state, in_save, site_create, wait_until


def _text(page: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page))).strip()


def _state(site: Site, import_id: int) -> str:
    status, run, stage, done, total, attempts = import_state(site, import_id)
    seekers = site.one("select count(*) from seekers_seeker")
    audit = site.one("select count(*) from privacy_auditevent where action = 'import'")
    return (
        f"seekers {seekers}, import audit rows {audit}, import {status}, "
        f"job {run} at {stage} {done}/{total}, starts {attempts}"
    )


def story(site: Site, rows: int, label: str) -> None:
    print(f"\n== {label}: {rows:,} rows ==")
    import_id = int(site.story(f"import_checked_and_confirmed({rows})").split()[-1])
    first = site.worker()
    began = time.monotonic()
    wait_until(lambda: in_save(site, import_id, rows), "the worker inside the save transaction")
    first.send_signal(signal.SIGKILL)
    first.wait()
    print(f"killed (SIGKILL) {time.monotonic() - began:.1f} s after start, inside the save transaction")
    print(f"after kill -9:  {_state(site, import_id)}")
    print(f"page then:      {_text(site.story(f'page({import_id})'))}")
    second = site.worker()
    restarted = time.monotonic()
    wait_until(lambda: import_state(site, import_id)[1] != "running", "the second worker to see the first gone")
    seen = time.monotonic() - restarted
    wait_until(lambda: import_state(site, import_id)[0] == "saved", "the second worker to save")
    saved = time.monotonic() - restarted
    second.send_signal(signal.SIGTERM)
    second.wait()
    print(f"second worker:  saw the first one gone {seen:.1f} s after starting, saved {saved:.1f} s after starting")
    print(f"after restart:  {_state(site, import_id)}")
    print(f"page then:      {_text(site.story(f'page({import_id})'))}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1500)
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="iljari-kill-") as folder:
        story(site_create(Path(folder) / "sqlite"), args.rows, "SQLite file (WAL)")
        if args.sqlite_only:
            return
        from iljari.testing import pgserver

        server = pgserver.start()
        try:
            site = site_create(Path(folder) / "postgres", server_url=server.url)
            story(site, args.rows, "PostgreSQL")
        finally:
            server.stop()


if __name__ == "__main__":
    main()
