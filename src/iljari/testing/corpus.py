"""The bad-input corpus: values and files a careless user or an attacker hands iljari.

Every case is built here by code with fixed content (files into a folder the caller gives), so the
fast trust test (``transfer/tests/test_bad_input_corpus.py``) and the slow scripts in
``bench/trust/`` try exactly the same things. Nothing here is a fixture of one test: each case says
what it is and what must hold, and the runners print a table of case → held.
"""

from dataclasses import dataclass

# ── registration numbers ───────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Value:
    name: str
    text: str


# Real-looking numbers: a citizen born 1990, a citizen born 2005, a foreigner born 1988.
_NUMBERS = [("900101", "1234567"), ("050315", "3234567"), ("880715", "5123456")]
# What people (or an attacker probing the detector) put between the halves.
SEPARATORS = {
    "hyphen": "-",
    "none": "",
    "space": " ",
    "spaced-hyphen": " - ",
    "no-break-space": "\u00a0",
    "narrow-no-break-space": "\u202f",
    "ideographic-space": "\u3000",
    "en-space": "\u2002",
    "hangul-eu": "ㅡ",
    "spaced-hangul-eu": " ㅡ ",
    "underscore": "_",
    "fullwidth-underscore": "＿",
    "tilde": "~",
    "fullwidth-tilde": "～",
    "wave-dash": "〜",
    "zero-width-space": "\u200b",
    "word-joiner": "\u2060",
    "bom": "\ufeff",
    "soft-hyphen": "\u00ad",
    "zero-width-around-hyphen": "\u200b-\u200b",
    "line-feed": "\n",
    "crlf": "\r\n",
    "tab": "\t",
    "en-dash": "–",
    "em-dash": "—",
    "fullwidth-hyphen": "－",
    "minus-sign": "−",
    "unicode-hyphen": "‐",
    "non-breaking-hyphen": "‑",
    "katakana-long-mark": "ー",
    "box-line": "─",
    "dot": ".",
    "slash": "/",
}


def _variants() -> list[Value]:
    values = []
    for front, back in _NUMBERS:
        for name, sep in SEPARATORS.items():
            values.append(Value(f"{front[:2]}-{name}", f"{front}{sep}{back}"))
    values += [
        Value("fullwidth-digits", "９００１０１－１２３４５６７"),
        Value("zero-width-inside-a-half", "9001\u200b01-1234\u200c567"),
        Value("in-a-sentence", "본인 확인 900101ㅡ1234567 완료"),
        Value("after-a-label", "주민번호:900101\u00a01234567"),
        Value("between-hangul", "번호900101_1234567입니다"),
        Value("two-in-one-text", "900101-1234567 그리고 880715~5123456"),
    ]
    return values


RRN_VARIANTS = _variants()

# Numbers a job center writes every day that must never be taken for a registration number.
NOT_RRNS = [
    "2026-10-05",
    "2026.10.05",
    "2026/10/05",
    "2026년 10월 5일",
    "20261005",
    "2026-10-05~2026-10-31",
    "261005~261031",
    "1990-01-01 ~ 2026-12-31",
    "010-1234-5678",
    "010 1234 5678",
    "01012345678",
    "+82 10-1234-5678",
    "031-481-2000",
    "(031)481-2000",
    "02-123-4567",
    "1588-0000",
    "123-45-67890",
    "1234567890",
    "110-123-456789",
    "1002-345-678901",
    "3333-01-1234567",
    "08:30~17:30",
    "2,500,000원",
    "월 250만원, 주 40시간",
    "우편번호 15588",
    "8801234567890",  # a barcode: 880123 would be a birth in 2088
    "시급 10030원 (2026년)",
    "사번 A-900101",
    "991340-1234567",
]
