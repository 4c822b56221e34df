"""Audit appends under concurrency: what a read of personal data costs when many pages run at once.

P processes × T threads (a web server's workers) each render a "page" (a fixed amount of Python
work) and write one audit row, for a few seconds, on a fresh SQLite file and on a throwaway
PostgreSQL server. Prints appends/s and the mean time an append takes, for today's append (one
INSERT; rows sealed into the chain in batches) and for the baseline, the append iljari had before
(lock the chain's head, insert the sealed row, move the head: every read queued for the head).

    .venv/bin/python bench/audit_bench.py [--processes 2] [--threads 4] [--seconds 6] [--work 100000]
        [--db sqlite,postgres]
"""

import argparse
import multiprocessing as mp
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def _baseline_append(actor_name: str) -> None:
    """The append as it was: the head locked from its read to the commit."""
    from django.db import transaction
    from django.utils import timezone

    from iljari.privacy.models import AuditEvent, AuditHead

    with transaction.atomic():
        head = AuditHead.objects.select_for_update().get(pk=1)
        row = AuditEvent(
            seq=head.seq + 1,
            at=timezone.now(),
            actor_name=actor_name,
            action="read",
            object_type="seeker",
            object_id="1",
            purpose="부하시험",
            prev_hash=head.hash,
        )
        row.hash = row.compute_hash()
        AuditEvent.objects.bulk_create([row])
        head.seq, head.hash = row.seq, row.hash
        head.save(update_fields=["seq", "hash"])


def _worker(mode: str, threads: int, seconds: float, work: int, out: mp.Queue) -> None:
    import django

    django.setup()
    from django.db import connections

    from iljari.privacy.audit import Action, audit_record

    totals: list[tuple[int, float]] = []

    def run() -> None:
        count, spent = 0, 0.0
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            x = 0
            for i in range(work):  # the rest of the page, holding the GIL as rendering does
                x += i
            started = time.perf_counter()
            if mode == "baseline":
                _baseline_append("bench")
            else:
                audit_record(actor="bench", action=Action.READ, object_type="seeker", object_id=1, purpose="부하시험")
            spent += time.perf_counter() - started
            count += 1
        totals.append((count, spent))
        connections.close_all()

    pool = [threading.Thread(target=run) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    out.put((sum(c for c, _ in totals), sum(s for _, s in totals)))


def _measure(mode: str, args: argparse.Namespace) -> tuple[float, float]:
    out: mp.Queue = mp.Queue()
    workers = [
        mp.Process(target=_worker, args=(mode, args.threads, args.seconds, args.work, out))
        for _ in range(args.processes)
    ]
    for w in workers:
        w.start()
    results = [out.get() for _ in workers]
    for w in workers:
        w.join()
    count = sum(c for c, _ in results)
    return count / args.seconds, sum(s for _, s in results) / count * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=6)
    parser.add_argument("--work", type=int, default=100_000, help="loop steps of Python work per page (~5 ms)")
    parser.add_argument("--db", default="sqlite,postgres")
    args = parser.parse_args()
    print(
        f"audit appends: {args.processes} processes × {args.threads} threads, {args.seconds:g} s each, "
        f"on {len(os.sched_getaffinity(0))} cores (load average {os.getloadavg()[0]:.1f})"
    )
    for kind in args.db.split(","):
        var = Path(tempfile.mkdtemp(prefix="iljari-audit-bench-"))
        os.environ.update({"ILJARI_VAR_DIR": str(var), "DJANGO_SETTINGS_MODULE": "iljari.settings"})
        os.environ.pop("ILJARI_DATABASE_URL", None)
        from iljari.privacy.crypto import create_key_file

        create_key_file(var / "iljari.key")
        server = None
        if kind == "postgres":
            from iljari.testing import pgserver

            server = pgserver.start()
            os.environ["ILJARI_DATABASE_URL"] = server.url
        try:
            subprocess.run([sys.executable, "-m", "iljari.cli", "migrate", "-v0"], check=True, env=os.environ)
            for mode in ("baseline", "now"):
                rate, latency = _measure(mode, args)
                label = (
                    "baseline (head locked per append)" if mode == "baseline" else "now (one INSERT, sealed in batches)"
                )
                print(f"{kind:<9} {label:<38} {rate:7.0f} appends/s   mean append {latency:7.2f} ms")
        finally:
            if server:
                server.stop()


if __name__ == "__main__":
    main()
