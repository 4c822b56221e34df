"""Finding 주민등록번호 / 외국인등록번호 in free text so they are never stored.

A number counts when its first six digits are a real date and its seventh digit gives a
century consistent with that date. The check digit is not used: numbers issued since
October 2020 no longer carry one, and a typo in the last digit is still a leak.
"""

import re
from dataclasses import dataclass
from datetime import date

# Any Unicode digit (full-width too); an optional hyphen, dash, dot or space between halves.
_CANDIDATE = re.compile(r"(?<!\d)(\d{6})[ \t\u3000]?[-‐‑‒–—―－−.]?[ \t\u3000]?(\d{7})(?!\d)")
MASK = "******-*******"

# Seventh digit → century of birth (1–4 citizens, 5–8 foreigners, 9/0 born in the 1800s).
_CENTURY = {
    "1": 1900,
    "2": 1900,
    "5": 1900,
    "6": 1900,
    "3": 2000,
    "4": 2000,
    "7": 2000,
    "8": 2000,
    "9": 1800,
    "0": 1800,
}


@dataclass(frozen=True)
class RrnMatch:
    start: int
    end: int


def _is_plausible(front: str, back: str) -> bool:
    century = _CENTURY[str(int(back[0]))]
    try:
        born = date(century + int(front[:2]), int(front[2:4]), int(front[4:6]))
    except ValueError:
        return False
    return born <= date.today()


def find_rrns(text: str) -> list[RrnMatch]:
    """Every span of ``text`` that is a resident or foreigner registration number."""
    if not text:
        return []
    return [RrnMatch(m.start(), m.end()) for m in _CANDIDATE.finditer(text) if _is_plausible(m.group(1), m.group(2))]


def contains_rrn(text: str) -> bool:
    return bool(find_rrns(text))


def mask_rrns(text: str) -> str:
    """The text with each registration number replaced by a fixed mask."""
    matches = find_rrns(text)
    if not matches:
        return text
    pieces, cursor = [], 0
    for m in matches:
        pieces += [text[cursor : m.start], MASK]
        cursor = m.end
    pieces.append(text[cursor:])
    return "".join(pieces)


RRN_REFUSAL = (
    "주민등록번호(외국인등록번호)는 입력하실 수 없습니다. 개인정보 보호법에 따라 저장하지 않으니 "
    "해당 번호를 지우고 다시 입력해 주십시오."
)
