"""API recommendation timings: `GET /api/seekers/{id}/matches` (and the vacancy side), in process.

Over an initialized var directory (`make run` or `iljari init --demo` makes one), a counselor's
token asks for the recommendations of --seekers seekers of their desk: the first call (cold: the
indexes and the embedding model load) and then each seeker once more (warm); p50/p95/max of each.
The probe's baseline (issue 15, finding 11) was 12.3 s for one call.

    ILJARI_VAR_DIR=var .venv/bin/python bench/api_matches_bench.py [--seekers 30] [--json]
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iljari.settings")

BASELINE_SECONDS = 12.3  # the probe's one call (issue 15, finding 11)


def _timed(client: object, path: str) -> float:
    started = time.perf_counter()
    response = client.get(path)
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        sys.exit(f"{path}: {response.status_code} {response.content[:300]!r}")
    return elapsed


def _figures(seconds: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(float(np.percentile(seconds, 50)) * 1000, 1),
        "p95_ms": round(float(np.percentile(seconds, 95)) * 1000, 1),
        "max_ms": round(max(seconds) * 1000, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seekers", type=int, default=30)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.test import Client

    from iljari.accounts.models import User
    from iljari.accounts.services import api_token_create
    from iljari.seekers.models import Seeker
    from iljari.vacancies.models import Vacancy

    counselor = User.objects.filter(role=User.Role.COUNSELOR, is_active=True, desk__isnull=False).first()
    if counselor is None:
        sys.exit("상담사 계정이 없습니다. 먼저 'iljari init --demo'를 실행해 주십시오.")
    token = api_token_create(user=counselor, name="bench", actor="bench")
    client = Client(SERVER_NAME="localhost", HTTP_AUTHORIZATION=f"Bearer {token}")
    ids = list(
        Seeker.objects.filter(desk=counselor.desk, status=Seeker.Status.ACTIVE)
        .order_by("pk")
        .values_list("pk", flat=True)[: args.seekers]
    )
    vacancies = list(Vacancy.objects.filter(status="open").order_by("pk").values_list("pk", flat=True)[: args.seekers])
    cold = _timed(client, f"/api/seekers/{ids[0]}/matches")
    warm = [_timed(client, f"/api/seekers/{pk}/matches") for pk in ids]
    vacancy_warm = [_timed(client, f"/api/vacancies/{pk}/matches") for pk in vacancies]
    result = {
        "seekers_on_file": Seeker.objects.count(),
        "vacancies_on_file": Vacancy.objects.count(),
        "baseline_one_call_s": BASELINE_SECONDS,
        "seeker_matches_cold_ms": round(cold * 1000, 1),
        "seeker_matches_warm": _figures(warm) | {"calls": len(warm)},
        "vacancy_matches_warm": _figures(vacancy_warm) | {"calls": len(vacancy_warm)},
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return
    print(f"{result['seekers_on_file']} seekers, {result['vacancies_on_file']} vacancies on file")
    print(f"baseline (probe, one call): {BASELINE_SECONDS * 1000:.0f} ms")
    print(f"GET /api/seekers/{{id}}/matches   cold (first call): {result['seeker_matches_cold_ms']} ms")
    for name in ("seeker_matches_warm", "vacancy_matches_warm"):
        f = result[name]
        print(f"{name:<22} {f['calls']} calls  p50 {f['p50_ms']} ms  p95 {f['p95_ms']} ms  max {f['max_ms']} ms")


if __name__ == "__main__":
    main()
