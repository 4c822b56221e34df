"""Finding 주민등록번호 / 외국인등록번호 in free text so they are never stored.

One rule, written here and applied the same way everywhere a person hands the system text:

- **Where text comes in, a registration number is refused** with ``RRN_REFUSAL``: a form field
  (the base form ``core.forms.RrnRefusingForm``), an API payload (``core.api.InputSchema``), an
  import cell (a row error, so nothing from the file is saved) and an uploaded file's name. Refusing
  is safer than keeping a masked copy: the person who typed it removes it at its source (the paper
  form, the old Excel file) and sees where it was, a cell that only looked like a number is never
  silently changed, and nothing half-masked is kept.
- **Where text is stored, it is masked** (``privacy.fields``, the audit log, import messages): the
  last line of defence for paths that are not an input boundary (code, the shell, the admin).

A number counts when its first six digits are a real date and its seventh digit gives a century
consistent with that date. The check digit is not used: numbers issued since October 2020 no longer
carry one, and a typo in the last digit is still a leak. Between the halves any short run of
separators counts — spaces of every width, line breaks, every dash, "ㅡ", "_", "~", "." and "/" —
and invisible format characters (zero-width space, soft hyphen, BOM) are ignored wherever they are.
Dates (2026-10-05), phone numbers (010-1234-5678) and business numbers (123-45-67890) have no
six-then-seven digit shape and are not flagged.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

MASK = "******-*******"

# Seventh digit → century of birth (1–4 citizens, 5–8 foreigners). 9 and 0 (born in the 1800s)
# are left out: nobody alive has one, and counting them only flags other numbers.
_CENTURY = {"1": 1900, "2": 1900, "5": 1900, "6": 1900, "3": 2000, "4": 2000, "7": 2000, "8": 2000}

_SEPARATOR = "-"  # every separator character is read as this one
# Look-alikes of a dash or a gap that people (or an attacker) put between the halves, beyond the
# Unicode classes of spaces (Z*), dashes (Pd) and connectors (Pc) that are handled by category.
_SEPARATOR_CHARS = set("\t\n\r\x0b\x0c\x85~∼〜～−ㅡᅳー一─━‐‒.．·・/\\_")
_CANDIDATE = re.compile(r"(?<!\d)(\d{6})-{0,5}(\d{7})(?!\d)")
_MIN_DIGITS = 13


@dataclass(frozen=True)
class RrnMatch:
    start: int
    end: int


def _normalized(text: str) -> tuple[str, list[int]]:
    """The text with digits in ASCII, separators as "-" and format characters gone, and for each of
    its characters the index of the character of ``text`` it came from."""
    out: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(text):
        category = unicodedata.category(char)
        if category == "Cf":  # zero-width space, joiners, soft hyphen, BOM, direction marks
            continue
        if char.isdecimal():
            out.append(str(unicodedata.decimal(char)))
        elif char in _SEPARATOR_CHARS or category[0] == "Z" or category in ("Pd", "Pc"):
            out.append(_SEPARATOR)
        else:
            out.append(char)
        origin.append(i)
    return "".join(out), origin


def _is_plausible(front: str, back: str) -> bool:
    century = _CENTURY.get(back[0])
    if century is None:
        return False
    try:
        born = date(century + int(front[:2]), int(front[2:4]), int(front[4:6]))
    except ValueError:
        return False
    return born <= date.today()


def find_rrns(text: str) -> list[RrnMatch]:
    """Every span of ``text`` that is a resident or foreigner registration number."""
    if not text or sum(map(str.isdecimal, text)) < _MIN_DIGITS:
        return []
    normalized, origin = _normalized(text)
    return [
        RrnMatch(origin[m.start()], origin[m.end() - 1] + 1)
        for m in _CANDIDATE.finditer(normalized)
        if _is_plausible(m.group(1), m.group(2))
    ]


def contains_rrn(text: str) -> bool:
    return bool(find_rrns(text))


def _masked(span: str) -> str:
    """Digits become "*", format characters go, separators stay: never longer than the span."""
    return "".join("*" if c.isdecimal() else c for c in span if unicodedata.category(c) != "Cf")


def mask_rrns(text: str) -> str:
    """The text with the digits of each registration number replaced by "*"."""
    matches = find_rrns(text)
    if not matches:
        return text
    pieces, cursor = [], 0
    for m in matches:
        pieces += [text[cursor : m.start], _masked(text[m.start : m.end])]
        cursor = m.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def mask_rrns_in(value: object) -> object:
    """``mask_rrns`` applied to every string inside a JSON-like value (dicts, lists, keys too)."""
    if isinstance(value, str):
        return mask_rrns(value)
    if isinstance(value, dict):
        return {mask_rrns_in(k): mask_rrns_in(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [mask_rrns_in(v) for v in value]
    return value


RRN_REFUSAL = (
    "주민등록번호(외국인등록번호)는 입력하실 수 없습니다. 개인정보 보호법에 따라 저장하지 않으니 "
    "해당 번호를 지우고 다시 입력해 주십시오."
)
