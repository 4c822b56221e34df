"""The JSON API: token-authenticated, the same access rules as the pages; OpenAPI at /api/docs."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from iljari.accounts.api import TokenAuth
from iljari.core.api import request_problems, stale_answer
from iljari.core.errors import IljariError, StaleRecord
from iljari.core.lifecycles import TransitionRefused
from iljari.employers.api import router as employers
from iljari.matching.api import router as matching
from iljari.portal.api import router as public
from iljari.referrals.api import router as referrals
from iljari.seekers.api import router as seekers
from iljari.training.api import router as programs
from iljari.vacancies.api import router as vacancies

api = NinjaAPI(
    title="iljari API",
    version="1",
    auth=TokenAuth(),
    urls_namespace="api",
    description="iljari 일자리센터의 JSON API. `Authorization: Bearer <토큰>` (iljari token create 사용자)",
)
api.add_router("/seekers", seekers)
api.add_router("/employers", employers)
api.add_router("/vacancies", vacancies)
api.add_router("/referrals", referrals)
api.add_router("", matching)
api.add_router("", programs)
api.add_router("/public", public)


@api.exception_handler(AuthenticationError)
def unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": "API 토큰이 없거나 올바르지 않습니다(폐기·만료 포함)."}, status=401)


@api.exception_handler(HttpError)
def refused(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """An endpoint's own refusal as it said it; ninja's one English message (a body that is not
    JSON) in Korean."""
    detail = str(exc)
    if detail.startswith("Cannot parse request body"):
        detail = "요청 본문을 읽을 수 없습니다. JSON 형식인지 확인해 주십시오(바뀐 것 없음)."
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "권한이 없습니다."}, status=403)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "찾을 수 없습니다."}, status=404)


@api.exception_handler(IljariError)
def domain_error(request: HttpRequest, exc: IljariError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message}, status=400)


@api.exception_handler(TransitionRefused)
def transition_refused(request: HttpRequest, exc: TransitionRefused) -> HttpResponse:
    """A move the record's state does not allow is a conflict (409); one missing its reason, 422."""
    return api.create_response(request, {"detail": exc.message, "field": exc.field}, status=exc.http_status)


@api.exception_handler(StaleRecord)
def stale(request: HttpRequest, exc: StaleRecord) -> HttpResponse:
    return api.create_response(request, stale_answer(exc), status=409)


@api.exception_handler(ValidationError)
def unprocessable(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(request, request_problems(exc.errors), status=422)


@api.exception_handler(OverflowError)
def number_too_big(request: HttpRequest, exc: OverflowError) -> HttpResponse:
    """A number in the path or query beyond a database integer (SQLite cannot even compare it)."""
    return api.create_response(request, {"detail": "숫자가 너무 큽니다."}, status=422)
