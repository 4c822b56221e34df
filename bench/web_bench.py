"""Page timings under load on loopback, for SQLite and PostgreSQL, today's server against the baseline.

For each database and each server the script starts the server on a free port over a demo
database (made fresh by ``iljari init --demo``, or an existing one named by ``--var`` /
``--database-url``), logs N counselors in through the login form, waits until the server is
idle (workers warm), and measures

  (a) N counselors each asking for a page every 2 s (their seekers' pages, the seeker list,
      오늘의 업무 and vacancy pages) — p50/p95 per page and errors (goal: p95 ≤ 200 ms, 0 errors);
  (b) the seeker page saturated by ``wrk`` (Debian's, written in C, so the load generator takes
      little of the server's CPU) — requests/s (goal on 2 cores: ≥ 150).

Beside each figure it prints the server's own CPU time per request (read from /proc), which does
not move with whatever else runs on the machine, and what the load generator used.

Servers: ``baseline`` is the set-up ``iljari serve`` had before (one waitress process, 8 threads);
``serve`` is ``iljari serve`` now (gunicorn, worker processes × threads from the CPU count).
Both run the same application code from this checkout.

    .venv/bin/python bench/web_bench.py [--db sqlite,postgres] [--servers baseline,serve]
        [--counselors 50] [--duration 60] [--saturate 20] [--connections 16]
        [--workers W --threads T] [--var DIR] [--database-url URL] [--json FILE]
"""

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
PASSWORD = "bench-counselor-2026!"
PACE = 2.0  # seconds between one counselor's pages
MIX = {"seeker page": 4, "seeker list": 2, "home": 2, "vacancy page": 2}
MIX_TEXT = "pages in the mix " + ", ".join(f"{k} {v / sum(MIX.values()):.0%}" for k, v in MIX.items())
GOAL_P95_MS, GOAL_RPS = 200, 150
CORES = len(os.sched_getaffinity(0))
BASELINE = """
import sys
from django.core.management import call_command
import django
django.setup()
call_command("collectstatic", interactive=False, verbosity=0)
from waitress import serve
from iljari.wsgi import application
serve(application, host="127.0.0.1", port=int(sys.argv[1]), threads=8, ident="iljari")
"""


# ---------------------------------------------------------------- the database and the accounts


def _accounts(count: int) -> None:
    """(Run inside the database's environment.) Make ``count`` counselors and print what they may visit."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iljari.settings")
    import django

    django.setup()
    from django.db.models import Count

    from iljari.accounts.models import Desk, User
    from iljari.accounts.services import staff_create
    from iljari.seekers.models import Seeker
    from iljari.vacancies.models import Vacancy

    desks = list(
        Desk.objects.annotate(n=Count("seekers")).filter(n__gt=0).order_by("-n", "pk").values_list("pk", flat=True)
    )
    people = []
    for n in range(count):
        desk = Desk.objects.get(pk=desks[n % len(desks)])
        user = User.objects.filter(username=f"bench-counselor-{n}").first()
        if user is None:
            staff_create(
                username=f"bench-counselor-{n}",
                full_name=f"부하시험 상담사 {n}",
                role=User.Role.COUNSELOR,
                desk=desk,
                password=PASSWORD,
                actor="cli:web_bench",
            )
        seekers = Seeker.objects.filter(desk=desk, status=Seeker.Status.ACTIVE).values_list("pk", flat=True)
        people.append({"username": f"bench-counselor-{n}", "seekers": list(seekers[:200])})
    vacancies = list(Vacancy.objects.filter(status=Vacancy.Status.OPEN).values_list("pk", flat=True)[:500])
    print(json.dumps({"people": people, "vacancies": vacancies}))


@dataclass
class Database:
    name: str
    env: dict
    var: Path
    cleanup: list = field(default_factory=list)


def _prepare(kind: str, args: argparse.Namespace) -> Database:
    """A var directory with a demo database of ``kind`` (fresh unless one was named)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "iljari.settings", "PYTHONUNBUFFERED": "1"}
    env.pop("ILJARI_DATABASE_URL", None)
    cleanup = []
    given = args.var if kind == "sqlite" else (args.var if args.database_url else None)
    if given:
        var = given.resolve()
    else:
        var = Path(tempfile.mkdtemp(prefix=f"iljari-web-bench-{kind}-"))
        cleanup.append(lambda: shutil.rmtree(var, ignore_errors=True))
        cached = ROOT / "var" / "embeddings.sqlite3"
        if cached.exists():  # model outputs for the catalogue: deterministic, saves minutes
            shutil.copy(cached, var / "embeddings.sqlite3")
    env["ILJARI_VAR_DIR"] = str(var)
    if kind == "postgres":
        if args.database_url:
            env["ILJARI_DATABASE_URL"] = args.database_url
        else:
            from iljari.testing import pgserver

            server = pgserver.start()
            cleanup.append(server.stop)
            env["ILJARI_DATABASE_URL"] = server.url
            env["BENCH_PG_PID_FILE"] = str(server.base / "data" / "postmaster.pid")
    db = Database(kind, env, var, cleanup)
    if not given:
        started = time.monotonic()
        print(f"[{kind}] iljari init --demo (a fresh demo database)...", flush=True)
        subprocess.run([sys.executable, "-m", "iljari.cli", "init", "--demo"], env=env, check=True, capture_output=True)
        print(f"[{kind}] demo database ready in {time.monotonic() - started:.0f} s", flush=True)
    return db


# ---------------------------------------------------------------- CPU and memory from /proc


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def _rss_mb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 0


class Meter:
    """CPU seconds used by a process tree between two readings."""

    def __init__(self, root: int | None) -> None:
        self.root = root

    def read(self) -> float:
        return _cpu_seconds(_tree(self.root)) if self.root else 0.0


def _postgres_pid(env: dict) -> int | None:
    path = env.get("BENCH_PG_PID_FILE")
    try:
        return int(Path(path).read_text().split()[0]) if path else None
    except (OSError, ValueError, IndexError):
        return None


# ---------------------------------------------------------------- a small HTTP/1.1 client


class Http:
    """One keep-alive connection, as a browser keeps one per tab."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def close(self) -> None:
        if self.writer:
            self.writer.close()
            self.reader = self.writer = None

    async def request(
        self, method: str, path: str, cookies: str = "", body: bytes = b"", content_type: str = ""
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: web_bench\r\n"
        if cookies:
            head += f"Cookie: {cookies}\r\n"
        if body or method == "POST":
            head += f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
        data = head.encode() + b"\r\n" + body
        for attempt in (1, 2):
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
            try:
                self.writer.write(data)
                await self.writer.drain()
                status_line = await self.reader.readline()
                if not status_line:
                    raise ConnectionResetError
                return await self._response(status_line)
            except (ConnectionResetError, BrokenPipeError):
                # The server closed an idle kept-alive connection: a browser sends again too.
                await self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    async def _response(self, status_line: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
        status = int(status_line.split()[1])
        headers = []
        while (line := await self.reader.readline()) not in (b"\r\n", b"\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            headers.append((name.strip().lower(), value.strip()))
        values = dict(headers)
        if values.get("transfer-encoding") == "chunked":
            body = b""
            while size := int((await self.reader.readline()).strip() or b"0", 16):
                body += await self.reader.readexactly(size)
                await self.reader.readline()
            await self.reader.readline()
        else:
            body = await self.reader.readexactly(int(values.get("content-length", 0)))
        if values.get("connection", "").lower() == "close":
            await self.close()
        return status, headers, body


def _cookie(headers: list[tuple[str, str]], name: str) -> str | None:
    for key, value in headers:
        if key == "set-cookie" and value.startswith(f"{name}="):
            return value.split(";", 1)[0].split("=", 1)[1]
    return None


async def _login(port: int, username: str) -> str:
    """Log in through the form, as a counselor does; returns the session cookie."""
    http = Http(port)
    try:
        status, headers, body = await http.request("GET", "/login/")
        csrf = _cookie(headers, "csrftoken")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
        form = f"csrfmiddlewaretoken={token}&username={username}&password={PASSWORD}".encode()
        status, headers, _ = await http.request(
            "POST", "/login/", f"csrftoken={csrf}", form, "application/x-www-form-urlencoded"
        )
        session = _cookie(headers, "sessionid")
        if status != 302 or not session:
            raise RuntimeError(f"{username} 로그인 실패 (HTTP {status})")
        return f"csrftoken={csrf}; sessionid={session}"
    finally:
        await http.close()


async def _login_all(port: int, people: list[dict]) -> list[str]:
    limit = asyncio.Semaphore(4)

    async def one(person: dict) -> str:
        async with limit:
            return await _login(port, person["username"])

    return await asyncio.gather(*(one(p) for p in people))


# ---------------------------------------------------------------- the two measurements


def _path(kind: str, rng: random.Random, person: dict, vacancies: list[int]) -> str:
    if kind == "seeker page":
        return f"/seekers/{rng.choice(person['seekers'])}/"
    if kind == "vacancy page":
        return f"/vacancies/{rng.choice(vacancies)}/"
    return "/seekers/" if kind == "seeker list" else "/"


async def _paced(port: int, people: list[dict], cookies: list[str], vacancies: list[int], duration: float) -> list:
    """Each counselor asks for a page every PACE seconds (the next waits for the last to arrive)."""
    loop = asyncio.get_running_loop()
    start = loop.time() + 0.5
    results: list[tuple[str, int | str, float]] = []
    kinds, weights = list(MIX), list(MIX.values())

    async def counselor(n: int) -> None:
        rng = random.Random(n)
        http = Http(port)
        due = start + rng.uniform(0, PACE)
        while due < start + duration:
            await asyncio.sleep(max(0.0, due - loop.time()))
            kind = rng.choices(kinds, weights)[0]
            sent = loop.time()
            try:
                status, _, _ = await asyncio.wait_for(
                    http.request("GET", _path(kind, rng, people[n], vacancies), cookies[n]), 30
                )
            except (TimeoutError, OSError) as exc:
                status = type(exc).__name__
                await http.close()
            results.append((kind, status, (loop.time() - sent) * 1000))
            due += PACE
        await http.close()

    await asyncio.gather(*(counselor(n) for n in range(len(people))))
    return results


def _wrk_script(people: list[dict], cookies: list[str], rng: random.Random) -> str:
    pairs = [(f"/seekers/{s}/", cookies[n]) for n, p in enumerate(people) for s in p["seekers"][:40]]
    rng.shuffle(pairs)
    table = ",\n".join(f'{{"{path}", "{cookie}"}}' for path, cookie in pairs)
    return f"""
local pages = {{
{table}
}}
local threads = {{}}
function setup(thread) table.insert(threads, thread) end
function init(args) bad = 0; n = 0 end
function request()
  n = n % #pages + 1
  return wrk.format("GET", pages[n][1], {{["Cookie"] = pages[n][2]}})
end
function response(status, headers, body) if status ~= 200 then bad = bad + 1 end end
function done(summary, latency, requests)
  local b = 0
  for _, t in ipairs(threads) do b = b + t:get("bad") end
  local e = summary.errors
  io.write(string.format("BENCH %d %d %d %f %f %f\\n", summary.requests, b, e.connect + e.read + e.write + e.timeout,
    summary.duration / 1e6, latency:percentile(50) / 1e3, latency:percentile(95) / 1e3))
end
"""


def _saturate(port: int, script: Path, seconds: int, connections: int) -> dict:
    before = os.times()
    out = subprocess.run(
        [
            "wrk",
            "-t1",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "30s",
            "-s",
            str(script),
            f"http://127.0.0.1:{port}/",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    after = os.times()
    line = next(x for x in out.splitlines() if x.startswith("BENCH "))
    requests, bad, socket_errors, elapsed, p50, p95 = line.split()[1:]
    wrk_cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return {
        "requests": int(requests),
        "non_200": int(bad),
        "socket_errors": int(socket_errors),
        "seconds": float(elapsed),
        "rps": int(requests) / float(elapsed),
        "p50_ms": float(p50),
        "p95_ms": float(p95),
        "wrk_cpu_share": wrk_cpu / float(elapsed),
    }


# ---------------------------------------------------------------- one server over one database


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(kind: str, db: Database, port: int, args: argparse.Namespace) -> tuple[subprocess.Popen, str]:
    if kind == "baseline":
        command = [sys.executable, "-c", BASELINE, str(port)]
        label = "baseline: waitress, 1 process × 8 threads"
    else:
        command = [sys.executable, "-m", "iljari.cli", "serve", "--port", str(port)]
        command += ["--workers", str(args.workers)] if args.workers else []
        command += ["--threads", str(args.threads)] if args.threads else []
        label = "iljari serve: gunicorn"
    log = open(db.var / f"bench-{kind}.log", "w")  # noqa: SIM115 - closed with the process
    server = subprocess.Popen(command, env=db.env, stdout=log, stderr=subprocess.STDOUT)
    return server, label


def _wait_until_up(server: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("server stopped while starting")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("server did not start in 180 s")


def _wait_until_idle(meter: Meter, limit: float = 240) -> None:
    """Workers warm their analyzer and indexes in the background: measure only once that is done."""
    deadline = time.monotonic() + limit
    quiet = 0
    last = meter.read()
    while time.monotonic() < deadline and quiet < 3:
        time.sleep(1)
        now = meter.read()
        quiet = quiet + 1 if now - last < 0.05 else 0
        last = now


def _run(kind: str, db: Database, data: dict, args: argparse.Namespace) -> dict:
    port = _free_port()
    server, label = _start(kind, db, port, args)
    try:
        _wait_until_up(server, port)
        meter = Meter(server.pid)
        pg = Meter(_postgres_pid(db.env))
        _wait_until_idle(meter)
        people = data["people"][: args.counselors]
        cookies = asyncio.run(_login_all(port, people))
        if kind != "baseline":
            banner = re.search(r"작업 프로세스 (\d+)개 × 스레드 (\d+)개", (db.var / f"bench-{kind}.log").read_text())
            label += f", {banner.group(1)} processes × {banner.group(2)} threads" if banner else ""
        # Every page once per counselor before measuring (templates and the like load on first use).
        asyncio.run(_paced(port, people, cookies, data["vacancies"], PACE * 2))
        _wait_until_idle(meter)

        cpu0, pg0, own0 = meter.read(), pg.read(), os.times()
        results = asyncio.run(_paced(port, people, cookies, data["vacancies"], args.duration))
        cpu1, pg1, own1 = meter.read(), pg.read(), os.times()
        paced = {
            "requests": len(results),
            "server_cpu_ms": (cpu1 - cpu0) / len(results) * 1000,
            "client_cpu_share": (own1.user - own0.user + own1.system - own0.system) / args.duration,
        }
        if pg.root:
            paced["postgres_cpu_ms"] = (pg1 - pg0) / len(results) * 1000
        for page in MIX:
            times = [ms for k, _, ms in results if k == page]
            errors = [str(s) for k, s, _ in results if k == page and s != 200]
            paced[page] = {
                "n": len(times),
                "p50_ms": float(np.percentile(times, 50)),
                "p95_ms": float(np.percentile(times, 95)),
                "errors": len(errors),
                "kinds": sorted(set(errors)),
            }
        paced["errors"] = sum(paced[p]["errors"] for p in MIX)

        script = db.var / "bench-seeker-page.lua"
        script.write_text(_wrk_script(people, cookies, random.Random(5)))
        cpu0, pg0 = meter.read(), pg.read()
        saturated = _saturate(port, script, args.saturate, args.connections)
        cpu1, pg1 = meter.read(), pg.read()
        saturated["server_cpu_ms"] = (cpu1 - cpu0) / max(1, saturated["requests"]) * 1000
        if pg.root:
            saturated["postgres_cpu_ms"] = (pg1 - pg0) / max(1, saturated["requests"]) * 1000
        memory = {pid: _rss_mb(pid) for pid in _tree(server.pid)}
    finally:
        server.terminate()
        try:
            server.wait(timeout=40)
        except subprocess.TimeoutExpired:
            server.kill()
    return {
        "database": db.name,
        "server": kind,
        "label": label,
        "paced": paced,
        "saturated": saturated,
        "memory_mb": sorted(memory.values(), reverse=True),
    }


# ---------------------------------------------------------------- output


def _print_run(r: dict, counselors: int, duration: int) -> None:
    a, b = r["paced"], r["saturated"]
    print(f"\n{r['database']} · {r['label']}")
    print(
        f"  (a) {counselors} counselors, a page each every {PACE:g} s for {duration} s: {a['requests']} requests, errors {a['errors']}"
    )
    for page in MIX:
        p = a[page]
        kinds = f" ({', '.join(p['kinds'])})" if p["kinds"] else ""
        print(
            f"      {page:<13} n={p['n']:<5} p50 {p['p50_ms']:7.1f} ms   p95 {p['p95_ms']:7.1f} ms   errors {p['errors']}{kinds}"
        )
    extra = f", postgres {a['postgres_cpu_ms']:.1f} ms" if "postgres_cpu_ms" in a else ""
    print(
        f"      server CPU {a['server_cpu_ms']:.1f} ms per request{extra}; "
        f"the client used {a['client_cpu_share'] * 100:.0f} % of a core"
    )
    extra = f" + postgres {b['postgres_cpu_ms']:.1f} ms" if "postgres_cpu_ms" in b else ""
    print(
        f"  (b) seeker page saturated (wrk, 1 thread, {b['requests']} requests): {b['rps']:.1f} requests/s, "
        f"p50 {b['p50_ms']:.0f} ms p95 {b['p95_ms']:.0f} ms, non-200 {b['non_200']}, socket errors {b['socket_errors']}"
    )
    print(
        f"      server CPU {b['server_cpu_ms']:.1f} ms per request{extra}; wrk used {b['wrk_cpu_share'] * 100:.0f} % of a core"
    )
    print(f"      CPU-bound ceiling on {CORES} cores with nothing else running: {_ceiling(b):.0f} requests/s")
    print(f"  memory (RSS, MB): {' + '.join(map(str, r['memory_mb']))}")


def _ceiling(saturated: dict) -> float:
    """Requests/s the server's own CPU per request allows on this machine's cores (PostgreSQL's included)."""
    per_request = saturated["server_cpu_ms"] + saturated.get("postgres_cpu_ms", 0.0)
    return CORES * 1000 / per_request if per_request else 0.0


def _print_table(runs: list[dict]) -> None:
    print("\n" + "=" * 124)
    print(
        f"{'database':<9} {'server':<46} {'(a) p95 ms: seeker  list  home  vacancy':>40} {'errors':>6}"
        f" {'(b) req/s':>9} {'CPU ms':>6} {'ceiling':>7}"
    )
    for r in runs:
        a, b = r["paced"], r["saturated"]
        p95 = "  ".join(f"{a[p]['p95_ms']:5.0f}" for p in MIX)
        cpu = b["server_cpu_ms"] + b.get("postgres_cpu_ms", 0.0)
        print(
            f"{r['database']:<9} {r['label']:<46} {p95:>40} {a['errors']:>6}"
            f" {b['rps']:>9.1f} {cpu:>6.1f} {_ceiling(b):>7.0f}"
        )
    print(f"{'goal':<9} {'':<46} {'≤ ' + str(GOAL_P95_MS) + ' on every page':>40} {0:>6} {'≥ ' + str(GOAL_RPS):>9}")
    print(
        f"(a) {MIX_TEXT}; errors = non-200 or timeouts. (b) the seeker page saturated by wrk.\n"
        f"CPU ms = CPU per saturated seeker page, the server's and PostgreSQL's; ceiling = {CORES} cores / CPU ms:\n"
        "what the code allows once nothing else shares the cores (the measured req/s is lower when something does)."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="sqlite,postgres", help="sqlite, postgres or both (comma-separated)")
    parser.add_argument("--servers", default="baseline,serve", help="baseline, serve or both")
    parser.add_argument("--counselors", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60, help="seconds of the paced load (a)")
    parser.add_argument("--saturate", type=int, default=20, help="seconds of the saturated load (b)")
    parser.add_argument("--connections", type=int, default=16, help="wrk's open connections in (b)")
    parser.add_argument("--workers", type=int, default=None, help="iljari serve --workers (default: its own)")
    parser.add_argument("--threads", type=int, default=None, help="iljari serve --threads (default: its own)")
    parser.add_argument("--var", type=Path, help="an initialized var directory to use instead of a fresh demo")
    parser.add_argument("--database-url", help="an initialized PostgreSQL database to use (with --var)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--accounts", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.accounts:
        return _accounts(args.accounts)
    if not shutil.which("wrk"):
        sys.exit("wrk가 없습니다: apt-get install -y wrk")
    print(
        f"web bench on loopback: {CORES} cores shared by the server, the load generator and everything else "
        f"(load average {os.getloadavg()[0]:.1f} at start)"
    )
    runs = []
    for kind in args.db.split(","):
        db = _prepare(kind, args)
        try:
            out = subprocess.run(
                [sys.executable, __file__, "--accounts", str(args.counselors)],
                env=db.env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            data = json.loads(out.strip().splitlines()[-1])
            for server in args.servers.split(","):
                run = _run(server, db, data, args)
                _print_run(run, args.counselors, args.duration)
                runs.append(run)
        finally:
            for step in reversed(db.cleanup):
                step()
    _print_table(runs)
    if args.json:
        args.json.write_text(json.dumps(runs, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
