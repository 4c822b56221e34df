"""Vacancy pages: search, register and correct (with the minimum-wage check as it is typed), detail with history."""

from functools import partial

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from iljari.core.access import EMPLOYER_WORK, role_required
from iljari.core.forms import RrnRefusingForm
from iljari.core.lifecycles import TransitionRefused, status_history
from iljari.core.pages import edit_page, field_validation, query_without_page
from iljari.core.sections import sections_for
from iljari.privacy.history import record_history
from iljari.vacancies.forms import VacancyCloseForm, VacancyEditForm, VacancyForm, VacancyReopenForm, VacancySearchForm
from iljari.vacancies.lifecycle import VACANCY
from iljari.vacancies.models import Vacancy
from iljari.vacancies.selectors import vacancy_search
from iljari.vacancies.services import vacancies_create, vacancy_close, vacancy_reopen, vacancy_update


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


def _detail(
    request: HttpRequest,
    pk: int,
    *,
    close_form: VacancyCloseForm | None = None,
    reopen_form: VacancyReopenForm | None = None,
    status: int = 200,
) -> HttpResponse:
    vacancy = get_object_or_404(
        Vacancy.objects.select_related("employer", "dong", "occupation").prefetch_related(
            "required_licences", "preferred_licences", "visa_types"
        ),
        pk=pk,
    )
    context = {
        "vacancy": vacancy,
        "close_form": close_form or VacancyCloseForm(),
        "reopen_form": reopen_form or VacancyReopenForm(),
        "past_date": bool(vacancy.closes_on and vacancy.closes_on < timezone.localdate()),
        "history": status_history(lifecycle=VACANCY, record_id=vacancy.pk),
        "changes": record_history(record=vacancy),
        "sections": sections_for("vacancies.detail", request, vacancy),
    }
    return render(request, "vacancies/detail.html", context, status=status)


@role_required(*EMPLOYER_WORK)
def vacancy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, pk)


def _refused(form: RrnRefusingForm, exc: TransitionRefused) -> int:
    """Show the refusal on the form that asked (what was typed stays); the page answers 409 or 422."""
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    return exc.http_status


@require_POST
@role_required(*EMPLOYER_WORK)
def vacancy_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = VacancyCloseForm(request.POST)
    if not form.is_valid():
        return _detail(request, pk, close_form=form, status=422)
    try:
        vacancy = vacancy_close(vacancy_id=pk, actor=request.user, **form.cleaned_data)
    except TransitionRefused as exc:
        return _detail(request, pk, close_form=form, status=_refused(form, exc))
    messages.success(request, _("구인표를 마감했습니다(%(status)s).") % {"status": vacancy.get_status_display()})
    return redirect("vacancies:detail", pk=pk)


@require_POST
@role_required(*EMPLOYER_WORK)
def vacancy_reopen_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = VacancyReopenForm(request.POST)
    if not form.is_valid():
        return _detail(request, pk, reopen_form=form, status=422)
    try:
        vacancy_reopen(vacancy_id=pk, actor=request.user, **form.cleaned_data)
    except TransitionRefused as exc:
        return _detail(request, pk, reopen_form=form, status=_refused(form, exc))
    messages.success(request, _("구인표를 재공고했습니다. 다시 모집 중입니다."))
    return redirect("vacancies:detail", pk=pk)


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


@role_required(*EMPLOYER_WORK)
def vacancy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = get_object_or_404(Vacancy.objects.select_related("employer"), pk=pk)
    form = VacancyEditForm(request.POST or None, initial=VacancyEditForm.record(vacancy))
    form.enable_live_validation(reverse("vacancies:validate"))
    return edit_page(
        request,
        form=form,
        save=partial(vacancy_update, vacancy=vacancy),
        record=VacancyEditForm.record,
        done=reverse("vacancies:detail", args=[pk]),
        template="vacancies/edit.html",
        context={"vacancy": vacancy, "changes": record_history(record=vacancy)},
    )


@require_POST
@role_required(*EMPLOYER_WORK)
def vacancy_validate(request: HttpRequest) -> HttpResponse:
    return field_validation(request, VacancyForm(request.POST))
