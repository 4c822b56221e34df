"""Import benchmark: a 10,000-row seeker sheet, timed end to end on a fresh SQLite database.

Prints wall time and peak memory of `import_file` (the pipeline the CLI and web use), shows
that the same file with one bad row in the middle writes nothing and names that row, and
compares with the baseline of registering the same people one by one through
`seeker_create` (what a naive import loop would do), measured on the first 1,000 rows.

    .venv/bin/python bench/import_bench.py [--rows 10000] [--json]
"""

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

GOAL_SECONDS = 20.0


def _setup_django(var: Path) -> None:
    os.environ["ILJARI_VAR_DIR"] = str(var)
    os.environ.pop("ILJARI_DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iljari.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("init", "--no-index", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115


def _write_sheet(path: Path, rows: int, bad_row: int | None = None) -> None:
    from openpyxl import Workbook

    from iljari.transfer.tests.sheets import SEEKER_HEADERS

    rng = random.Random(42)
    dongs = ["와동", "원곡동", "초지동", "고잔동", "선부1동", "본오1동", "사동", "월피동"]
    jobs = ["아크용접원", "사출성형기조작원", "요양보호사", "경비원", "지게차운전원", "경리사무원", "조리사보조원"]
    groups = ["청년", "중장년", "어르신", "경력단절여성", "외국인", ""]
    book = Workbook(write_only=True)
    sheet = book.create_sheet("구직자")
    sheet.append(SEEKER_HEADERS)  # the columns staff fill in, as the import tests write them
    for n in range(rows):
        birth = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 55))
        row = [
            f"구직자{n:05d}",
            birth.isoformat(),
            rng.choice("남여"),
            f"010-{5000 + n // 10000}-{n % 10000:04d}",
            rng.choice(dongs),
            rng.choice(jobs),
            rng.randrange(2_000_000, 3_500_000, 50_000),
            rng.choice(["", "지게차운전기능사", "용접기능사, 지게차운전기능사"]),
            "모국어",
            "",
            rng.choice(groups),
            rng.choice(["", "오전 근무 희망", "통근버스 희망"]),
        ]
        if n == bad_row:
            row[1] = "1985-02-30"
        sheet.append(row)
    book.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="iljari-bench-"))
    _setup_django(work / "var")
    from iljari.accounts.models import Desk
    from iljari.seekers.models import Seeker
    from iljari.transfer.services import ImportRejected, import_file

    desk = Desk.objects.get(name="와동 행정복지센터")
    bad = work / "bad.xlsx"
    _write_sheet(bad, args.rows, bad_row=args.rows // 2)
    started = time.perf_counter()
    try:
        import_file(kind="seekers", path=bad, actor="bench", desk=desk)
        rejected_rows = None
    except ImportRejected as exc:
        rejected_rows = sorted({m.row for m in exc.result.errors})
    bad_seconds = time.perf_counter() - started
    written_after_bad = Seeker.objects.count()

    good = work / "seekers.xlsx"
    _write_sheet(good, args.rows)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    result = import_file(kind="seekers", path=good, actor="bench", desk=desk)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    # Baseline: the same people registered one at a time through the service (first 1,000).
    from iljari.seekers.services import SeekerInput, seeker_create
    from iljari.transfer.tables import table_read

    Seeker.objects.all().delete()
    sample = min(1000, args.rows)
    table = table_read(good)
    inputs: list[SeekerInput] = []
    for _, row in table.rows:
        if len(inputs) == sample:
            break
        inputs.append(SeekerInput(desk=desk, name=row[0], birth_date=date.fromisoformat(row[1]), phone=row[3]))
    started = time.perf_counter()
    for data in inputs:
        seeker_create(data=data, actor="bench")
    naive_per_row = (time.perf_counter() - started) / sample

    figures = {
        "rows": args.rows,
        "created": result.created,
        "seconds": round(seconds, 2),
        "rows_per_s": round(args.rows / seconds),
        "peak_rss_mb": round(peak_mb),
        "rss_before_mb": round(rss_before),
        "bad_file_rejected_rows": rejected_rows,
        "bad_file_seconds": round(bad_seconds, 2),
        "bad_file_rows_written": written_after_bad,
        "baseline_one_by_one_s_estimated": round(naive_per_row * args.rows, 1),
        "goal_seconds": GOAL_SECONDS,
    }
    print(f"seeker import, {args.rows:,} rows (xlsx), SQLite, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(
        f"  import_file:               {seconds:6.2f} s  ({figures['rows_per_s']:,} rows/s), created {result.created:,}"
    )
    print(f"  peak memory (process RSS): {peak_mb:6.0f} MB  (before the import: {rss_before:.0f} MB)")
    print(
        f"  file with a bad row at {args.rows // 2 + 2}: rejected rows {rejected_rows}, rows written {written_after_bad}, "
        f"{bad_seconds:.2f} s"
    )
    print(
        f"  baseline, one seeker_create per row: {naive_per_row * 1000:.1f} ms/row "
        f"→ {naive_per_row * args.rows:.0f} s for {args.rows:,} rows (measured on {sample:,})"
    )
    print(f"  goal: ≤ {GOAL_SECONDS:.0f} s → {'met' if seconds <= GOAL_SECONDS else 'NOT met'}")
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
