"""Shared pieces of the JSON API: role checks, form errors and refused requests as API answers."""

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.timezone import localtime
from ninja import Path, Query, Schema
from ninja.errors import HttpError
from pydantic import ConfigDict, field_validator
from pydantic_core import PydanticCustomError

from iljari.core.access import has_role
from iljari.core.cells import without_controls
from iljari.core.errors import IljariError, StaleRecord
from iljari.core.forms import RrnRefusingForm, VersionedForm
from iljari.core.lifecycles import HistoryRow
from iljari.core.rrn import RRN_REFUSAL, contains_rrn

INT_LIMIT = 2**63  # a database integer; beyond it a number is an error, not a 500
_OWN_REFUSALS = ("rrn", "too_big")
PAGE_MOST = 200  # the most rows one list call returns

# The one rule for a list's size and a record's number, stated in the schema (minimum, maximum) so a
# request outside it is refused with 422 in Korean before the endpoint runs, never a 500.
Limit = Annotated[int, Query(ge=1, le=PAGE_MOST, description=f"돌려받을 건수(1~{PAGE_MOST})")]
Top = Annotated[int, Query(ge=1, le=100, description="추천 건수(1~100)")]
RecordId = Annotated[int, Path(ge=1, lt=INT_LIMIT, description="번호")]
QueryId = Annotated[int | None, Query(ge=1, lt=INT_LIMIT)]

_PROBLEMS = {
    "extra_forbidden": "알 수 없는 항목입니다",
    "missing": "꼭 보내야 하는 항목입니다",
    "int_parsing": "정수여야 합니다",
    "int_type": "정수여야 합니다",
    "int_from_float": "정수여야 합니다",
    "string_type": "문자열이어야 합니다",
    "bool_parsing": "true 또는 false여야 합니다",
    "bool_type": "true 또는 false여야 합니다",
    "list_type": "목록이어야 합니다",
    "date_parsing": "날짜(YYYY-MM-DD)여야 합니다",
    "date_from_datetime_parsing": "날짜(YYYY-MM-DD)여야 합니다",
    "date_type": "날짜(YYYY-MM-DD)여야 합니다",
    "json_invalid": "JSON 형식이 아닙니다",
    "model_attributes_type": "JSON 객체여야 합니다",
    "greater_than_equal": "{ge} 이상이어야 합니다",
    "greater_than": "{gt}보다 커야 합니다",
    "less_than_equal": "{le} 이하여야 합니다",
    "less_than": "숫자가 너무 큽니다",
}


def ids_of(model: type, key: str, names: list[str]) -> list[int | str]:
    """The row ids of the names an API call gave (동 names, visa codes); a name not on file stays as
    it is, so the form refuses it as no such choice rather than dropping it."""
    found = dict(model._default_manager.filter(**{f"{key}__in": names}).values_list(key, "pk"))
    return [found.get(name, name) for name in names]


def require_role(request: HttpRequest, roles: tuple[str, ...]) -> None:
    if not has_role(request.user, roles):
        raise PermissionDenied("이 기능을 쓸 권한이 없습니다.")


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        value = without_controls(value)
        if contains_rrn(value):
            raise PydanticCustomError("rrn", RRN_REFUSAL)
    elif isinstance(value, int) and not isinstance(value, bool) and not -INT_LIMIT < value < INT_LIMIT:
        raise PydanticCustomError("too_big", "숫자가 너무 큽니다.")
    elif isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _schema_extra(schema: dict[str, Any], model: type) -> None:
    """Every integer of a body, in the schema as the validator below holds it (within a database
    integer); and the body's ``EXAMPLE``, a request that succeeds on the demo data."""
    if example := getattr(model, "EXAMPLE", None):
        schema["examples"] = [example]
    for prop in schema.get("properties", {}).values():
        for kind in [prop, *prop.get("anyOf", ()), prop.get("items", {})]:
            if kind.get("type") == "integer":
                kind.setdefault("minimum", -INT_LIMIT + 1)
                kind.setdefault("maximum", INT_LIMIT - 1)


class InputSchema(Schema):
    """The base of every API request body: the rules of the base form, before any endpoint runs.

    Control characters are dropped, a 주민등록번호 in any text is refused (``core.rrn``) and an
    integer beyond a database integer is refused, each with HTTP 422, the field in ``loc`` and the
    Korean reason in ``msg``; the integer bounds are stated in the schema too. (Endpoints then
    validate through the same forms as the pages: their refusals are the documented 400/422.)
    """

    model_config = ConfigDict(json_schema_extra=_schema_extra)

    @field_validator("*", mode="before")
    @classmethod
    def _refuse_bad_input(cls, value: Any) -> Any:
        return _clean(value)


class Problem(Schema):
    """Every refusal's body: what was wrong, in Korean."""

    detail: str


class FieldProblem(Schema):
    field: str
    problem: str


class Unprocessable(Problem):
    """422: the request does not fit the schema or the record's rules; ``errors`` names each field
    (schema refusals), ``field`` the one a lifecycle move lacked."""

    errors: list[FieldProblem] = []
    field: str | None = None


class SavedChange(Schema):
    field: str
    label: str
    personal: bool
    by: str
    at: str
    old: Any = None
    new: Any = None


class Conflict(Problem):
    """409: already on file, not allowed in the record's state, or saved by someone else since the
    ``version`` sent (then ``version`` and ``changes`` say what changed)."""

    version: int | None = None
    changes: list[SavedChange] = []


class Refused(Problem):
    """400: a body that is not JSON, or the rules of the page's form that a schema cannot state (a
    choice not on the list, a 동 or visa not on file, below the minimum wage, no consent)."""


class Unauthorized(Problem):
    """401: no API token, or one revoked, expired or unknown."""


class Forbidden(Problem):
    """403: this staff member's role may not use the operation."""


class NotFound(Problem):
    """404: no such record, or one this token may not see (the same answer, so numbers do not leak)."""


_ERRORS: dict[int, type[Schema]] = {
    400: Refused,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
    422: Unprocessable,
}


def answers(ok: Any, *errors: int, status: int = 200) -> dict[int, Any]:
    """An operation's documented answers: its own, plus 401 (no valid token), 403 (the role may not)
    and 422 (the request refused by the schema or the record's rules) that every operation can give,
    and ``errors``: 400 (a body that is not JSON, or the form's rules: choices, minimum wage,
    consent), 404 (no such record, or one this token may not see), 409 (already on file, not in this
    state, or saved by someone else since)."""
    return {status: ok} | {code: _ERRORS[code] for code in sorted({401, 403, 422, *errors})}


def form_errors(form: RrnRefusingForm, status: int = 400) -> HttpError:
    """An error whose message lists each field's problem in Korean, as the web form would."""
    detail = "; ".join(
        (f"{form.fields[name].label}: " if name in form.fields else "") + " ".join(errors)
        for name, errors in form.errors.items()
    )
    return HttpError(status, detail)


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


def patch_record(
    request: HttpRequest,
    *,
    form_class: type[VersionedForm],
    record: Any,
    sent: Mapping[str, Any],
    update: Callable[..., Any],
    refused: tuple[type[IljariError], int],
    **form_kwargs: Any,
) -> Any:
    """A PATCH: the fields sent typed over the record's edit form, validated as the page is (422),
    then the update service; its own refusal (``refused``: error type, status) answers as given and
    a stale version 409 (the API's handler)."""
    form = form_class(form_class.posted_data(form_class.record(record), sent), **form_kwargs)
    if not form.is_valid():
        raise form_errors(form, status=422)
    error_type, status = refused
    try:
        return update(changes=form.changes(), actor=request.user, version=form.cleaned_data["version"])
    except error_type as exc:
        raise HttpError(status, exc.message) from exc


def _problem(error: dict) -> str:
    """Pydantic's error in Korean; InputSchema's own refusals (RRN, too big) already are."""
    if error.get("type") in _OWN_REFUSALS:
        return str(error.get("msg", "")).removeprefix("Value error, ")
    return _PROBLEMS.get(error.get("type", ""), "형식이 올바르지 않습니다").format(**error.get("ctx") or {})


def request_problems(errors: list[dict]) -> dict:
    """A request the schema refused (unknown fields, wrong types), said in Korean: the 422 body."""
    problems = []
    for error in errors:
        place = [str(p) for p in error.get("loc", ()) if p not in ("body", "payload", "query", "path")]
        problems.append(
            {
                "field": ".".join(place) or "(본문)",
                "problem": _problem(error),
            }
        )
    detail = "; ".join(f"{p['field']}: {p['problem']}" for p in problems)
    return {"detail": f"요청을 처리하지 않았습니다(바뀐 것 없음). {detail}", "errors": problems}


def stale_answer(exc: StaleRecord) -> dict:
    """The 409 body: what was saved since the version sent; a personal field only as changed."""
    return {
        "detail": exc.message,
        "version": exc.current.version,
        "changes": [
            {"field": c.field, "label": c.label, "personal": c.personal, "by": c.by, "at": localtime(c.at).isoformat()}
            | ({} if c.personal else {"old": c.old, "new": c.new})
            for c in exc.changes
        ],
    }
