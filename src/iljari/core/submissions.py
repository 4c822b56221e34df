"""Once per rendered form: a key in each page's form, and the first post's result for a second one.

A page that creates or changes a record renders ``{% submission_key %}`` in its form (a fresh random
key each time the page is drawn). The view runs its service through ``submitted_once``: the key is
written in the same transaction as the change, so of two posts with one key only one gets to run;
the other waits for it (the key's unique index on PostgreSQL, the write lock on SQLite) and is
answered with what the first one made. A post that fails changes nothing and keeps nothing, so it
can be sent again. A post without a key (the API, the command line) simply runs.
"""

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Generic, TypeVar

from django.apps import apps
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, models, transaction
from django.http import HttpRequest
from django.utils import timezone

from iljari.core.errors import IljariError
from iljari.core.models import Submission

FIELD = "submission_key"
KEEP = timedelta(days=2)
_KEY = re.compile(r"^[0-9a-f]{32}$")

T = TypeVar("T", bound=models.Model)


def new_key() -> str:
    return secrets.token_hex(16)


def posted_key(request: HttpRequest) -> str | None:
    """The key the page rendered into the form, if it is one (anything else is ignored)."""
    key = request.POST.get(FIELD, "")
    return key if _KEY.match(key) else None


@dataclass(frozen=True)
class Submitted(Generic[T]):
    result: T | None
    repeated: bool  # this post repeated an earlier one: nothing new was done


def submitted_once(*, key: str | None, scope: str, actor: object, action: Callable[[], T | None]) -> Submitted[T]:
    """Run ``action`` unless a post with ``key`` already ran it; then return that one's result."""
    if key is None:
        return Submitted(action(), repeated=False)
    actor_id = actor.pk if isinstance(actor, AbstractBaseUser) else None
    with transaction.atomic():
        try:
            with transaction.atomic():
                row = Submission.objects.create(key=key, scope=scope, actor_id=actor_id, at=timezone.now())
        except IntegrityError:
            first = Submission.objects.get(key=key)
            if first.scope != scope or first.actor_id != actor_id:
                raise IljariError(
                    "이 화면의 양식은 이미 다른 처리에 쓰였습니다. 화면을 새로 고친 뒤 다시 해 주십시오."
                ) from None
            return Submitted(_result(first), repeated=True)
        result = action()
        if result is not None:
            row.result_type, row.result_id = result._meta.label_lower, result.pk
            row.save(update_fields=["result_type", "result_id"])
    return Submitted(result, repeated=False)


def _result(row: Submission) -> models.Model | None:
    if not row.result_type:
        return None
    return apps.get_model(row.result_type)._base_manager.filter(pk=row.result_id).first()


def submissions_forget(*, today: date) -> list[int]:
    """The nightly clean-up: a key older than two days belongs to no page still open; returns their ids."""
    cutoff = datetime.combine(today - KEEP, time.min, tzinfo=timezone.get_current_timezone())
    old = list(Submission.objects.filter(at__lt=cutoff).values_list("pk", flat=True))
    Submission.objects.filter(pk__in=old).delete()
    return old
