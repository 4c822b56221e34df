"""Public pages for seekers, no login: registering from a poster's QR code, and their ticket.

A ticket's code is its key (50 bits, random): the page shows the event, a masked name and the
seeker's interview times, nothing else about them.
"""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django_ratelimit.core import is_ratelimited

from iljari.core.errors import IljariError
from iljari.core.pages import client_address
from iljari.events.forms import SelfRegistrationForm
from iljari.events.models import HiringEvent, Registration
from iljari.events.selectors import ticket_shown
from iljari.events.services import registration_self
from iljari.events.tickets import qr_svg, ticket_code_from
from iljari.notify.models import OneTimeCode
from iljari.notify.services import CodeError, code_check, code_send


@csrf_protect
def register(request: HttpRequest, code: str) -> HttpResponse:
    """The poster's sign-up in two steps: the form, then the one-time code sent to the phone typed.

    What was typed travels back with the code as hidden fields, so nothing about the person is
    stored before the phone is proven, and a mistake on either step loses nothing.
    """
    event = get_object_or_404(HiringEvent, public_code=code.upper())
    form = SelfRegistrationForm(request.POST or None)
    form.set_event(event)
    step = request.POST.get("step", "form") if request.method == "POST" else "form"
    asks_for_code = step == "form" or "resend" in request.POST
    if request.method == "POST" and asks_for_code and _too_many(request):
        form.is_valid()  # what was typed stays on the page, with any other mistakes shown
        form.add_error(None, TOO_MANY)
        return _form_page(request, event, form, status=429)
    if request.method != "POST" or step == "edit" or not form.is_valid():
        return _form_page(request, event, form, status=400 if form.errors and step != "edit" else 200)
    phone = form.cleaned_data["phone"]
    if asks_for_code:
        try:
            code_send(
                phone=phone,
                purpose=OneTimeCode.Purpose.EVENT_SIGNUP,
                address=client_address(request),
                language=request.LANGUAGE_CODE,
            )
        except CodeError as exc:
            if step == "form":
                form.add_error("phone", exc.message)
                return _form_page(request, event, form, status=429)
            return _code_page(request, event, form, error=exc.message, status=429)
        return _code_page(request, event, form)
    try:
        code_check(phone=phone, purpose=OneTimeCode.Purpose.EVENT_SIGNUP, code=request.POST.get("otp", ""))
        registration = registration_self(event=event, data=form.to_input(), phone_verified=True)
    except CodeError as exc:
        return _code_page(request, event, form, error=exc.message, status=400)
    except IljariError as exc:
        form.add_error(exc.field, exc.message)
        return _form_page(request, event, form, status=400)
    return redirect("portal:ticket", ticket=registration.ticket)


def _form_page(request: HttpRequest, event: HiringEvent, form: SelfRegistrationForm, *, status: int) -> HttpResponse:
    return render(request, "events/self_register.html", {"event": event, "form": form, "walk_in": False}, status=status)


def _code_page(
    request: HttpRequest, event: HiringEvent, form: SelfRegistrationForm, *, error: str = "", status: int = 200
) -> HttpResponse:
    phone = form.cleaned_data["phone"]
    context = {"event": event, "form": form, "error": error, "masked_phone": f"{phone[:4]}****{phone[-5:]}"}
    return render(request, "events/self_register_code.html", context, status=status)


TOO_MANY = (
    "짧은 시간에 같은 곳에서 신청이 너무 많이 들어왔습니다. 입력하신 내용은 그대로 있으니 "
    "몇 분 뒤에 다시 '신청하기'를 눌러 주십시오. 급하시면 일자리센터로 전화해 주십시오."
)


def _too_many(request: HttpRequest) -> bool:
    """A public form anyone can post: a burst from one address is slowed, not stored (a venue's Wi-Fi
    shares one address, so the limit is set for a queue of people, not for one)."""
    rate = settings.ILJARI_PUBLIC_REGISTER_RATE
    return is_ratelimited(request, group="portal-register", key="ip", rate=rate, method="POST", increment=True)


def _registration(ticket: str) -> Registration:
    code = ticket_code_from(ticket)
    registration = Registration.objects.select_related("event", "seeker").filter(ticket=code).first() if code else None
    if registration is None:
        raise Http404("참가권을 찾을 수 없습니다.")
    return registration


def _ticket_url(request: HttpRequest, registration: Registration) -> str:
    return request.build_absolute_uri(reverse("portal:ticket", args=[registration.ticket]))


@never_cache
def ticket(request: HttpRequest, ticket: str) -> HttpResponse:
    registration = _registration(ticket)
    user = request.user if request.user.is_authenticated else None
    context = {
        "registration": registration,
        "event": registration.event,
        "interviews": ticket_shown(user=user, registration=registration),
        "qr": qr_svg(_ticket_url(request, registration), scale=6, title="참가권 QR 코드"),
    }
    return render(request, "events/ticket.html", context)


@never_cache
def ticket_qr(request: HttpRequest, ticket: str) -> HttpResponse:
    registration = _registration(ticket)
    svg = qr_svg(_ticket_url(request, registration), scale=8, title="참가권 QR 코드")
    response = HttpResponse(f'<?xml version="1.0" encoding="utf-8"?>\n{svg}', content_type="image/svg+xml")
    response["Content-Disposition"] = f'inline; filename="ticket-{registration.ticket}.svg"'
    return response
