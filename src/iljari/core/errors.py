"""The base of every domain's error type: a message a counselor can read, in Korean first."""


class IljariError(Exception):
    """An expected failure with a Korean message; views and commands show it as is.

    Each domain subclasses it once (``SeekerError``, ``ImportRejected``...) so a caller can
    catch one domain's failures without catching programming errors.
    """

    def __init__(self, message: str, *, field: str | None = None, code: str = "", params: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        # What went wrong, as a name and its figures, for a page that says it in another language.
        self.code = code
        self.params = params or {}


class StaleRecord(IljariError):
    """A save was made on a version of a record that someone else has since changed.

    ``current`` is the record as it is now and ``changes`` what was saved in between (each with
    ``label``, ``old``, ``new``, ``personal``, ``by`` and ``at``), so the page can show them and keep
    what this person typed, and the API can answer 409 with them.
    """

    def __init__(self, *, current: object, changes: list) -> None:
        by = ", ".join(dict.fromkeys(c.by for c in changes)) or "다른 직원"
        super().__init__(
            f"{by}님이 먼저 이 기록을 수정했습니다. 바뀐 내용을 확인하신 뒤 다시 저장해 주십시오. "
            "입력하신 내용은 그대로 두었습니다."
        )
        self.current = current
        self.changes = changes
