"""The staff home page: 오늘의 업무 and the center's counts."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from iljari.core.access import ALL_STAFF, CASEWORK, has_role, role_required
from iljari.front.selectors import center_counts, todays_work
from iljari.safety.selectors import incidents_awaiting
from iljari.seekers.selectors import seekers_listed


@role_required(*ALL_STAFF)
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "counts": center_counts(user=request.user),
        "incidents": incidents_awaiting(user=request.user),
        "now": timezone.now(),
    }
    if has_role(request.user, CASEWORK):
        work = todays_work(user=request.user)
        seekers = [
            *work["new_seekers"],
            *(f.placement.seeker for f in work["follow_ups"]),
            *(r.seeker for r in work["open_referrals"]),
        ]
        seekers_listed(user=request.user, seekers=list({s.pk: s for s in seekers}.values()), purpose="오늘의 업무")
        context["work"] = work
    return render(request, "front/home.html", context)
