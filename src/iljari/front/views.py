"""The staff home page: 오늘의 업무 and the center's counts."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from iljari.core.access import ALL_STAFF, CASEWORK, has_role, role_required
from iljari.front.selectors import center_counts, todays_work
from iljari.portal.selectors import requests_waiting
from iljari.portal.views import public
from iljari.safety.selectors import incidents_awaiting


def home(request: HttpRequest) -> HttpResponse:
    """오늘의 업무 for staff; anyone else opening the center's address gets the public portal (staff sign
    in at /login/)."""
    if not request.user.is_authenticated:
        return public.entry(request)
    return _today(request)


@role_required(*ALL_STAFF)
def _today(request: HttpRequest) -> HttpResponse:
    context = {
        "counts": center_counts(user=request.user),
        "incidents": incidents_awaiting(user=request.user),
        "now": timezone.now(),
    }
    if has_role(request.user, CASEWORK):
        context["work"] = todays_work(user=request.user)
        context["portal_requests"] = requests_waiting(user=request.user, limit=10)
    return render(request, "front/home.html", context)
