"""A seeker registered a moment ago: how long until their first recommendations (goal ≤ 1 s).

Each case runs in a fresh process over an initialized var directory (`make run` makes one in
./var; `iljari init --demo` with ILJARI_VAR_DIR for another), registers a seeker whose 희망직종
no one has typed before (so nothing is cached), and times ``vacancies_for_seeker`` — what the
recommendation panel of the seeker page calls. Everything is rolled back, so the data is unchanged.

- baseline: the process starts cold, as a server did before start-up warming (the first unseen
  희망직종 built the occupation normalizer: Kiwi, BM25 and both embedders over the catalogue);
- warmed: ``matching_warm_up()`` first (what ``iljari serve`` now runs before it listens), timed on its own.

It also checks that no recommendation is a vacancy that is not open today.

    .venv/bin/python bench/first_match_bench.py [--var var] [--json]
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WANTED = ["사출기 보조 야간 가능", "물류센터 상하차 주말", "요양 보호 어르신 돌봄 오전"]


def _case(warm: bool) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iljari.settings")
    import django

    started = time.perf_counter()
    django.setup()
    from datetime import date

    from django.db import transaction
    from django.utils import timezone

    from iljari.accounts.models import Desk
    from iljari.matching.indexes import matching_warm_up
    from iljari.matching.selectors import vacancies_for_seeker
    from iljari.reference.models import Dong
    from iljari.seekers.services import SeekerInput, seeker_create

    result: dict = {"case": "warmed" if warm else "baseline", "setup_s": round(time.perf_counter() - started, 2)}
    if warm:
        t = time.perf_counter()
        matching_warm_up()
        result["warm_up_s"] = round(time.perf_counter() - t, 2)
    desk, dong = Desk.objects.order_by("pk").first(), Dong.objects.order_by("pk").first()
    firsts, not_open = [], 0

    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            for n, wanted in enumerate(WANTED):
                seeker = seeker_create(
                    data=SeekerInput(
                        desk=desk,
                        name=f"측정용{n}",
                        birth_date=date(1990, 1, 1 + n),
                        phone=f"010-0000-{9000 + n}",
                        home_dong=dong,
                        desired_job_text=wanted,
                    ),
                    actor="bench",
                )
                t = time.perf_counter()
                recs = vacancies_for_seeker(seeker=seeker, k=10)
                firsts.append(round(time.perf_counter() - t, 3))
                today = timezone.localdate()
                not_open += sum(not r.vacancy.is_open_on(today) for r in recs.matches + recs.near_misses)
            raise Rollback
    except Rollback:
        pass
    result.update(first_seeker_s=firsts[0], next_seekers_s=firsts[1:], not_open_recommended=not_open)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--var", type=Path, default=ROOT / "var")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--case", choices=["baseline", "warmed"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        print(json.dumps(_case(args.case == "warmed")))
        return
    env = {**os.environ, "ILJARI_VAR_DIR": str(args.var.resolve())}
    rows = []
    for case in ("baseline", "warmed"):
        out = subprocess.run(
            [sys.executable, __file__, "--case", case], env=env, check=True, capture_output=True, text=True
        )
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
        return
    for r in rows:
        warm = f", warm-up {r['warm_up_s']:.1f} s before listening" if "warm_up_s" in r else ""
        print(
            f"{r['case']:>8}: first new seeker {r['first_seeker_s']:.2f} s, next "
            f"{', '.join(f'{x:.2f}' for x in r['next_seekers_s'])} s{warm}; "
            f"not-open vacancies recommended: {r['not_open_recommended']}"
        )
    print("goal: first new seeker ≤ 1 s (baseline is the cold process, as before start-up warming)")


if __name__ == "__main__":
    main()
