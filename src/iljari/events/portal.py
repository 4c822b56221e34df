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
from iljari.events.forms import SelfRegistrationForm
from iljari.events.models import HiringEvent, Registration
from iljari.events.selectors import seeker_day
from iljari.events.services import registration_self
from iljari.events.tickets import qr_svg, ticket_code_from


@csrf_protect
def register(request: HttpRequest, code: str) -> HttpResponse:
    event = get_object_or_404(HiringEvent, public_code=code.upper())
    form = SelfRegistrationForm(request.POST or None)
    form.set_event(event)
    if request.method == "POST" and _too_many(request):
        form.is_valid()  # what was typed stays on the page, with any other mistakes shown
        form.add_error(None, TOO_MANY)
        return render(
            request, "events/self_register.html", {"event": event, "form": form, "walk_in": False}, status=429
        )
    if request.method == "POST" and form.is_valid():
        try:
            registration = registration_self(event=event, data=form.to_input())
        except IljariError as exc:
            form.add_error(exc.field, exc.message)
        else:
            return redirect("portal:ticket", ticket=registration.ticket)
    context = {"event": event, "form": form, "walk_in": False}
    return render(request, "events/self_register.html", context, status=400 if form.errors else 200)


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
@never_cache
def ticket(request: HttpRequest, ticket: str) -> HttpResponse:
    registration = _registration(ticket)
    context = {
        "registration": registration,
        "event": registration.event,
        "interviews": seeker_day(registration),
        "qr": qr_svg(_ticket_url(request, registration), scale=6, title="참가권 QR 코드"),
    }
    return render(request, "events/ticket.html", context)


@never_cache
@never_cache
def ticket_qr(request: HttpRequest, ticket: str) -> HttpResponse:
    registration = _registration(ticket)
    svg = qr_svg(_ticket_url(request, registration), scale=8, title="참가권 QR 코드")
    response = HttpResponse(f'<?xml version="1.0" encoding="utf-8"?>\n{svg}', content_type="image/svg+xml")
    response["Content-Disposition"] = f'inline; filename="ticket-{registration.ticket}.svg"'
    return response
