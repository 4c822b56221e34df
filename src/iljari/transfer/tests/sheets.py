"""Writing spreadsheets the way a center's staff would fill them, for the import tests."""

import csv
import io
from pathlib import Path
from typing import Any

from openpyxl import Workbook

SEEKER_HEADERS = [
    "성명",
    "생년월일",
    "성별",
    "휴대전화",
    "거주 행정동",
    "희망직종",
    "희망임금(월, 원)",
    "자격증",
    "한국어능력",
    "체류자격",
    "대상계층",
    "개인정보 동의일",
    "동의 목적",
    "비고",
]


def seeker_row(n: int, **overrides: Any) -> list[Any]:
    row = {
        "성명": f"김구직{n}",
        "생년월일": f"1985-03-{1 + n % 28:02d}",
        "성별": "남",
        "휴대전화": f"010-3000-{n:04d}",
        "거주 행정동": "와동",
        "희망직종": "아크용접원",
        "희망임금(월, 원)": "2,500,000",
        "자격증": "용접기능사, 지게차운전기능사",
        "한국어능력": "모국어",
        "체류자격": "",
        "대상계층": "중장년",
        "개인정보 동의일": "2026-09-01",
        "동의 목적": "취업지원 상담·알선",
        "비고": "",
    }
    row.update(overrides)
    return [row[h] for h in SEEKER_HEADERS]


def write_xlsx(path: Path, headers: list[str], rows: list[list[Any]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def write_csv(path: Path, headers: list[str], rows: list[list[Any]], encoding: str) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([headers, *rows])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path
