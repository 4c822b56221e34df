"""The shape every importable sheet shares: its columns and how a row becomes a record.

A ``Sheet`` subclass per record type (seekers, employers, vacancies) lists its Korean
columns and converts a parsed row; the pipeline in ``services`` does the rest the same way
for all of them (reading, RRN masking, row errors, duplicates, all-or-nothing saving).
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar

from iljari.accounts.models import User
from iljari.core.rrn import mask_rrns
from iljari.privacy.audit import Actor


class Level(StrEnum):
    ERROR = "오류"
    DUPLICATE = "중복"
    WARNING = "경고"


@dataclass(frozen=True)
class RowMessage:
    row: int
    column: str
    value: str
    reason: str
    level: Level = Level.ERROR


@dataclass(frozen=True)
class Column:
    """One column: Korean header, the key it fills, and how a cell is parsed.

    ``parse`` is a function of the cell, or the name of a method of the sheet when parsing
    needs the database (a 동 name, a licence list); ``None`` keeps the text as typed, up to
    ``max_length`` characters (the column it is saved in).
    """

    header: str
    key: str
    parse: Callable[[Any], Any] | str | None = None
    required: bool = False
    example: str = ""
    note: str = ""
    max_length: int = 200


class RowProblems:
    """Collects the messages of one row, so a sheet's ``convert`` can report several at once.

    A value is kept masked: messages are shown on the page, kept on the job and written to the
    error list, and a registration number must reach none of them.
    """

    def __init__(self, row: int) -> None:
        self.row = row
        self.messages: list[RowMessage] = []

    def error(self, column: str, value: Any, reason: str) -> None:
        self.messages.append(RowMessage(self.row, column, mask_rrns(str(value or "")), reason))

    def warn(self, column: str, value: Any, reason: str) -> None:
        self.messages.append(RowMessage(self.row, column, mask_rrns(str(value or "")), reason, Level.WARNING))

    @property
    def has_errors(self) -> bool:
        return any(m.level == Level.ERROR for m in self.messages)


class Sheet:
    """Base of the per-record-type import/export definitions."""

    kind: ClassVar[str]
    label: ClassVar[str]
    columns: ClassVar[list[Column]]

    def __init__(self, **options: Any) -> None:
        self.options = options

    def parser(self, column: Column) -> Callable[[Any], Any] | None:
        return getattr(self, column.parse) if isinstance(column.parse, str) else column.parse

    def convert(self, values: dict[str, Any], problems: RowProblems) -> Any:
        """Turn parsed cells into the input of the domain service (cross-column checks here)."""
        raise NotImplementedError

    def duplicate_reason(self, item: Any) -> str | None:
        """Why this row is already on file or earlier in the same file, if it is."""
        return None

    def checked(self, *, actor: Actor) -> None:
        """Called once every row is checked: audit whatever checking read (the people rows matched)."""

    def save(self, items: list[Any], *, actor: Actor, source: str) -> list[int]:
        """Save the checked rows; the ids of the records made, in order."""
        raise NotImplementedError

    def export(self, *, user: User | None, actor: Actor) -> Iterator[dict[str, Any]]:
        """Rows keyed by column key, already filtered to what ``user`` may see."""
        raise NotImplementedError

    @classmethod
    def template_notes(cls) -> Iterable[str]:
        yield f"{cls.label} 가져오기 양식입니다. 첫 행의 열 이름을 바꾸지 말아 주십시오."
        yield "* 표시는 필수 항목입니다. 한 행이라도 오류가 있으면 파일 전체를 저장하지 않고 오류를 알려 드립니다."
        yield (
            "주민등록번호·외국인등록번호는 어느 칸에도 입력하지 마십시오. 입력된 칸이 있으면 파일 전체를 "
            "저장하지 않고 그 행과 열을 알려 드립니다(파일 이름도 같습니다)."
        )
        for c in cls.columns:
            mark = "*" if c.required else ""
            line = f"{c.header}{mark}: {c.note}" if c.note else f"{c.header}{mark}"
            yield line + (f" (예: {c.example})" if c.example else "")
