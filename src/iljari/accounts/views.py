from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from iljari.accounts.selectors import desks_with_caseload
from iljari.core.access import ALL_STAFF, role_required


@role_required(*ALL_STAFF)
def desk_list(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/desks.html", {"desks": desks_with_caseload()})
