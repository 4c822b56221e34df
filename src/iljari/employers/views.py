"""Employer pages: search, register (with duplicate check), correct, one employer with its vacancies and history."""

from functools import partial

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from iljari.core.access import EMPLOYER_WORK, role_required
from iljari.core.pages import edit_page, field_validation, query_without_page
from iljari.core.sections import sections_for
from iljari.employers.forms import EmployerEditForm, EmployerForm, EmployerSearchForm
from iljari.employers.selectors import employer_or_404, employer_search
from iljari.employers.services import employer_possible_duplicate, employer_update, employers_create
from iljari.privacy.history import record_history


@role_required(*EMPLOYER_WORK)
def employer_list(request: HttpRequest) -> HttpResponse:
    form = EmployerSearchForm(request.GET or None)
    q, dong = "", None
    if form.is_bound and form.is_valid():
        q, dong = form.cleaned_data["q"], form.cleaned_data["dong"]
    qs = employer_search(q=q, dong=dong.pk if dong else None)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    template = "employers/_results.html" if request.htmx else "employers/list.html"
    return render(request, template, {"form": form, "page": page, "query": query_without_page(request)})


@role_required(*EMPLOYER_WORK)
def employer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    employer = employer_or_404(user=request.user, employer_id=pk, purpose="구인업체 상세 조회(채용 담당자)")
    vacancies = employer.vacancies.select_related("dong").order_by("-posted_on")[:50]
    context = {
        "employer": employer,
        "vacancies": vacancies,
        "changes": record_history(record=employer),
        "sections": sections_for("employers.detail", request, employer),
    }
    return render(request, "employers/detail.html", context)


@role_required(*EMPLOYER_WORK)
def employer_new(request: HttpRequest) -> HttpResponse:
    form = EmployerForm(request.POST or None)
    form.enable_live_validation(reverse("employers:validate"))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        duplicate = employer_possible_duplicate(
            name=d["name"], business_number=d["business_number"], dong=d["dong"], address=d.get("address", "")
        )
        if duplicate and (duplicate.certain or not d["same_company_confirmed"]):
            form.add_error(None, duplicate.reason)
        else:
            [employer] = employers_create(inputs=[form.to_input()], actor=request.user)
            messages.success(request, _("구인업체를 등록했습니다."))
            return redirect("employers:detail", pk=employer.pk)
    return render(request, "employers/new.html", {"form": form})


@role_required(*EMPLOYER_WORK)
def employer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    employer = employer_or_404(user=request.user, employer_id=pk, purpose="구인업체 정보 수정")
    form = EmployerEditForm(request.POST or None, initial=EmployerEditForm.record(employer))
    form.enable_live_validation(reverse("employers:validate"))
    return edit_page(
        request,
        form=form,
        save=partial(employer_update, employer=employer),
        record=EmployerEditForm.record,
        done=reverse("employers:detail", args=[pk]),
        template="employers/edit.html",
        context={"employer": employer, "changes": record_history(record=employer)},
    )


@require_POST
@role_required(*EMPLOYER_WORK)
def employer_validate(request: HttpRequest) -> HttpResponse:
    return field_validation(request, EmployerForm(request.POST))
