"""A second city from the province file to its served map: pack, install with demo data, serve, log in.

    .venv/bin/python bench/city_install.py [--sgg 안양시] [--port 8766] [--shots DIR] [--compare]

Runs this checkout's own ``iljari`` in a temporary folder (its own ``ILJARI_VAR_DIR`` and
``ILJARI_CITY_DIR``, nothing of ``var/`` touched): ``iljari city pack --sgg NAME``, ``iljari init
--demo``, ``iljari serve``, then a real browser (Debian's chromium) logs in as the demo manager
and opens the dashboard until its 동 map is drawn. Prints each phase's seconds and the total from
the first command to the map. ``--shots`` saves the dashboard and the discovery map as PNGs;
``--compare`` also exports this city's KPIs and a second city's (the shipped Ansan, installed the
same way) and shows the comparison page with both.

Goal (issue 20): ≤ 5 minutes from the command to the served map, on 2 cores. Baseline: not timed
before (2026-12-02).
"""

import argparse
import datetime
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ILJARI = ROOT / ".venv" / "bin" / "iljari"
sys.path.insert(0, str(ROOT / "src"))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iljari.settings")
import django  # noqa: E402

django.setup()
from iljari.demo.generator import DEMO_PASSWORD  # noqa: E402


def _run(label: str, command: list[str], env: dict[str, str], phases: list[tuple[str, float]]) -> None:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    phases.append((label, time.perf_counter() - started))
    print(f"{label}: {phases[-1][1]:.1f} s", flush=True)


def _answers(url: str) -> bool:
    try:
        with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def _install(sgg: str | None, folder: Path, phases: list[tuple[str, float]]) -> dict[str, str]:
    """Pack (unless ``sgg`` is None: the shipped city) and install a city with demo data; its environment."""
    env = {**os.environ, "ILJARI_VAR_DIR": str(folder / "var"), "ILJARI_BACKGROUND": "inline"}
    for name in ("ILJARI_KEY_FILE", "ILJARI_DATABASE_URL", "ILJARI_CITY_DIR"):
        env.pop(name, None)
    if sgg:
        env["ILJARI_CITY_DIR"] = str(folder / "city")
        _run("city pack", [str(ILJARI), "city", "pack", "--sgg", sgg, "--output", str(folder / "city")], env, phases)
    _run("init --demo", [str(ILJARI), "init", "--demo"], env, phases)
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sgg", default="안양시")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--shots", type=Path)
    parser.add_argument("--compare", action="store_true")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    scratch = Path(tempfile.mkdtemp(prefix="iljari-city-"))
    phases: list[tuple[str, float]] = []
    started = time.perf_counter()
    env = _install(args.sgg, scratch / "city", phases)
    server = subprocess.Popen(
        [str(ILJARI), "serve", "--port", str(args.port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        serving = time.perf_counter()
        while not _answers(f"{base}/login/"):
            if server.poll() is not None:
                sys.exit(f"iljari serve stopped with {server.returncode}")
            time.sleep(0.2)
        phases.append(("serve (first page)", time.perf_counter() - serving))
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            opened = time.perf_counter()
            page.goto(f"{base}/login/")
            page.fill("input[name=username]", "manager")
            page.fill("input[name=password]", DEMO_PASSWORD)
            page.click("button[type=submit]")
            page.goto(f"{base}/reports/")
            largest = "Math.max(0, ...[...document.querySelectorAll('svg')].map(s => s.querySelectorAll('path').length))"
            page.wait_for_function(f"() => {largest} >= 10")  # the 동 map: one shape per 동
            areas = page.evaluate(f"() => {largest}")
            phases.append(("log in, dashboard with its map", time.perf_counter() - opened))
            total = time.perf_counter() - started
            heading = page.locator("h1").first.inner_text()
            if args.shots:
                args.shots.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(args.shots / "city-dashboard.png"), full_page=True)
                page.goto(f"{base}/discovery/plan/")
                page.screenshot(path=str(args.shots / "city-discovery-map.png"), full_page=True)
            if args.compare:
                _compare(page, base, env, scratch, args.shots)
            browser.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    print()
    for label, seconds in phases:
        print(f"  {label:<32} {seconds:7.1f} s")
    print(f"  {'from the command to the map':<32} {total:7.1f} s (goal ≤ 300 s on 2 cores)")
    print(f"dashboard: {heading!r}, {areas} shapes drawn")
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"CPU used by the commands: {used.ru_utime + used.ru_stime:.1f} s (the server's own not counted)")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} (1 min), {os.cpu_count()} cores")
    subprocess.run(["rm", "-rf", str(scratch)], check=False)


def _compare(page, base: str, env: dict[str, str], scratch: Path, shots: Path | None) -> None:  # noqa: ANN001
    """Export this city's month and the shipped city's, import both here, and show the comparison page."""
    month = (datetime.date.today().replace(day=1) - datetime.timedelta(days=1)).strftime("%Y-%m")  # as the page
    other = _install(None, scratch / "ansan", [])
    for city_env, name in ((env, "this.json"), (other, "other.json")):
        subprocess.run(
            [str(ILJARI), "kpi", "export", "--month", month, "--output", str(scratch / name)],
            env=city_env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        subprocess.run([str(ILJARI), "kpi", "import", str(scratch / name)], env=env, check=True)
    page.goto(f"{base}/reports/compare/?month={month}")
    if shots:
        page.screenshot(path=str(shots / "city-compare.png"), full_page=True)
    print("comparison page:", " | ".join(page.locator("table th").all_inner_texts()[:8]))


if __name__ == "__main__":
    main()
