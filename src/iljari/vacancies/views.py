"""Vacancy pages: search, register (with the minimum-wage check as it is typed), detail."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from iljari.core.access import CASEWORK, EMPLOYER_WORK, has_role, role_required
from iljari.core.pages import field_validation, query_without_page
from iljari.matching.selectors import seekers_for_vacancy
from iljari.seekers.selectors import seekers_listed, seekers_visible_to
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
    referrals = list(vacancy.referrals.select_related("seeker").order_by("-referred_at")[:50])
    visible = set(
        seekers_visible_to(request.user).filter(pk__in=[r.seeker_id for r in referrals]).values_list("pk", flat=True)
    )
    seekers_listed(
        user=request.user,
        seekers=[r.seeker for r in referrals if r.seeker_id in visible],
        purpose=f"구인표 #{pk} 알선 현황",
    )
    return render(
        request,
        "vacancies/detail.html",
        {
            "vacancy": vacancy,
            "show_candidates": has_role(request.user, CASEWORK),
            "referrals": referrals,
            "visible": visible,
        },
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


@role_required(*CASEWORK)
def vacancy_candidates(request: HttpRequest, pk: int) -> HttpResponse:
    """Seekers who fit this vacancy, among those the user may see; each shown name is audited."""
    vacancy = get_object_or_404(Vacancy, pk=pk)
    matches = seekers_for_vacancy(user=request.user, vacancy=vacancy, k=10)
    seekers_listed(user=request.user, seekers=[r.seeker for r in matches], purpose=f"구인표 #{pk} 추천 구직자 조회")
    return render(request, "vacancies/_candidates.html", {"matches": matches})
