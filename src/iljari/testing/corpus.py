"""The bad-input corpus: values and files a careless user or an attacker hands iljari.

Every case is built here by code with fixed content (files into a folder the caller gives), so the
fast trust test (``transfer/tests/test_bad_input_corpus.py``) and the slow scripts in
``bench/trust/`` try exactly the same things. Nothing here is a fixture of one test: each case says
what it is and what must hold, and the runners print a table of case → held.
"""

import codecs
import csv
import io
import random
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from openpyxl import Workbook

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


# ── hostile text values (forms, API, import cells) ───────────────────────────────────────────────

FORMULAS = [
    "=1+2",
    "=cmd|' /C calc'!A0",
    "+1+2",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(A1:A2)",
    "=HYPERLINK(\"http://example.invalid\",\"열기\")",
    "\t=1+2",
    "\r=1+2",
]
CONTROLS = ["제어\u000b문자", "널\x00문자", "종\x07소리", "이스케이프\x1b[31m빨강", "C1\x85문자", "삭제\x7f문자"]
SCRIPTS = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "{{ 7*7 }}{% debug %}",
    "'; DROP TABLE seekers_seeker; --",
    "\u202eexe.txt",
]
BIG_NUMBERS = [2**63, 2**63 - 1 + 10, 10**30, -(2**63) - 1]
BIG_NUMBER_TEXTS = ["9" * 20, "9" * 5000, "1e400", "NaN", "99999999999만"]


@dataclass(frozen=True)
class Case:
    """One thing tried: where, what, and what must hold (``expect``: "saved" or "refused")."""

    area: str
    name: str
    expect: str
    reason: str = ""  # a word the refusal must contain



# ── files: the rows of a real sheet, in every shape a file arrives in ────────────────────────────

HEADERS = ["성명", "생년월일", "휴대전화", "거주 행정동", "희망직종", "개인정보 동의일", "동의 목적", "비고"]


def seeker_rows(count: int, start: int = 0, **overrides: str) -> list[list[str]]:
    """Valid seeker rows with distinct phones (``start`` keeps cases apart); overrides set a column."""
    rows = []
    for n in range(start, start + count):
        row = {
            "성명": f"김코퍼스{n}",
            "생년월일": f"19{60 + n % 40:02d}-0{1 + n % 9}-1{n % 10}",
            "휴대전화": f"010-7{n // 10000:03d}-{n % 10000:04d}",
            "거주 행정동": "와동",
            "희망직종": "용접원",
            "개인정보 동의일": "2026-09-01",
            "동의 목적": "취업지원 상담·알선",
            "비고": "",
            **overrides,
        }
        rows.append([row[h] for h in HEADERS])
    return rows


def csv_text(rows: list[list[str]], headers: list[str] = HEADERS, delimiter: str = ",") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows([headers, *rows])
    return buffer.getvalue()


def xlsx_bytes(rows: list[list[object]], headers: list[str] = HEADERS) -> bytes:
    book = Workbook()
    for row in [headers, *rows]:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# A workbook part as raw deflate: identical segments after each full flush make a repeated chunk cost
# one compression, so a bomb of gigabytes is written in a second.
@dataclass
class _Part:
    name: str
    deflated: bytes
    crc: int
    size: int
    declared: int | None = None  # a size the directory claims instead of the real one


def _part(name: str, content: bytes) -> _Part:
    squeeze = zlib.compressobj(6, zlib.DEFLATED, -15)
    return _Part(name, squeeze.compress(content) + squeeze.flush(), zlib.crc32(content), len(content))


def _repeated_part(name: str, head: bytes, chunk: bytes, times: int, tail: bytes) -> _Part:
    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = squeeze.compress(head) + squeeze.flush(zlib.Z_FULL_FLUSH)
    block = squeeze.compress(chunk) + squeeze.flush(zlib.Z_FULL_FLUSH)
    last = squeeze.compress(tail) + squeeze.flush()
    crc = zlib.crc32(head)
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    return _Part(name, first + block * times + last, crc, len(head) + len(chunk) * times + len(tail))


def _zip(parts: list[_Part]) -> bytes:
    """A zip written by hand (so a part may claim any size), deflate only, no zip64."""
    out, directory = io.BytesIO(), io.BytesIO()
    for part in parts:
        name = part.name.encode()
        size = part.size if part.declared is None else part.declared
        offset = out.tell()
        fields = (20, 0, 8, 0, 0x21, part.crc & 0xFFFFFFFF, len(part.deflated), size, len(name))
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + name + part.deflated)
        directory.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *fields, 0, 0, 0, 0, 0, offset) + name)
    start, listing = out.tell(), directory.getvalue()
    out.write(listing)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(listing), start, 0))
    return out.getvalue()


def _workbook_parts(rows: list[list[object]]) -> list[_Part]:
    with zipfile.ZipFile(io.BytesIO(xlsx_bytes(rows))) as book:
        return [_part(info.filename, book.read(info)) for info in book.infolist()]


_SHARED_STRINGS_REL = (
    b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    b'Target="sharedStrings.xml" Id="rId99"/>'
)
_SHARED_STRINGS_TYPE = (
    b'<Override PartName="/xl/sharedStrings.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)


def shared_strings_bomb(inflated_mb: int, *, declared_kb: int | None = None) -> bytes:
    """A workbook whose shared strings (which openpyxl loads whole) inflate to ``inflated_mb``;
    with ``declared_kb`` the directory lies that the part is small."""
    parts = [p for p in _workbook_parts(seeker_rows(1)) if p.name != "xl/sharedStrings.xml"]
    for n, part in enumerate(parts):  # point the workbook at the shared strings, as Excel's files do
        content = zlib.decompress(part.deflated, -15)
        if part.name == "xl/_rels/workbook.xml.rels":
            content = content.replace(b"</Relationships>", _SHARED_STRINGS_REL + b"</Relationships>")
        elif part.name == "[Content_Types].xml":
            content = content.replace(b"</Types>", _SHARED_STRINGS_TYPE + b"</Types>")
        parts[n] = _part(part.name, content)
    # One cell's text of "가" repeated: the reader holds it whole, so memory grows with the inflated size.
    chunk = "가".encode() * ((1 << 20) // 3)
    head = b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
    bomb = _repeated_part("xl/sharedStrings.xml", head, chunk, inflated_mb, b"</t></si></sst>")
    bomb.declared = declared_kb * 1024 if declared_kb else None
    return _zip([*parts, bomb])


def many_parts_bomb(count: int = 5_000) -> bytes:
    parts = _workbook_parts(seeker_rows(1))
    return _zip(parts + [_part(f"xl/media/empty{n}.xml", b"<x/>") for n in range(count)])


def big_sheet_declared(rows: int, actual: int = 2, start: int = 0) -> bytes:
    """A workbook of ``actual`` rows whose first sheet says it has ``rows`` (the dimension the guard
    reads): more than it has (refused before reading) or fewer (stopped while reading)."""
    content = xlsx_bytes(seeker_rows(actual, start))
    parts = _workbook_parts(seeker_rows(actual, start))
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        xml = book.read("xl/worksheets/sheet1.xml")
    xml = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="A1:H{rows}"'.encode(), xml)
    return _zip([_part(p.name, xml) if p.name == "xl/worksheets/sheet1.xml" else p for p in parts])


def large_workbook(rows: int, *, declared: int | None = None, seed: int = 7) -> bytes:
    """A seeker workbook of ``rows`` rows with a varied 비고 (about 20 MB at 95,000 rows), its sheet
    written straight as XML (openpyxl would take minutes); ``declared`` sets the dimension it claims."""
    rng = random.Random(seed)
    syllables = [chr(0xAC00 + i) for i in range(0, 11172, 7)]

    def cell(text: str) -> str:
        return f'<c t="inlineStr"><is><t>{text}</t></is></c>'

    lines = ["<row>" + "".join(cell(h) for h in HEADERS) + "</row>"]
    for row in seeker_rows(rows):
        row[-1] = "".join(rng.choices(syllables, k=110))
        lines.append("<row>" + "".join(cell(v) for v in row) + "</row>")
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        f'2006/main"><dimension ref="A1:H{(declared or rows) + 1}"/><sheetData>{"".join(lines)}</sheetData></worksheet>'
    ).encode()
    parts = _workbook_parts(seeker_rows(1))
    return _zip([_part(p.name, sheet) if p.name == "xl/worksheets/sheet1.xml" else p for p in parts])


def _many_rows_csv(rows: int) -> bytes:
    """A 20 MB CSV (one row written ``rows`` times: it is refused by its row count before any is read)."""
    header, row = csv_text(seeker_rows(1)).encode().split(b"\r\n", 1)
    return header + b"\r\n" + row * rows


def _truncated(content: bytes, fraction: float) -> bytes:
    return content[: int(len(content) * fraction)]


def _flipped(content: bytes) -> bytes:
    """The workbook with bytes of its sheet's compressed data changed: its CRC no longer matches."""
    parts = _workbook_parts(seeker_rows(3))
    sheet = next(p for p in parts if p.name == "xl/worksheets/sheet1.xml")
    middle = len(sheet.deflated) // 2
    sheet.deflated = sheet.deflated[:middle] + bytes(b ^ 0x55 for b in sheet.deflated[middle : middle + 8]) + (
        sheet.deflated[middle + 8 :]
    )
    return _zip(parts)


@dataclass(frozen=True)
class FileCase:
    """A file to import: its name on disk, how to make it, and what must hold."""

    name: str
    make: Callable[[], bytes]
    expect: str  # "saved": every row saved; "refused": nothing saved, a Korean reason containing ``reason``
    reason: str = ""
    rows: int = 0  # rows a saved case saves


def _file_cases() -> list[FileCase]:
    n = iter(range(0, 100_000, 100))  # each saving case gets its own phones

    def saved(name: str, make: Callable[[int], bytes], rows: int = 2) -> FileCase:
        start = next(n)
        return FileCase(name, lambda: make(start), "saved", rows=rows)

    def refused(name: str, make: Callable[[], bytes], reason: str) -> FileCase:
        return FileCase(name, make, "refused", reason)

    utf16_excel = lambda s: codecs.BOM_UTF16_LE + csv_text(seeker_rows(2, s), delimiter="\t").encode("utf-16-le")  # noqa: E731
    cases = [
        saved("utf8.csv", lambda s: csv_text(seeker_rows(2, s)).encode()),
        saved("utf8-bom.csv", lambda s: codecs.BOM_UTF8 + csv_text(seeker_rows(2, s)).encode()),
        saved("cp949.csv", lambda s: csv_text(seeker_rows(2, s)).encode("cp949")),
        saved("euc-kr.csv", lambda s: csv_text(seeker_rows(2, s)).encode("euc-kr")),
        saved("cp949-extended-hangul.csv", lambda s: csv_text(seeker_rows(2, s, 성명="똠방각하")).encode("cp949")),
        saved("utf16-le-bom-excel-unicode-text.csv", utf16_excel),
        saved("utf16-be-bom.csv", lambda s: codecs.BOM_UTF16_BE + csv_text(seeker_rows(2, s)).encode("utf-16-be")),
        saved("utf16-le-no-bom.csv", lambda s: csv_text(seeker_rows(2, s)).encode("utf-16-le")),
        saved("tab-separated.csv", lambda s: csv_text(seeker_rows(2, s), delimiter="\t").encode()),
        saved("semicolon-separated.csv", lambda s: csv_text(seeker_rows(2, s), delimiter=";").encode()),
        saved("lf-line-ends.csv", lambda s: csv_text(seeker_rows(2, s)).replace("\r\n", "\n").encode()),
        saved("cr-line-ends.csv", lambda s: csv_text(seeker_rows(2, s)).replace("\r\n", "\r").encode()),
        saved("blank-rows-between.csv", lambda s: csv_text(seeker_rows(2, s)).replace("\r\n", "\r\n,,,,,,,\r\n", 1).encode()),
        saved("plain.xlsx", lambda s: xlsx_bytes(seeker_rows(2, s))),
        saved("xlsx-renamed.csv", lambda s: xlsx_bytes(seeker_rows(2, s))),
        saved("csv-renamed.xlsx", lambda s: csv_text(seeker_rows(2, s)).encode()),
        saved("formulas.csv", lambda s: csv_text(seeker_rows(2, s, 비고="=1+2", 희망직종="-2+3+cmd|' /C calc'!A0")).encode()),
        saved("formulas.xlsx", lambda s: xlsx_bytes(seeker_rows(2, s, 비고="@SUM(A1)", 희망직종="+1+2"))),
        saved("exported-formula-guard.csv", lambda s: csv_text(seeker_rows(2, s, 비고="'=1+2")).encode()),
        saved("control-characters.csv", lambda s: csv_text(seeker_rows(2, s, 성명="제어\x0b문자", 비고="널\x00종\x07")).encode()),
        saved("control-characters.xlsx", lambda s: xlsx_bytes(seeker_rows(2, s, 비고="줄\n바꿈\t탭"))),
        saved("scripts.csv", lambda s: csv_text(seeker_rows(2, s, 비고=SCRIPTS[0], 희망직종=SCRIPTS[1])).encode()),
        saved("sql-like.xlsx", lambda s: xlsx_bytes(seeker_rows(2, s, 비고=SCRIPTS[4]))),
        saved("template-tags.csv", lambda s: csv_text(seeker_rows(2, s, 비고=SCRIPTS[3])).encode()),
        saved("bidi-override-name.csv", lambda s: csv_text(seeker_rows(2, s, 비고=SCRIPTS[5])).encode()),
        saved("dates-and-phones-in-remarks.csv", lambda s: csv_text(seeker_rows(2, s, 비고=" / ".join(NOT_RRNS[:12]))).encode()),
        saved("header-only.csv", lambda s: csv_text([]).encode(), rows=0),
        saved("dimension-understates-rows.xlsx", lambda s: big_sheet_declared(2, actual=40, start=s), rows=40),
        refused("rrn-in-remarks-nbsp.csv", lambda: csv_text(seeker_rows(1, 비고="900101\u00a01234567")).encode(), "주민등록번호"),
        refused("rrn-in-remarks-hangul-eu.xlsx", lambda: xlsx_bytes(seeker_rows(1, 비고="900101ㅡ1234567")), "주민등록번호"),
        refused("rrn-in-job-zero-width.csv", lambda: csv_text(seeker_rows(1, 희망직종="용접 900101\u200b1234567")).encode(), "주민등록번호"),
        refused("rrn-in-job-line-break.xlsx", lambda: xlsx_bytes(seeker_rows(1, 희망직종="900101\n1234567")), "주민등록번호"),
        refused("rrn-in-name-underscore.csv", lambda: csv_text(seeker_rows(1, 성명="김_900101_1234567")).encode(), "주민등록번호"),
        refused("rrn-in-phone-tilde.csv", lambda: csv_text(seeker_rows(1, 휴대전화="900101~1234567")).encode(), "주민등록번호"),
        refused("rrn-in-a-header.csv", lambda: csv_text(seeker_rows(1), [*HEADERS[:-1], "비고 900101-1234567"]).encode(), "주민등록번호"),
        refused("홍길동_900101-1234567.csv", lambda: csv_text(seeker_rows(1)).encode(), "파일 이름"),
        refused("wage-2^63.csv", lambda: csv_text([[*seeker_rows(1)[0], str(2**63)]], [*HEADERS, "희망임금(월, 원)"]).encode(), "금액"),
        refused("wage-beyond-2^63-number.xlsx", lambda: xlsx_bytes([[*seeker_rows(1)[0], 2**64]], [*HEADERS, "희망임금(월, 원)"]), "금액"),
        refused("wage-5000-digits.csv", lambda: csv_text([[*seeker_rows(1)[0], "9" * 5000]], [*HEADERS, "희망임금(월, 원)"]).encode(), "금액"),
        refused("wage-1e400.csv", lambda: csv_text([[*seeker_rows(1)[0], "1e400"]], [*HEADERS, "희망임금(월, 원)"]).encode(), "금액"),
        refused("wage-infinite-float.xlsx", lambda: xlsx_bytes([[*seeker_rows(1)[0], 1e308]], [*HEADERS, "희망임금(월, 원)"]), "금액"),
        refused("remarks-40k-characters.csv", lambda: csv_text(seeker_rows(1, 비고="가" * 40_000)).encode(), "32,767"),
        refused("remarks-3000-characters.xlsx", lambda: xlsx_bytes(seeker_rows(1, 비고="가" * 3000)), "2,000자"),
        refused("name-too-long.csv", lambda: csv_text(seeker_rows(1, 성명="김" * 61)).encode(), "60자"),
        refused("unclosed-quote.csv", lambda: (csv_text(seeker_rows(1)) + '"김,1990-01-01\r\n' + "x" * 40_000).encode(), "CSV"),
        refused("latin1-bytes.csv", lambda: "성명,생년월일\r\n".encode() + b"\xe9\xe8\xff\xfe\xfd\r\n", "인코딩"),
        refused("empty.csv", lambda: b"", "빈 파일"),
        refused("empty.xlsx", lambda: b"", "빈 파일"),
        refused("binary-noise.csv", lambda: bytes(range(256)) * 64, "표(엑셀"),
        refused("old-xls-renamed.xlsx", lambda: bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 4096, "xls"),
        refused("pdf-renamed.xlsx", lambda: b"%PDF-1.7\n" + b"0" * 2048, "PDF"),
        refused("png-renamed.csv", lambda: b"\x89PNG\r\n\x1a\n" + b"\0" * 2048, "PNG"),
        refused("zip-of-a-csv-renamed.xlsx", lambda: _zip([_part("seekers.csv", csv_text(seeker_rows(2)).encode())]), "xlsx"),
        refused("docx-like-renamed.xlsx", lambda: _zip([_part("word/document.xml", b"<w/>")]), "xlsx"),
        refused("empty-zip.xlsx", lambda: struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0, 0, 0, 0, 0), "xlsx"),
        refused("truncated-10pct.xlsx", lambda: _truncated(xlsx_bytes(seeker_rows(3)), 0.1), "손상"),
        refused("truncated-50pct.xlsx", lambda: _truncated(xlsx_bytes(seeker_rows(3)), 0.5), "손상"),
        refused("truncated-95pct.xlsx", lambda: _truncated(xlsx_bytes(seeker_rows(3)), 0.95), "손상"),
        refused("bad-crc-sheet.xlsx", lambda: _flipped(xlsx_bytes(seeker_rows(3))), "손상"),
        refused("zip-bomb-256mb-shared-strings.xlsx", lambda: shared_strings_bomb(256), "압축"),
        refused("zip-bomb-lying-directory.xlsx", lambda: shared_strings_bomb(64, declared_kb=64), "손상"),
        refused("zip-bomb-5000-parts.xlsx", lambda: many_parts_bomb(), "내부 파일"),
        refused("declares-200k-rows.xlsx", lambda: big_sheet_declared(200_002), "행이 너무"),
        refused("sheet-20mb-200k-rows.csv", lambda: _many_rows_csv(200_000), "행이 너무"),
    ]
    return cases


FILE_CASES = _file_cases()
