"""Page timings under load: 20 concurrent clients on loopback against `iljari serve` with the demo data.

Starts the production server (waitress) on a free port over an initialized var directory
(`make run` makes one in ./var), logs 20 managers in, and has them open seeker pages and
the seekers' recommendation panels (the match page) for random demo seekers, a bounded
number of requests in all. Prints p50/p95/max per page and the request rate.

    .venv/bin/python bench/web_bench.py [--var var] [--requests 400] [--clients 20] [--json]
"""

import argparse
import http.client
import json
import os
import random
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _sessions(var: Path, count: int) -> tuple[list[str], list[int]]:
    """Session cookies for ``count`` managers, and demo seeker ids to visit."""
    os.environ["ILJARI_VAR_DIR"] = str(var)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iljari.settings")
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from iljari.accounts.models import User
    from iljari.seekers.models import Seeker

    cookies = []
    for n in range(count):
        user, _ = User.objects.get_or_create(
            username=f"bench-manager-{n}", defaults={"role": User.Role.MANAGER, "first_name": "부하시험"}
        )
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        cookies.append(session.session_key)
    seekers = list(Seeker.objects.filter(status="active").values_list("pk", flat=True)[:3000])
    return cookies, seekers


def _get(port: int, path: str, cookie: str) -> tuple[int, float]:
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path, headers={"Cookie": f"sessionid={cookie}", "Host": "127.0.0.1"})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status, (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--var", type=Path, default=ROOT / "var")
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not (args.var / "iljari.sqlite3").exists():
        sys.exit(f"{args.var}에 데이터베이스가 없습니다. 먼저 'make run' 또는 'iljari init --demo'를 실행해 주십시오.")
    cookies, seekers = _sessions(args.var.resolve(), args.clients)
    port = _free_port()
    env = {**os.environ, "ILJARI_VAR_DIR": str(args.var.resolve())}
    server = subprocess.Popen(
        [sys.executable, "-m", "iljari.cli", "serve", "--port", str(port), "--threads", "8"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(600):  # the server is up when it answers
            try:
                _get(port, "/login/", "")
                break
            except OSError:
                time.sleep(0.1)
        rng = random.Random(7)
        plan = [
            (f"/seekers/{s}/", "seeker page") if i % 2 == 0 else (f"/seekers/{s}/recommendations/", "match page")
            for i, s in enumerate(rng.choices(seekers, k=args.requests))
        ]
        _get(port, plan[1][0], cookies[0])  # first use loads the matching indexes
        started = time.perf_counter()

        def visit(i: int) -> tuple[int, int, float]:
            return (i, *_get(port, plan[i][0], cookies[i % args.clients]))

        with ThreadPoolExecutor(args.clients) as pool:
            results = list(pool.map(visit, range(len(plan))))
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    figures = {}
    for page in ("seeker page", "match page"):
        times = [ms for i, status, ms in results if plan[i][1] == page]
        bad = sum(1 for i, status, _ in results if plan[i][1] == page and status != 200)
        figures[page] = {
            "requests": len(times),
            "p50_ms": round(float(np.percentile(times, 50)), 1),
            "p95_ms": round(float(np.percentile(times, 95)), 1),
            "max_ms": round(max(times), 1),
            "errors": bad,
        }
        print(
            f"{page:<12} {len(times)} requests, p50 {figures[page]['p50_ms']} ms, p95 {figures[page]['p95_ms']} ms, "
            f"max {figures[page]['max_ms']} ms, non-200 {bad}"
        )
    print(
        f"{len(results)} requests from {args.clients} concurrent clients in {elapsed:.1f} s "
        f"({len(results) / elapsed:.1f} requests/s), waitress with 8 threads, SQLite"
    )
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
