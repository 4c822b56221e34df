"""The audit log for managers."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from iljari.core.access import OVERSIGHT, role_required
from iljari.core.pages import query_without_page
from iljari.privacy.models import AuditEvent


@role_required(*OVERSIGHT)
def audit_list(request: HttpRequest) -> HttpResponse:
    qs = AuditEvent.objects.order_by("-id")
    for key in ("object_type", "object_id", "actor_name", "action"):
        if request.GET.get(key):
            qs = qs.filter(**{key: request.GET[key]})
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "privacy/audit.html",
        {"page": page, "query": query_without_page(request), "actions": AuditEvent.Action.choices},
    )
