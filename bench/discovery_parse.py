"""Field-note parsing speed: every labelled note parsed many times over, per-note p50/p95.

Needs an initialized database for the vocabulary (``ILJARI_VAR_DIR`` pointing at it). The goal is
under 20 ms a note; the baseline printed is that goal.

    ILJARI_VAR_DIR=var .venv/bin/python bench/discovery_parse.py [--rounds 50] [--json]
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iljari.settings")

import django

django.setup()

from iljari.discovery.evaluation import DEFAULT_SET  # noqa: E402
from iljari.discovery.vocabulary import note_parser  # noqa: E402

GOAL_MS = 20.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    notes = [json.loads(line)["note"] for line in DEFAULT_SET.read_text(encoding="utf-8").splitlines() if line]
    notes += [
        json.loads(line)["note"]
        for line in DEFAULT_SET.with_name("field_notes_holdout.jsonl").read_text(encoding="utf-8").splitlines()
        if line
    ]
    started = time.perf_counter()
    parse = note_parser().parse
    parse("welding 2명")  # builds the vocabulary and loads the occupation model once
    setup_s = time.perf_counter() - started
    times = []
    for _ in range(args.rounds):
        for note in notes:
            t = time.perf_counter()
            parse(note)
            times.append((time.perf_counter() - t) * 1000)
    times.sort()
    result = {
        "notes": len(times),
        "setup_s": round(setup_s, 2),
        "p50_ms": round(statistics.median(times), 3),
        "p95_ms": round(times[int(0.95 * len(times))], 3),
        "max_ms": round(times[-1], 3),
        "goal_ms": GOAL_MS,
    }
    if not args.json:
        print(
            f"{len(times):,} parses: p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, max {result['max_ms']} ms "
            f"(goal < {GOAL_MS} ms a note); vocabulary and model set-up {result['setup_s']} s"
        )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
