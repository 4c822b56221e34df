from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from iljari.core.access import ALL_STAFF, role_required
from iljari.core.selectors import center_counts


@role_required(*ALL_STAFF)
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"counts": center_counts(user=request.user)})
