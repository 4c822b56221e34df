"""The staff home page: 오늘의 업무 and the center's counts."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from iljari.core.access import ALL_STAFF, CASEWORK, has_role, role_required
from iljari.front.selectors import center_counts, todays_work
from iljari.portal.selectors import requests_waiting
from iljari.safety.selectors import incidents_awaiting


@role_required(*ALL_STAFF)
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "counts": center_counts(user=request.user),
        "incidents": incidents_awaiting(user=request.user),
        "now": timezone.now(),
    }
    if has_role(request.user, CASEWORK):
        context["work"] = todays_work(user=request.user)
        context["portal_requests"] = requests_waiting(user=request.user, limit=10)
    return render(request, "front/home.html", context)
