"""Vacancy pages: search, register (with the minimum-wage check as it is typed), detail."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from iljari.core.access import EMPLOYER_WORK, role_required
from iljari.core.pages import field_validation, query_without_page
from iljari.core.sections import sections_for
from iljari.vacancies.forms import VacancyForm, VacancySearchForm
from iljari.vacancies.models import Vacancy
from iljari.vacancies.selectors import vacancy_search
from iljari.vacancies.services import vacancies_create


@role_required(*EMPLOYER_WORK)
def vacancy_list(request: HttpRequest) -> HttpResponse:
    form = VacancySearchForm(request.GET or {"status": "open"})
    filters = {"q": "", "dong": None, "status": "open"}
    if form.is_valid():
        d = form.cleaned_data
        filters = {"q": d["q"], "dong": d["dong"].pk if d["dong"] else None, "status": d["status"]}
    page = Paginator(vacancy_search(**filters), 30).get_page(request.GET.get("page"))
    template = "vacancies/_results.html" if request.htmx else "vacancies/list.html"
    return render(request, template, {"form": form, "page": page, "query": query_without_page(request)})


@role_required(*EMPLOYER_WORK)
def vacancy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = get_object_or_404(
        Vacancy.objects.select_related("employer", "dong", "occupation").prefetch_related(
            "required_licences", "preferred_licences", "visa_types"
        ),
        pk=pk,
    )
    return render(
        request,
        "vacancies/detail.html",
        {"vacancy": vacancy, "sections": sections_for("vacancies.detail", request, vacancy)},
    )


@role_required(*EMPLOYER_WORK)
def vacancy_new(request: HttpRequest) -> HttpResponse:
    initial = {"employer": request.GET.get("employer")}
    form = VacancyForm(request.POST or None, initial=initial)
    form.enable_live_validation(reverse("vacancies:validate"))
    employer = (
        form.fields["employer"].queryset.filter(pk=request.POST.get("employer") or initial["employer"] or 0).first()
    )
    if request.method == "POST" and form.is_valid():
        [vacancy] = vacancies_create(inputs=[form.to_input()], actor=request.user)
        messages.success(request, _("구인표를 등록했습니다."))
        return redirect("vacancies:detail", pk=vacancy.pk)
    return render(request, "vacancies/new.html", {"form": form, "employer": employer})


@require_POST
@role_required(*EMPLOYER_WORK)
def vacancy_validate(request: HttpRequest) -> HttpResponse:
    return field_validation(request, VacancyForm(request.POST))
