"""A company's pages: signing in by 사업자등록번호 and a code to the company's phone, joining as a
company new to the center, its vacancies, and posting one for a counselor to confirm."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited

from iljari.core.confirmation import ConfirmationNeeded
from iljari.core.errors import IljariError
from iljari.core.pages import client_address
from iljari.notify.models import OneTimeCode
from iljari.notify.services import CodeError, code_check, code_send
from iljari.portal.errors import said
from iljari.portal.forms import (
    BusinessNumberForm,
    CodeOnlyForm,
    CompanyCloseForm,
    CompanyForm,
    CompanyOutcomeForm,
    CompanyVacancyForm,
)
from iljari.portal.models import EmployerAccount
from iljari.portal.selectors import (
    candidate_seeker_id,
    company_vacancies,
    company_vacancy,
    vacancy_applicants,
    vacancy_candidates,
)
from iljari.portal.services import (
    CompanySignUp,
    PortalError,
    company_close_vacancy,
    company_for_number,
    company_phone,
    company_record_outcome,
    company_sign_in,
    company_sign_up,
    interview_ask,
    vacancy_draft,
)
from iljari.portal.session import employer_required, employer_sign_in
from iljari.portal.views.public import SIGNIN_RATE, mask
from iljari.portal.words import APPLICANT_STEPS
from iljari.referrals.models import Referral
from iljari.vacancies.models import Vacancy

PURPOSE = OneTimeCode.Purpose.EMPLOYER_SIGNIN


def _send(request: HttpRequest, phone: str) -> str:
    """Send a sign-in code to ``phone``; "" when sent, else what went wrong in the reader's language."""
    if is_ratelimited(request, group="portal-signin", key="ip", rate=SIGNIN_RATE, method="POST", increment=True):
        return _("짧은 시간에 요청이 너무 많습니다. 몇 분 뒤에 다시 해 주십시오.")
    try:
        code_send(phone=phone, purpose=PURPOSE, address=client_address(request), language=translation.get_language())
    except CodeError as exc:
        return said(exc)
    return ""


def signin(request: HttpRequest) -> HttpResponse:
    """사업자등록번호 first; a company on file gets a code on its phone, a new one goes on to join."""
    form = BusinessNumberForm(request.POST if request.method == "POST" else None)
    context = {"form": form, "section": "employer", "step": "number"}
    if request.method != "POST" or not form.is_valid():
        return render(request, "portal/employer_signin.html", context, status=400 if form.errors else 200)
    number = form.cleaned_data["business_number"]
    employer, account = company_for_number(number)
    if employer is None:
        request.session["portal_new_company"] = number
        return redirect("public:employer_join")
    phone = company_phone(employer, account)
    if not phone:
        form.add_error(None, _("등록된 휴대전화가 없습니다. 일자리센터로 전화해 주십시오."))
        return render(request, "portal/employer_signin.html", context, status=400)
    code_form = CodeOnlyForm(request.POST if request.POST.get("step") == "code" else None)
    context.update(step="code", code_form=code_form, masked=mask(phone))
    if request.POST.get("step") != "code" or "resend" in request.POST:
        problem = _send(request, phone)
        if problem:
            form.add_error(None, problem)
            return render(request, "portal/employer_signin.html", {**context, "step": "number"}, status=429)
        return render(request, "portal/employer_signin.html", context)
    if code_form.is_valid():
        try:
            code_check(phone=phone, purpose=PURPOSE, code=code_form.cleaned_data["otp"])
        except CodeError as exc:
            code_form.add_error("otp", said(exc))
        else:
            employer_sign_in(request, company_sign_in(employer=employer, phone=phone))
            return redirect("public:employer_home")
    return render(request, "portal/employer_signin.html", context, status=400)


def join(request: HttpRequest) -> HttpResponse:
    """A company new to the center: who it is, then the code sent to the phone it gave; it is on
    file at once, and a counselor confirms it before anything it posts is published."""
    initial = {"business_number": request.session.get("portal_new_company", "")}
    form = CompanyForm(request.POST if request.method == "POST" else None, initial=initial)
    context = {"form": form, "section": "employer", "step": "company"}
    if request.method != "POST" or not form.is_valid():
        return render(request, "portal/employer_join.html", context, status=400 if form.errors else 200)
    d = form.cleaned_data
    code_form = CodeOnlyForm(request.POST if request.POST.get("step") == "code" else None)
    context.update(step="code", code_form=code_form, masked=mask(d["phone"]))
    if request.POST.get("step") != "code" or "resend" in request.POST:
        problem = _send(request, d["phone"])
        if problem:
            form.add_error("phone", problem)
            return render(request, "portal/employer_join.html", {**context, "step": "company"}, status=429)
        return render(request, "portal/employer_join.html", context)
    if code_form.is_valid():
        try:
            code_check(phone=d["phone"], purpose=PURPOSE, code=code_form.cleaned_data["otp"])
            account = company_sign_up(
                data=CompanySignUp(
                    business_number=d["business_number"],
                    name=d["name"],
                    dong=d["dong"],
                    address="",
                    contact_name=d["contact_name"],
                    phone=d["phone"],
                    language=translation.get_language(),
                )
            )
        except IljariError as exc:
            code_form.add_error("otp" if isinstance(exc, CodeError) else None, said(exc))
        else:
            request.session.pop("portal_new_company", None)
            employer_sign_in(request, account)
            messages.success(request, _("가입을 신청했습니다. 상담사가 회사를 확인하면 문자로 알려 드립니다."))
            return redirect("public:employer_home")
    return render(request, "portal/employer_join.html", context, status=400)


@employer_required
def home(request: HttpRequest) -> HttpResponse:
    account = request.company
    context = {"account": account, "vacancies": company_vacancies(account=account), "section": "employer"}
    return render(request, "portal/employer_home.html", context)


@employer_required
def vacancy_new(request: HttpRequest) -> HttpResponse:
    """A company posts a vacancy: checked as typed (minimum wage, 성별·나이·국적 conditions), then saved
    as a draft for a counselor to confirm."""
    form = CompanyVacancyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            vacancy_draft(account=request.company, data=form.to_input(request.company.employer))
        except IljariError as exc:
            form.add_error("wage_amount" if exc.field == "wage_amount" else None, said(exc))
        else:
            messages.success(request, _("구인표를 보냈습니다. 상담사가 확인하면 게시되고 문자로 알려 드립니다."))
            return redirect("public:employer_home")
    return render(
        request,
        "portal/employer_vacancy.html",
        {"form": form, "section": "employer"},
        status=400 if form.errors else 200,
    )


def _own_vacancy(account: EmployerAccount, pk: int) -> Vacancy:
    vacancy = company_vacancy(account=account, vacancy_id=pk)
    if vacancy is None:
        raise Http404(_("없는 구인표입니다."))
    return vacancy


@employer_required
def vacancy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One of the company's vacancies: anonymous candidates who agreed to be shown (면접 요청), the
    people referred with their stage (면접 결과), and 마감."""
    account = request.company
    vacancy = _own_vacancy(account, pk)
    outcome_form, close_form, status = None, CompanyCloseForm(), 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "interview":
                seeker_id = candidate_seeker_id(token=request.POST.get("candidate", ""), vacancy_id=vacancy.pk)
                if seeker_id is None:
                    raise PortalError("", code="candidate_gone")
                interview_ask(account=account, vacancy=vacancy, seeker_id=seeker_id)
                messages.success(request, _("면접을 요청했습니다. 상담사가 구직자에게 알리고 연락드립니다."))
                return redirect("public:employer_vacancy", pk=vacancy.pk)
            if action == "outcome":
                referral = get_object_or_404(Referral, pk=request.POST.get("referral", 0), vacancy=vacancy)
                outcome_form = CompanyOutcomeForm(request.POST, auto_id=f"r{referral.pk}-%s")
                if outcome_form.is_valid():
                    d = outcome_form.cleaned_data
                    company_record_outcome(account=account, referral=referral, hired=d["hired"], reason=d["reason"])
                    messages.success(request, _("면접 결과를 기록했습니다."))
                    return redirect("public:employer_vacancy", pk=vacancy.pk)
            if action == "close":
                close_form = CompanyCloseForm(request.POST)
                if close_form.is_valid():
                    company_close_vacancy(account=account, vacancy=vacancy, reason=close_form.cleaned_data["reason"])
                    messages.success(request, _("구인표를 마감했습니다."))
                    return redirect("public:employer_vacancy", pk=vacancy.pk)
        except (IljariError, ConfirmationNeeded) as exc:
            messages.error(request, said(exc) if isinstance(exc, IljariError) else _("일자리센터로 전화해 주십시오."))
        status = 400
    applicants = vacancy_applicants(account=account, vacancy=vacancy)
    for a in applicants:  # one form each, ids of its own; the one just posted keeps what was chosen
        posted = outcome_form is not None and request.POST.get("referral") == str(a.referral.pk)
        a.form = outcome_form if posted else CompanyOutcomeForm(auto_id=f"r{a.referral.pk}-%s")
    context = {
        "account": account,
        "vacancy": vacancy,
        "candidates": vacancy_candidates(account=account, vacancy=vacancy),
        "applicants": applicants,
        "close_form": close_form,
        "steps": APPLICANT_STEPS,
        "section": "employer",
    }
    return render(request, "portal/employer_vacancy_detail.html", context, status=status)
