"""Trust bench: the JSON API fuzzed by schemathesis against its served OpenAPI schema, long.

In process (WSGI) over a copy of an initialized var directory (the demo data; the copy takes the
fuzzer's writes), as a counselor with an API token. Every operation: its documented examples, then
positive and negative mode with ids drawn freely and pinned to a seeker, vacancy, employer and
referral on file, --examples cases each; all of schemathesis's checks (no 5xx, status and body as
documented, schema-valid requests accepted, invalid ones refused). Prints operations, requests,
answers by status and each failure. The fast test (front/tests/test_api_fuzz.py) runs the same
with 10 cases each on a fresh test database.

    .venv/bin/python bench/trust/api_fuzz.py [--var var] [--examples 100] [--seed N] [--json]
"""

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--var", type=Path, default=ROOT / "var")
    parser.add_argument("--examples", type=int, default=100)
    parser.add_argument("--seed", type=int, default=None, help="a random run (default: derandomized)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not (args.var / "iljari.sqlite3").exists():
        sys.exit(f"{args.var}에 데이터베이스가 없습니다. 먼저 'make run' 또는 'iljari init --demo'를 실행해 주십시오.")

    work = Path(tempfile.mkdtemp(prefix="iljari-fuzz-"))
    try:
        shutil.copytree(args.var, work / "var", ignore=shutil.ignore_patterns("uploads", "exports", "outbox"))
        os.environ["ILJARI_VAR_DIR"] = str(work / "var")
        os.environ["ILJARI_KEY_FILE"] = str(work / "var" / "iljari.key")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iljari.settings")
        import django

        django.setup()
        from iljari.accounts.models import User
        from iljari.referrals.models import Referral
        from iljari.testing.api_fuzz import fuzz, fuzz_schema, world_of

        counselor = User.objects.filter(role=User.Role.COUNSELOR, is_active=True, desk__isnull=False).first()
        referral = Referral.objects.filter(seeker__desk=counselor.desk, vacancy__status="open").order_by("pk").first()
        world = world_of(counselor=counselor, seeker=referral.seeker, referral=referral, actor="bench")
        started = time.perf_counter()
        with fuzz_schema(world) as schema:
            report = fuzz(schema, world=world, examples=args.examples, seed=args.seed)
        elapsed = time.perf_counter() - started
    finally:
        shutil.rmtree(work, ignore_errors=True)

    result = {
        "operations": report.operations,
        "requests": report.requests,
        "failures": len(report.failures),
        "statuses": dict(sorted(report.statuses.items())),
        "examples_per_run": args.examples,
        "seconds": round(elapsed, 1),
        "failed": report.failures,
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(
            f"schemathesis: {result['operations']} operations, {result['requests']} requests, "
            f"{result['failures']} failures in {result['seconds']} s ({args.examples} cases per operation and mode)"
        )
        print("answers by status: " + ", ".join(f"{code}: {n}" for code, n in result["statuses"].items()))
        for operation, why in report.failures.items():
            print(f"\n--- {operation}\n{why}")
    sys.exit(1 if report.failures else 0)


if __name__ == "__main__":
    main()
