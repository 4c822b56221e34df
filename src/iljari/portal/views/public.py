"""Pages anyone may open: the start page, the language picker, the search, a vacancy, and signing in
with a phone and a one-time code."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from iljari.core.pages import client_address
from iljari.notify.models import OneTimeCode
from iljari.notify.services import CodeError, code_check, code_send
from iljari.portal.cards import vacancy_card
from iljari.portal.consents import BY_PURPOSE
from iljari.portal.errors import said
from iljari.portal.forms import CodeForm, PhoneForm, WelcomeForm
from iljari.portal.selectors import search_cards, vacancy_public
from iljari.portal.services import PortalError, SignUp, language_remember, seeker_for_phone, seeker_sign_up
from iljari.portal.session import current_employer, current_seeker, phone_proven, proven_phone, seeker_sign_in, sign_out
from iljari.privacy.models import Consent
from iljari.reference.models import Dong


def _next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse(default)


def entry(request: HttpRequest) -> HttpResponse:
    """The center's address for someone not signed in as staff: the portal, in the language they chose
    before (the cookie) or their browser's."""
    with translation.override(translation.get_language_from_request(request)):
        return redirect(reverse("public:home"))


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", {"section": "home"})


def language(request: HttpRequest) -> HttpResponse:
    """The picker: remember the language (in a cookie, and on the signed-in person's record) and show
    the same page in it."""
    code = request.GET.get("to", "")
    if code not in dict(settings.LANGUAGES):
        code = translation.get_language()
    with translation.override(code):
        target = _next(request, "public:home")
    language_remember(seeker=current_seeker(request), account=current_employer(request), language=code)
    response = redirect(target)
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, code, max_age=365 * 24 * 3600, samesite="Lax")
    return response


SEARCH_RATE = "60/m"


def search(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:200]
    dong = Dong.objects.filter(pk=request.GET.get("dong")).first() if request.GET.get("dong", "").isdigit() else None
    limited = is_ratelimited(request, group="portal-search", key="ip", rate=SEARCH_RATE, method="GET", increment=True)
    cards = [] if limited else search_cards(text=q, language=translation.get_language(), dong=dong, k=20)
    context = {
        "q": q,
        "dong": dong,
        "dongs": Dong.objects.order_by("name"),
        "cards": cards,
        "limited": limited,
        "section": "search",
    }
    return render(request, "portal/search.html", context, status=429 if limited else 200)


def vacancy(request: HttpRequest, pk: int) -> HttpResponse:
    found = vacancy_public(vacancy_id=pk)
    if found is None:
        raise Http404(_("모집이 끝났거나 없는 일자리입니다."))
    return render(request, "portal/vacancy.html", {"card": vacancy_card(found, details=True), "section": "search"})


SIGNIN_RATE = "20/10m"


def _code_step(
    request: HttpRequest, form: CodeForm, *, purpose: str, template: str, context: dict
) -> HttpResponse | str:
    """The two steps of a phone sign-in: send a code (or again), then check it; returns the proven
    phone, or the page to show."""
    resend = "resend" in request.POST
    if not form.is_valid():
        return render(request, template, {**context, "form": form, "step": "phone"}, status=400)
    phone = form.cleaned_data["phone"]
    if request.POST.get("step") != "code" or resend:
        if is_ratelimited(request, group="portal-signin", key="ip", rate=SIGNIN_RATE, method="POST", increment=True):
            form.add_error("phone", _("짧은 시간에 요청이 너무 많습니다. 몇 분 뒤에 다시 해 주십시오."))
            return render(request, template, {**context, "form": form, "step": "phone"}, status=429)
        try:
            code_send(
                phone=phone, purpose=purpose, address=client_address(request), language=translation.get_language()
            )
        except CodeError as exc:
            step = "code" if resend else "phone"
            form.add_error("otp" if resend else "phone", said(exc))
            return render(request, template, {**context, "form": form, "step": step}, status=429)
        return render(
            request,
            template,
            {**context, "form": CodeForm(initial={"phone": phone}), "step": "code", "masked": mask(phone)},
        )
    try:
        code_check(phone=phone, purpose=purpose, code=form.cleaned_data["otp"] or "")
    except CodeError as exc:
        form.add_error("otp", said(exc))
        return render(request, template, {**context, "form": form, "step": "code", "masked": mask(phone)}, status=400)
    return phone


def mask(phone: str) -> str:
    """010-****-5678: enough for the person to know which phone, not enough for a bystander."""
    return f"{phone[:4]}****{phone[-5:]}"


def signin(request: HttpRequest) -> HttpResponse:
    """A seeker signs in with their mobile number and a code sent to it; someone new goes on to 구직 신청."""
    context = {"next": _next(request, "public:me"), "section": "signin"}
    if request.method != "POST":
        return render(request, "portal/signin.html", {**context, "form": PhoneForm(), "step": "phone"})
    outcome = _code_step(
        request,
        CodeForm(request.POST),
        purpose=OneTimeCode.Purpose.PORTAL_SIGNIN,
        template="portal/signin.html",
        context=context,
    )
    if isinstance(outcome, HttpResponse):
        return outcome
    seeker = seeker_for_phone(outcome)
    if seeker is None:
        phone_proven(request, outcome)
        return redirect("public:welcome")
    seeker_sign_in(request, seeker)
    language_remember(seeker=seeker, account=None, language=translation.get_language())
    return redirect(context["next"])


def welcome(request: HttpRequest) -> HttpResponse:
    """구직 신청 for a phone just proven that the center does not know yet."""
    phone = proven_phone(request)
    if not phone:
        return redirect("public:signin")
    form = WelcomeForm(request.POST if request.method == "POST" else None)
    context = {"form": form, "consent": BY_PURPOSE[Consent.Purpose.EMPLOYMENT_SERVICES], "section": "signin"}
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            seeker = seeker_sign_up(
                data=SignUp(
                    phone=phone,
                    name=d["name"],
                    birth_date=d["birth_date"],
                    home_dong=d["home_dong"],
                    desired_job_text=d["desired_job_text"],
                    language=translation.get_language(),
                )
            )
        except PortalError as exc:
            form.add_error(None, said(exc))
        else:
            seeker_sign_in(request, seeker)
            return redirect("public:profile")
    return render(request, "portal/welcome.html", context, status=400 if form.errors else 200)


@require_POST
def signout(request: HttpRequest) -> HttpResponse:
    sign_out(request)
    return redirect("public:home")
