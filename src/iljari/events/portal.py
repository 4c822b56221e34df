"""Public pages for seekers, no login: registering from a poster's QR code, and their ticket.

A ticket's code is its key (50 bits, random): the page shows the event, a masked name and the
seeker's interview times, nothing else about them.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

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
    if request.method == "POST" and form.is_valid():
        try:
            registration = registration_self(event=event, data=form.to_input())
        except IljariError as exc:
            form.add_error(exc.field, exc.message)
        else:
            return redirect("portal:ticket", ticket=registration.ticket)
    context = {"event": event, "form": form, "walk_in": False}
    return render(request, "events/self_register.html", context, status=400 if form.errors else 200)


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
    context = {
        "registration": registration,
        "event": registration.event,
        "interviews": seeker_day(registration),
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
