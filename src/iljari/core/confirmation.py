"""Asking before a write that is allowed but probably a mistake (a second 취업 for one person).

The service raises ``ConfirmationNeeded`` with what the person should know; the view answers with
``confirmation_page``, which posts the same form again with ``confirmed=1`` (and the same
submission key: the refused post changed nothing), or goes back.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from iljari.core.errors import IljariError

FIELD = "confirmed"


class ConfirmationNeeded(IljariError):
    """Allowed, but only once the person has read ``facts`` and said yes (HTTP 409 until then)."""

    http_status = 409

    def __init__(self, message: str, *, facts: list[str], question: str, yes: str) -> None:
        super().__init__(message)
        self.facts, self.question, self.yes = facts, question, yes


def confirmed(request: HttpRequest) -> bool:
    return request.POST.get(FIELD) == "1"


def confirmation_page(request: HttpRequest, *, asked: ConfirmationNeeded, back: str) -> HttpResponse:
    """The question, with the form as it was posted, to send again with a yes."""
    fields = [(k, v) for k, values in request.POST.lists() for v in values if k not in ("csrfmiddlewaretoken", FIELD)]
    context = {"asked": asked, "fields": fields, "action": request.path, "back": back, "confirm_field": FIELD}
    return render(request, "core/confirm.html", context, status=409)
