"""Shared pieces of the JSON API: role checks and form errors as API answers."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Schema
from ninja.errors import HttpError

from iljari.core.access import has_role
from iljari.core.forms import RrnRefusingForm
from iljari.core.lifecycles import HistoryRow


def require_role(request: HttpRequest, roles: tuple[str, ...]) -> None:
    if not has_role(request.user, roles):
        raise PermissionDenied("이 기능을 쓸 권한이 없습니다.")


def form_errors(form: RrnRefusingForm) -> HttpError:
    """A 400 whose message lists each field's problem in Korean, as the web form would."""
    detail = "; ".join(
        f"{form.fields[name].label if name in form.fields else name}: {' '.join(errors)}"
        for name, errors in form.errors.items()
    )
    return HttpError(400, detail)


class StatusChangeOut(Schema):
    """One line of a record's status history."""

    at: datetime
    move: str
    from_status: str
    to_status: str
    reason: str
    note: str
    actor: str

    @staticmethod
    def of(h: HistoryRow) -> "StatusChangeOut":
        return StatusChangeOut(
            at=h.at,
            move=h.move,
            from_status=h.from_label,
            to_status=h.to_label,
            reason=h.reason,
            note=h.note,
            actor=h.actor_name,
        )
