"""The base of every domain's error type: a message a counselor can read, in Korean first."""


class IljariError(Exception):
    """An expected failure with a Korean message; views and commands show it as is.

    Each domain subclasses it once (``SeekerError``, ``ImportRejected``...) so a caller can
    catch one domain's failures without catching programming errors.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
