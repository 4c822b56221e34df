"""The counselor's side: the portal's requests for the desks they may see, each acted on in one step."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from iljari.core.access import CASEWORK, role_required
from iljari.portal.models import PortalRequest
from iljari.portal.selectors import HELD_READERS, requests_waiting
from iljari.portal.services import PortalError, request_decide
from iljari.seekers.selectors import visible_desks


@role_required(*CASEWORK)
def requests(request: HttpRequest) -> HttpResponse:
    context = {"requests": requests_waiting(user=request.user, limit=100), "held_readers": HELD_READERS}
    return render(request, "portal/staff_requests.html", context)


@require_POST
@role_required(*CASEWORK)
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    desks = visible_desks(request.user)
    found = get_object_or_404(
        PortalRequest.objects.select_related("seeker", "employer", "vacancy"),
        pk=pk,
        **({} if desks is None else {"desk_id__in": desks}),
    )
    accept = request.POST.get("decision") == "accept"
    try:
        request_decide(request=found, user=request.user, accept=accept, note=request.POST.get("note", ""))
    except PortalError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, f"포털 요청 #{found.pk}({found.get_kind_display()})을 {'처리' if accept else '반려'}했습니다."
        )
    return redirect("portal_staff:requests")
