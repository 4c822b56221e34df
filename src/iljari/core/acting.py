"""Who is acting, and why, for the records' history of changes.

A service names its actor around its writes (``with acting_as(actor=..., purpose=...)``) and the
history mechanism (``privacy.history``) reads it when a versioned record is updated. It lives in
the kernel so that kernel mechanisms which write records (the lifecycles) can name theirs too.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

# The actor is a staff member, a process's name, None (the command line's user), or a callable
# that gives one late (a request's user is known only once its authentication has run).
_acting: ContextVar[tuple[Any, str] | None] = ContextVar("acting", default=None)


@contextmanager
def acting_as(*, actor: Any | Callable[[], Any], purpose: str = "") -> Iterator[None]:
    """Changes written inside are recorded as made by ``actor`` for ``purpose``."""
    token = _acting.set((actor, purpose))
    try:
        yield
    finally:
        _acting.reset(token)


def acting() -> tuple[Any, str]:
    """The actor and purpose in force (a callable actor is resolved), or ``(None, "")``."""
    actor, purpose = _acting.get() or (None, "")
    return (actor() if callable(actor) else actor), purpose
