"""Small helpers the pages share."""

from collections.abc import Callable, Mapping
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header

from iljari.core.errors import IljariError, StaleRecord
from iljari.core.forms import RrnRefusingForm, VersionedForm


def query_without_page(request: HttpRequest) -> str:
    """The current filters as a query string, for the pager's links to add ``page`` to."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def field_validation(request: HttpRequest, form: RrnRefusingForm) -> HttpResponse:
    """The errors of the one field named in ``?field=``, for a form validating as it is typed."""
    name = request.GET.get("field", "")
    errors = form.field_errors(name) if name in form.fields else []
    return render(request, "core/_field_errors.html", {"errors": errors})


def client_address(request: HttpRequest) -> str:
    """The address a request came from, read the way the login lockout (axes) reads it, proxies included."""
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or ""


def _overlap_notes(form: VersionedForm, stale: StaleRecord, now: Mapping[str, Any]) -> dict[str, str]:
    """A line under each field that this person and someone else both changed."""
    mine = set(form.typed_fields())
    notes = {}
    for change in stale.changes:
        if change.field in mine:
            value = now.get(change.field) if change.personal else change.new
            notes[change.field] = (
                f"{change.by}님이 이 항목을 '{value or '(없음)'}'(으)로 바꾸었습니다. "
                "입력하신 값으로 바꾸시려면 확인 후 다시 저장해 주십시오."
            )
    return notes


def edit_page(
    request: HttpRequest,
    *,
    form: VersionedForm,
    save: Callable[..., object],
    record: Callable[[Any], Mapping[str, Any]],
    done: str,
    template: str,
    context: Mapping[str, Any],
) -> HttpResponse:
    """An edit page: save what was typed; on a stale version show what changed and keep the typing.

    ``save`` is the domain's update service with its record bound (it gets ``changes``, ``actor``
    and ``version``); ``record`` turns a record into the form's values, to show it as it is now
    after a refused save.
    """
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            save(changes=form.changes(), actor=request.user, version=form.cleaned_data["version"])
        except StaleRecord as exc:
            stale = exc
            now = record(exc.current)
            form.keep_typing(record=now, notes=_overlap_notes(form, exc, now))
        except IljariError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, "수정한 내용을 저장했습니다.")
            return redirect(done)
    status = 409 if stale else 400 if form.errors else 200
    return render(request, template, {**context, "form": form, "stale": stale}, status=status)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
PDF = "application/pdf"


def attachment(content: bytes, filename: str, content_type: str) -> HttpResponse:
    """A download made in memory (no file left on the server), never kept by a shared PC's cache."""
    return HttpResponse(
        content,
        content_type=content_type,
        headers={
            "Content-Disposition": content_disposition_header(True, filename),
            "Cache-Control": "no-store",
        },
    )
