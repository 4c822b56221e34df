"""Parsing and formatting single spreadsheet cells the way center staff type them.

Each parser takes the cell as read (str, int, float, date or None) and returns a clean
value or raises ``CellError`` with a Korean reason naming what was expected.
"""

import math
import re
import unicodedata
from datetime import date, datetime, time
from typing import Any

from iljari.core.choices import KoreanLevel


class CellError(ValueError):
    """The cell's value cannot be used; the message says why, in Korean."""


# C0 controls but tab, line feed and carriage return; DEL; C1 controls. Nobody types them: they come
# from copying out of other programs, and one of them makes an xlsx file impossible to write.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def without_controls(value: str) -> str:
    """The text with control characters removed (tab and line breaks kept)."""
    return _CONTROLS.sub("", value)


def text(value: Any) -> str:
    """The cell as trimmed text ('' for empty) without control characters, undoing the export's
    formula guard (``core.spreadsheets``)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date() if value.time() == time() else value
    if isinstance(value, date):
        return value.isoformat()
    s = without_controls(unicodedata.normalize("NFC", str(value))).strip()
    if len(s) > 1 and s[0] == "'" and s[1:].lstrip(" ").startswith(FORMULA_START):
        s = s[1:].strip()
    return s


def parse_date(value: Any, *, earliest: date | None = None, latest: date | None = None) -> date:
    if isinstance(value, datetime):
        result = value.date()
    elif isinstance(value, date):
        result = value
    else:
        s = re.sub(r"\s+", "", text(value)).rstrip(".")
        m = re.fullmatch(r"(\d{4})[-./년]?(\d{1,2})[-./월]?(\d{1,2})일?", s)
        if not m:
            raise CellError("날짜는 YYYY-MM-DD 형식으로 입력해 주십시오(예: 1985-03-21).")
        try:
            result = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError as exc:
            raise CellError("존재하지 않는 날짜입니다.") from exc
    if earliest and result < earliest:
        raise CellError(f"{earliest.isoformat()} 이후 날짜여야 합니다.")
    if latest and result > latest:
        raise CellError(f"{latest.isoformat()} 이전 날짜여야 합니다.")
    return result


def parse_time(value: Any) -> time:
    """'08:30', '8시', '8시 30분' and '오후 2시' are all accepted."""
    if isinstance(value, time):
        return value
    if isinstance(value, datetime):
        return value.time()
    s = re.sub(r"\s+", "", text(value))
    m = re.fullmatch(r"(오전|오후)?(\d{1,2})(?:[:시](?:(\d{2})분?)?)?", s)
    if not m or int(m[2]) > 24 or int(m[3] or 0) > 59:
        raise CellError("시각은 HH:MM 형식으로 입력해 주십시오(예: 08:30).")
    hour = int(m[2]) + (12 if m[1] == "오후" and int(m[2]) < 12 else 0)
    return time(hour % 24, int(m[3] or 0))


def parse_mobile(value: Any) -> str:
    digits = re.sub(r"\D", "", text(value))
    if re.fullmatch(r"1[016789]\d{7,8}", digits):
        digits = "0" + digits  # Excel turned the number into a number and dropped the 0
    if not re.fullmatch(r"01[016789]\d{7,8}", digits):
        raise CellError("휴대전화 번호는 010-1234-5678 형식이어야 합니다.")
    return f"{digits[:3]}-{digits[3:-4]}-{digits[-4:]}"


def parse_phone(value: Any) -> str:
    """Any Korean phone number (mobile or landline), formatted with hyphens."""
    digits = re.sub(r"\D", "", text(value))
    if digits.startswith("01"):
        return parse_mobile(digits)
    m = re.fullmatch(r"(02|0[3-6]\d|070|080|1[5-9]\d\d)(\d{3,4})(\d{4})", digits)
    if not m:
        raise CellError("전화번호 형식이 올바르지 않습니다(예: 031-481-2000).")
    return "-".join(m.groups())


MAX_WON = 1_000_000_000  # no wage is larger; a larger number is a typo (and overflows the column)


def parse_won(value: Any) -> int:
    """An amount in won: '2,500,000', '250만원', '250만' and 2500000 are all accepted."""
    too_big = CellError(f"금액이 너무 큽니다({MAX_WON:,}원 이하로 입력해 주십시오).")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not math.isfinite(value) or abs(value) > MAX_WON:
            raise too_big
        amount = int(value)
    else:
        s = re.sub(r"[\s,원₩]", "", text(value))
        m = re.fullmatch(r"(\d{1,15})(?:\.(\d{1,6}))?(만)?", s)
        if not m:
            if re.fullmatch(r"[\d.]+만?", s):
                raise too_big
            raise CellError("금액은 숫자로 입력해 주십시오(예: 2500000 또는 250만).")
        amount = round(float(f"{int(m[1])}.{m[2] or 0}") * (10_000 if m[3] else 1))
    if amount <= 0:
        raise CellError("금액은 0보다 커야 합니다.")
    if amount > MAX_WON:
        raise too_big
    return amount


def parse_int(value: Any, *, minimum: int = 0, maximum: int = 1_000_000) -> int:
    s = re.sub(r"[\s,명인개년]", "", text(value))
    if not re.fullmatch(r"\d+", s):
        raise CellError("숫자로 입력해 주십시오.")
    if len(s.lstrip("0")) > len(str(maximum)):  # also keeps a 5,000-digit cell from reaching int()
        raise CellError(f"{minimum}~{maximum} 사이의 숫자여야 합니다.")
    n = int(s)
    if not minimum <= n <= maximum:
        raise CellError(f"{minimum}~{maximum} 사이의 숫자여야 합니다.")
    return n


def parse_bool(value: Any) -> bool:
    s = text(value).upper()
    if s in ("Y", "YES", "O", "예", "있음", "가능", "TRUE", "1"):
        return True
    if s in ("N", "NO", "X", "아니오", "없음", "불가", "FALSE", "0"):
        return False
    raise CellError("Y 또는 N으로 입력해 주십시오.")


def split_list(value: Any) -> list[str]:
    """Comma-separated items (also '、', '/', ';' and line breaks), de-duplicated in order."""
    items = re.split(r"[,、/;\n]+", text(value))
    return list(dict.fromkeys(i.strip() for i in items if i.strip()))


def parse_choice(value: Any, choices: dict[str, str], what: str) -> str:
    """A value from a list of labels or synonyms; the error lists what is allowed."""
    key = re.sub(r"\s+", "", text(value)).upper()
    for label, code in choices.items():
        if re.sub(r"\s+", "", label).upper() == key:
            return code
    allowed = ", ".join(dict.fromkeys(choices))
    raise CellError(f"{what}은(는) 다음 중 하나로 입력해 주십시오: {allowed}")


_KOREAN_WORDS = {
    "모국어": KoreanLevel.NATIVE,
    "원어민": KoreanLevel.NATIVE,
    "상": KoreanLevel.ADVANCED,
    "중": KoreanLevel.INTERMEDIATE,
    "하": KoreanLevel.BASIC,
    "못함": KoreanLevel.NONE,
    "없음": KoreanLevel.NONE,
}
KOREAN_LEVEL_LABEL = {
    KoreanLevel.NATIVE: "모국어",
    KoreanLevel.ADVANCED: "상",
    KoreanLevel.INTERMEDIATE: "중",
    KoreanLevel.BASIC: "하",
    KoreanLevel.NONE: "못함",
}


def parse_korean_level(value: Any) -> int:
    """한국어능력 as a word (상/중/하/못함/모국어) or a TOPIK grade (1~6급)."""
    s = re.sub(r"\s+", "", text(value)).upper()
    if s in _KOREAN_WORDS:
        return int(_KOREAN_WORDS[s])
    m = re.fullmatch(r"(?:TOPIK)?([1-6])급?", s)
    if m:
        grade = int(m[1])
        return int(
            KoreanLevel.BASIC if grade <= 2 else KoreanLevel.INTERMEDIATE if grade <= 4 else KoreanLevel.ADVANCED
        )
    raise CellError("한국어능력은 모국어/상/중/하/못함 또는 TOPIK 급수(1~6급)로 입력해 주십시오.")


def parse_visa_code(value: Any) -> str:
    """'E-9', 'e9' and '비전문취업(E-9)' all give 'E-9'."""
    m = re.search(r"([A-Za-z])\s*-?\s*(\d{1,2})", text(value))
    if not m:
        raise CellError("체류자격은 E-9, F-6처럼 입력해 주십시오.")
    return f"{m[1].upper()}-{m[2]}"
