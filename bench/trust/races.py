"""Races: two clients at once on every write that creates or changes an outcome, on a SQLite file and
on a throwaway PostgreSQL server, N rounds each; prints what it tried and what held.

Each round prepares fresh records, reads the page(s) as the two browsers would, lets both post at
the same moment (threads behind a barrier, each with its own database connection) through the real
views, and checks the records afterwards (see ``iljari/testing/races.py`` for what must hold).

    .venv/bin/python bench/trust/races.py [--rounds 20] [--backend sqlite|postgres|both] [--only KEY ...]
    .venv/bin/python bench/trust/races.py --checkout /path/to/older/checkout   # the "before" column

``--checkout`` runs the same races against another checkout's code (its ``src`` on the path; the
races themselves come from this one); a race whose page that checkout does not have is skipped.
"""

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
ROOT = HERE.parents[2]
HARNESS = ROOT / "src" / "iljari" / "testing" / "races.py"


def _load_harness() -> object:
    spec = importlib.util.spec_from_file_location("iljari_races", HARNESS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _one_backend(backend: str, rounds: int, only: list[str]) -> dict:
    """Run in this process (a fresh one per backend): set up the site, run the races, return the tally."""
    var = Path(tempfile.mkdtemp(prefix="iljari-races-"))
    os.environ["ILJARI_VAR_DIR"] = str(var)
    os.environ["ILJARI_BACKGROUND"] = "inline"
    os.environ["ILJARI_ALLOWED_HOSTS"] = "testserver"
    os.environ.pop("ILJARI_DATABASE_URL", None)
    os.environ.pop("ILJARI_KEY_FILE", None)
    server = None
    if backend == "postgres":
        from iljari.testing import pgserver

        server = pgserver.start()
        os.environ["ILJARI_DATABASE_URL"] = server.url
    from iljari.privacy.crypto import create_key_file

    create_key_file(var / "iljari.key")
    (var / "static").mkdir(exist_ok=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iljari.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.urls import NoReverseMatch, reverse

    from iljari.front.setup import reference_load_all

    try:
        call_command("migrate", verbosity=0)
        reference_load_all(city_folder=Path(settings.ILJARI_CITY_DIR))
        races = _load_harness()
        world = races.build_world()
        result = {"backend": backend, "races": []}
        for race in races.RACES:
            if only and race.key not in only:
                continue
            entry = {"key": race.key, "label": race.label, "rounds": 0, "broken": 0, "problems": {}}
            started = time.perf_counter()
            try:
                [tally] = races.run(world, [race], rounds)
            except NoReverseMatch:
                entry["missing"] = True
            else:
                entry.update(rounds=tally.rounds, broken=tally.broken, problems=tally.problems)
            entry["seconds"] = round(time.perf_counter() - started, 1)
            result["races"].append(entry)
            print(f"  [{backend}] {race.key}: {entry}", file=sys.stderr, flush=True)
        del reverse
        return result
    finally:
        from django.db import connections

        connections.close_all()
        if server:
            server.stop()


def _child(args: argparse.Namespace, backend: str) -> dict:
    env = dict(os.environ)
    src = Path(args.checkout).resolve() / "src" if args.checkout else ROOT / "src"
    env["PYTHONPATH"] = str(src)
    command = [sys.executable, str(HERE), "--child", backend, "--rounds", str(args.rounds)]
    for key in args.only or []:
        command += ["--only", key]
    out = subprocess.run(command, env=env, capture_output=True, text=True)
    if out.returncode or args.verbose:
        sys.stderr.write(out.stderr[-6000:])
    out.check_returncode()
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--only", action="append", help="a race's key (repeatable)")
    parser.add_argument("--checkout", help="run the races against this checkout's code")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_one_backend(args.child, args.rounds, args.only or []), ensure_ascii=False))
        return
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    code = Path(args.checkout).resolve() if args.checkout else ROOT
    commit = subprocess.run(["git", "-C", str(code), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    results = [_child(args, b) for b in backends]
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return
    print(f"races: two clients at once, {args.rounds} rounds each; code {code} ({commit.stdout.strip()})")
    print("a round is broken when anything below did not hold afterwards\n")
    by_key: dict[str, dict[str, dict]] = {}
    labels = {}
    for result in results:
        for entry in result["races"]:
            by_key.setdefault(entry["key"], {})[result["backend"]] = entry
            labels[entry["key"]] = entry["label"]
    header = f"{'path':<42}" + "".join(f"{b + ' broken':>18}" for b in backends)
    print(header)
    print("-" * len(header))
    for key, per in by_key.items():
        cells = []
        for b in backends:
            e = per.get(b)
            cells.append("없음" if e is None or e.get("missing") else f"{e['broken']}/{e['rounds']} ({e['seconds']}s)")
        print(f"{labels[key]:<42}" + "".join(f"{c:>18}" for c in cells))
    print("\nwhat broke:")
    for key, per in by_key.items():
        for b, e in per.items():
            for problem, count in sorted(e["problems"].items(), key=lambda kv: -kv[1]):
                print(f"  {key} [{b}] {count}×  {problem}")
    held = sum(1 for per in by_key.values() for e in per.values() if not e.get("missing") and not e["broken"])
    tried = sum(1 for per in by_key.values() for e in per.values() if not e.get("missing"))
    print(f"\nheld: {held} of {tried} path × backend")


if __name__ == "__main__":
    main()
