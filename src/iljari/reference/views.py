"""The occupation catalogue (한국직업사전)."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from iljari.core.access import ALL_STAFF, role_required
from iljari.core.pages import query_without_page
from iljari.reference.models import Occupation


@role_required(*ALL_STAFF)
def occupation_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    qs = Occupation.objects.only("occupation_id", "title", "keco_code", "keco_name", "summary")
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(keco_name__icontains=q) | Q(keco_code=q))
    page = Paginator(qs.order_by("keco_code", "title"), 40).get_page(request.GET.get("page"))
    template = "reference/_occupations.html" if request.htmx else "reference/occupations.html"
    return render(request, template, {"page": page, "q": q, "query": query_without_page(request)})


@role_required(*ALL_STAFF)
def occupation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    occupation = get_object_or_404(Occupation, pk=pk)
    return render(request, "reference/occupation.html", {"o": occupation})
