"""The `iljari` command as a user runs it: init with demo data, import, export, audit, erase."""

import os
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from iljari.transfer.tests.sheets import SEEKER_HEADERS, seeker_row, write_xlsx


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> dict:
    """A fresh machine's var directory, initialized once with the demo data."""
    var = tmp_path_factory.mktemp("var")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ILJARI_") and k != "DJANGO_SETTINGS_MODULE"}
    env |= {"ILJARI_VAR_DIR": str(var)}
    # The matching indexes (minutes of embedding on a new machine) are tested elsewhere on a small catalogue.
    return {"var": var, "env": env, "init": _run(env, "init", "--demo", "--no-index")}


def _run(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "iljari.cli", *args], env=env, capture_output=True, text=True, timeout=300
    )
    if check and result.returncode != 0:
        raise AssertionError(result.stderr)
    return result


def _count(var: Path, table: str) -> int:
    with sqlite3.connect(var / "iljari.sqlite3") as db:
        return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_init_demo_creates_a_working_center(home):
    var = home["var"]
    assert "시연용 데이터" in home["init"].stdout
    today = datetime.now(ZoneInfo("Asia/Seoul")).date().isoformat()
    with sqlite3.connect(var / "iljari.sqlite3") as db:
        past = db.execute(
            "SELECT COUNT(*) FROM vacancies_vacancy WHERE status = 'open' AND closes_on < ?", (today,)
        ).fetchone()[0]
    assert past == 0  # the demo's vacancies past their 마감일 have ended, as the nightly job would
    assert "구인표 기간 만료 0건" in _run(home["env"], "nightly").stdout
    assert (var / "iljari.key").stat().st_mode & 0o777 == 0o600
    assert _count(var, "seekers_seeker") >= 3000
    assert _count(var, "employers_employer") >= 500
    assert _count(var, "vacancies_vacancy") >= 2000
    assert _count(var, "reference_occupation") == 6313
    assert _count(var, "accounts_desk") == 30
    seekers = _count(var, "seekers_seeker")
    again = _run(home["env"], "init", "--demo", "--no-index")
    assert "이미 있습니다" in again.stdout
    assert _count(var, "seekers_seeker") == seekers


def test_import_with_a_bad_row_fails_loudly_and_writes_nothing(home, tmp_path):
    before = _count(home["var"], "seekers_seeker")
    rows = [seeker_row(n, 휴대전화=f"010-7000-{n:04d}", 성명=f"박가져{n}") for n in range(1, 31)]
    rows[14] = seeker_row(15, 생년월일="15/03/1985")
    path = write_xlsx(tmp_path / "existing.xlsx", SEEKER_HEADERS, rows)

    failed = _run(home["env"], "import", "seekers", str(path), "--desk", "와동 행정복지센터", "--quiet", check=False)

    assert failed.returncode == 1
    assert "오류 16행 [생년월일] '15/03/1985'" in failed.stderr
    assert "파일 전체를 저장하지 않았습니다" in failed.stderr
    assert (tmp_path / "existing.errors.csv").exists()
    assert _count(home["var"], "seekers_seeker") == before

    rows[14] = seeker_row(15, 휴대전화="010-7000-0015", 성명="박가져15")
    write_xlsx(path, SEEKER_HEADERS, rows)
    ok = _run(home["env"], "import", "seekers", str(path), "--desk", "와동 행정복지센터")
    assert "30행 중 30건을 저장했습니다" in ok.stdout
    assert _count(home["var"], "seekers_seeker") == before + 30


def test_template_export_and_audit_verify(home, tmp_path):
    template = tmp_path / "t.xlsx"
    _run(home["env"], "template", "vacancies", "--output", str(template))
    from openpyxl import load_workbook

    book = load_workbook(template)
    assert book.sheetnames == ["구인표", "작성 안내"]
    assert [c.value for c in book["구인표"][1]][:3] == ["사업자등록번호", "사업장명", "모집직종*"]
    exported = _run(home["env"], "export", "employers", "--format", "csv", "--output", str(tmp_path / "e.csv"))
    assert "건을 내보냈습니다" in exported.stdout
    assert (tmp_path / "e.csv").read_text(encoding="utf-8-sig").startswith("사업장명,사업자등록번호")
    assert "이상 없음" in _run(home["env"], "audit", "verify").stdout


def test_erase_from_the_command_line(home):
    erased = _run(home["env"], "erase", "seeker", "1", "--yes", "--reason", "보존기간 경과")
    assert "파기했습니다" in erased.stdout
    with sqlite3.connect(home["var"] / "iljari.sqlite3") as db:
        name, status = db.execute("SELECT name, status FROM seekers_seeker WHERE id = 1").fetchone()
    assert (name, status) == (None, "erased")
    log = _run(home["env"], "audit", "log", "seeker", "1").stdout
    assert "파기 보존기간 경과" in log


def test_a_command_before_init_says_to_run_init_first_instead_of_a_traceback(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("ILJARI_") and k != "DJANGO_SETTINGS_MODULE"}
    result = _run(env | {"ILJARI_VAR_DIR": str(tmp_path)}, "program", "recommend", "1", check=False)
    assert result.returncode == 1
    assert "먼저 `iljari init`을 실행해 주십시오" in result.stderr and "Traceback" not in result.stderr
