"""The upload guard: a file is judged by its size and its zip directory before anything parses it.

An .xlsx is a zip. Its central directory says how big each part is once inflated, and Python's
``zipfile`` (which openpyxl reads through) never inflates a part beyond that declared size (a part
that lies about it fails its CRC instead), so checking the directory is enough to know the most
memory a workbook can cost: a 1.7 MB "zip bomb" that inflates to gigabytes is refused here in
milliseconds. Only deflate and stored parts are allowed: Excel writes nothing else, and bzip2 or
LZMA parts inflate a whole block at once, before any size limit applies.

The web import (before the job is queued) and ``iljari import`` (through ``import_file``) both call
``upload_check``; the table readers stop at the same row limit should a file understate its rows.
"""

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from iljari.core.errors import IljariError

MB = 1024 * 1024


@dataclass(frozen=True)
class UploadLimits:
    max_bytes: int = 50 * MB
    max_uncompressed: int = 300 * MB  # all parts of a workbook, inflated
    max_ratio: int = 100  # inflated ÷ compressed, for parts over ratio_floor (Excel XML is ~5-20)
    ratio_floor: int = 1 * MB
    max_parts: int = 2_000
    max_rows: int = 100_000  # a city's whole register fits; more is split into several files


LIMITS = UploadLimits()


class UploadRefused(IljariError):
    """The file was refused before it was read; the message says why, in Korean."""


_ZIP = b"PK\x03\x04"
_EMPTY_ZIP = b"PK\x05\x06"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, and every password-protected workbook
_OTHER_FORMATS = {b"%PDF": "PDF", b"\x89PNG": "그림(PNG)", b"\xff\xd8\xff": "그림(JPEG)", b"GIF8": "그림(GIF)"}
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]*\d*:?[A-Z]*(\d+)\"")
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


DAMAGED = (
    "엑셀 파일이 손상되어 열 수 없습니다(저장이나 전송 중에 잘렸을 수 있습니다). 엑셀에서 다시 저장해 올려 주십시오."
)


def file_kind(path: Path) -> str:
    """``"xlsx"`` or ``"csv"`` by what the file is, not by its name: a renamed file is read as what it is."""
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith((_ZIP, _EMPTY_ZIP)):
        return "xlsx"
    if head.startswith(_OLE):
        raise UploadRefused(
            "암호가 걸린 엑셀 파일이거나 예전 형식(xls)의 파일입니다. 암호를 풀고 "
            "'Excel 통합 문서(*.xlsx)'로 다시 저장해 올려 주십시오."
        )
    for magic, name in _OTHER_FORMATS.items():
        if head.startswith(magic):
            raise UploadRefused(f"{name} 파일입니다. 엑셀(xlsx) 또는 CSV 파일만 가져올 수 있습니다.")
    return "csv"


def upload_check(path: Path, *, limits: UploadLimits = LIMITS) -> str:
    """Refuse a file that is too big, too many rows, or inflates too far; returns its kind."""
    if not path.exists():
        raise UploadRefused(f"파일이 없습니다: {path.name}")
    size = path.stat().st_size
    if size == 0:
        raise UploadRefused("빈 파일입니다. 내용이 있는 파일을 올려 주십시오.")
    if size > limits.max_bytes:
        raise UploadRefused(
            f"파일이 너무 큽니다({size / MB:,.1f}MB). {limits.max_bytes // MB}MB까지 올릴 수 있으니 나누어 올려 주십시오."
        )
    kind = file_kind(path)
    if kind == "xlsx":
        _check_workbook(path, limits)
    else:
        _check_text(path, limits)
    return kind


def too_many_rows(limits: UploadLimits = LIMITS) -> UploadRefused:
    return UploadRefused(
        f"행이 너무 많습니다. 한 파일에 {limits.max_rows:,}행까지 가져올 수 있으니 파일을 나누어 올려 주십시오."
    )


def _check_text(path: Path, limits: UploadLimits) -> None:
    # Line breaks bound the rows from above (a cell may hold a line break); UTF-16 counts the same.
    with path.open("rb") as fh:
        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(MB), b""))
    if lines > limits.max_rows + 1:
        raise too_many_rows(limits)


def _check_workbook(path: Path, limits: UploadLimits) -> None:
    try:
        book = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UploadRefused(DAMAGED) from exc
    with book:
        parts = book.infolist()
        if len(parts) > limits.max_parts:
            raise UploadRefused(
                "엑셀 파일의 구성이 비정상적입니다(내부 파일이 너무 많습니다). 엑셀에서 다시 저장해 주십시오."
            )
        names = {p.filename for p in parts}
        if "xl/workbook.xml" not in names:
            raise UploadRefused(
                "엑셀 통합 문서(xlsx)가 아닙니다. 압축 파일이나 다른 문서의 이름만 바뀐 것일 수 있습니다."
            )
        inflated = 0
        for part in parts:
            if part.flag_bits & 0x1:
                raise UploadRefused("암호가 걸린 파일입니다. 암호를 풀고 다시 저장해 올려 주십시오.")
            if part.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise UploadRefused("엑셀이 쓰지 않는 방식으로 압축된 파일입니다. 엑셀에서 다시 저장해 올려 주십시오.")
            inflated += part.file_size
            ratio = part.file_size / max(part.compress_size, 1)
            if part.file_size > limits.ratio_floor and ratio > limits.max_ratio:
                raise UploadRefused(
                    f"압축이 비정상적으로 큰 파일입니다(압축을 풀면 {ratio:,.0f}배로 커집니다). "
                    "엑셀에서 다시 저장한 파일을 올려 주십시오."
                )
        if inflated > limits.max_uncompressed:
            raise UploadRefused(
                f"압축을 푼 크기가 너무 큽니다({inflated / MB:,.0f}MB, {limits.max_uncompressed // MB}MB까지). "
                "파일을 나누어 올려 주십시오."
            )
        sheet = _first_sheet(book, names)
        if sheet:
            try:
                with book.open(sheet) as fh:
                    head = fh.read(64 * 1024)
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
                raise UploadRefused(DAMAGED) from exc
            found = _DIMENSION.search(head)
            if found and int(found.group(1)) > limits.max_rows + 1:
                raise too_many_rows(limits)


def _first_sheet(book: zipfile.ZipFile, names: set[str]) -> str | None:
    """The part of the workbook's first sheet (the one imported), from the workbook's own index."""
    index = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")
    if any(name not in names or book.getinfo(name).file_size > 4 * MB for name in index):
        return None
    try:
        workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise UploadRefused(DAMAGED) from exc
    first = next((s for s in workbook.iter() if s.tag.endswith("}sheet")), None)
    if first is None:
        return None
    target = next((r.get("Target", "") for r in rels if r.get("Id") == first.get(_NS_REL)), "")
    part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
    return part if part in names else None
