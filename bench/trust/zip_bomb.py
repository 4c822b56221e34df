"""Trust bench: a real zip bomb (a few MB that inflate to ~4 GB) through every way it can arrive.

Each way runs in a fresh process on a fresh var directory, and the bench prints that process's
peak memory, its time and what it answered:

- ``unguarded``: openpyxl opening the file directly, as the import did before the upload guard
  (address space capped at --cap-mb, so it fails instead of taking the machine; the probe saw the
  web server grow from 283 MB to 4.8 GB, and ``iljari import`` reach 13.6 GB);
- ``cli``: ``iljari import seekers FILE`` (must exit 1 with a Korean reason);
- ``web``: the upload page (must end the job "오류 있음" with the reason, never "검사 중", and keep
  no file);
- ``lying``: the same bomb with a directory that says the part is small (the reader stops at the
  declared size and the file is refused as damaged).

    .venv/bin/python bench/trust/zip_bomb.py [--inflated-mb 4000] [--cap-mb 3000] [--json]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
ILJARI = [PYTHON, "-m", "iljari.cli"]

_UNGUARDED = """
import resource, sys
cap = int(sys.argv[2]) * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
from openpyxl import load_workbook
try:
    book = load_workbook(sys.argv[1], read_only=True, data_only=True)
    print("opened", sum(1 for _ in book.worksheets[0].iter_rows()))
except MemoryError:
    print("MemoryError: the address-space cap was reached")
"""

_WEB = """
import os, sys
os.environ["ILJARI_BACKGROUND"] = "inline"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iljari.settings")
import django
django.setup()
from pathlib import Path
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from iljari.accounts.models import Desk, User
from iljari.accounts.services import staff_create
from iljari.transfer.models import ImportJob
user = staff_create(username="bench", full_name="bench", role=User.Role.COUNSELOR, desk=Desk.objects.first(),
                    password="bench-pass-2026", actor="bench")
client = Client(SERVER_NAME="localhost")
client.force_login(user)
path = Path(sys.argv[1])
response = client.post("/imports/", {"kind": "seekers", "file": SimpleUploadedFile(path.name, path.read_bytes())})
job = ImportJob.objects.last()
if job is None:
    import re
    print("HTTP", response.status_code, "no job:", re.findall(r'class="error">([^<]+)', response.content.decode()))
    sys.exit(2)
kept = list((Path(settings.VAR_DIR) / "uploads" / "imports").iterdir())
print(f"HTTP {response.status_code}; job {job.get_status_display()}: {job.messages[0]['reason'] if job.messages else ''}"
      f"; files kept {len(kept)}")
"""


# Each way runs under this wrapper, whose only child is the way itself: its peak memory is that child's.
_MEASURED = (
    "import resource, subprocess, sys; done = subprocess.run(sys.argv[1:]); "
    "print('PEAK', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(done.returncode)"
)


def _run(args: list[str], env: dict) -> dict:
    started = time.perf_counter()
    done = subprocess.run([PYTHON, "-c", _MEASURED, *args], env=env, capture_output=True, text=True, timeout=900)
    errors = done.stderr.strip().splitlines()
    peak = next((int(line.split()[1]) for line in reversed(errors) if line.startswith("PEAK ")), 0)
    said = done.stdout.strip().splitlines()
    answer = said or [line for line in errors if line.startswith("오류 ")] or [e for e in errors if not e.startswith("PEAK ")]
    return {
        "seconds": round(time.perf_counter() - started, 2),
        "peak_mb": round(peak / 1024),
        "exit": done.returncode,
        "answer": answer[-1][:160] if answer else "",
    }


def _fresh_env() -> dict:
    var = Path(tempfile.mkdtemp(prefix="iljari-bomb-"))
    env = {**os.environ, "ILJARI_VAR_DIR": str(var), "PYTHONPATH": str(ROOT / "src")}
    env.pop("ILJARI_DATABASE_URL", None)
    subprocess.run([*ILJARI, "init", "--no-index"], env=env, check=True, capture_output=True)
    return env


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--inflated-mb", type=int, default=4000)
    parser.add_argument("--cap-mb", type=int, default=3000)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from iljari.testing.corpus import shared_strings_bomb

    folder = Path(tempfile.mkdtemp(prefix="iljari-bomb-files-"))
    bomb, lying = folder / "bomb.xlsx", folder / "lying.xlsx"
    bomb.write_bytes(shared_strings_bomb(options.inflated_mb))
    lying.write_bytes(shared_strings_bomb(options.inflated_mb, declared_kb=64))
    env = _fresh_env()
    runs = {
        "cli": _run([*ILJARI, "import", "seekers", str(bomb), "--quiet", "--desk", "와동 행정복지센터"], env),
        "web": _run([PYTHON, "-c", _WEB, str(bomb)], env),
        "lying-cli": _run([*ILJARI, "import", "seekers", str(lying), "--quiet", "--desk", "와동 행정복지센터"], env),
        "unguarded": _run([PYTHON, "-c", _UNGUARDED, str(bomb), str(options.cap_mb)], env),
    }
    figures = {
        "file_mb": round(bomb.stat().st_size / 1e6, 2),
        "inflated_mb": options.inflated_mb,
        "baseline": "before the guard (issue 15): web 283 MB → 4.8 GB in 40 s, job stuck 검사 중; CLI 13.6 GB",
        "runs": runs,
    }
    if options.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    print(f"zip bomb: {figures['file_mb']} MB file, {options.inflated_mb:,} MB inflated")
    print(f"baseline: {figures['baseline']}")
    print(f"{'way':<10} {'seconds':>8} {'peak MB':>8} {'exit':>5}  answer")
    for name, run in runs.items():
        print(f"{name:<10} {run['seconds']:>8} {run['peak_mb']:>8} {run['exit']:>5}  {run['answer']}")


if __name__ == "__main__":
    main()
