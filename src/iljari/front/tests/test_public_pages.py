"""No page, API answer or message meant for the public names a staff member or shows their own number:
the public sees the center's name and public number instead (issue: kind to the staff)."""

from datetime import date, time

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from iljari.conftest import _staff
from iljari.events.services import EventInput, event_create, registration_create
from iljari.notify import texts
from iljari.reference.selectors import current_city


def _routes(resolver: URLResolver | None = None, namespace: str = "") -> list[tuple[str, URLPattern]]:
    resolver = resolver or get_resolver()
    found = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            found += _routes(pattern, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
        elif pattern.name:
            found.append((namespace + pattern.name, pattern))
    return found


def test_public_pages_and_messages_name_no_staff_member(db, desk, make_seeker):
    staff = _staff("kimcounsel", "counselor", desk)
    staff.first_name, staff.last_name, staff.work_phone = "김담당", "", "010-5858-1234"
    staff.save()
    lead = _staff("parklead", "desk_lead", desk)
    lead.first_name, lead.work_phone = "박책임", "010-5858-9999"
    lead.save()
    seeker = make_seeker(counselor=staff)
    event = event_create(
        data=EventInput(
            name="채용의 날",
            kind="weekly",
            date=date.today(),
            place="시청",
            starts_at=time(9),
            ends_at=time(12),
            desk=desk,
        ),
        actor=staff,
    )
    registration = registration_create(event=event, seeker=seeker, source="counselor", actor=staff)
    ids = {"code": event.public_code, "ticket": registration.ticket}
    anonymous, shown = Client(), []
    for name, pattern in _routes():
        if name.startswith(("admin:", "api:")) or not set(pattern.pattern.converters) <= set(ids):
            continue
        response = anonymous.get(reverse(name, kwargs={k: ids[k] for k in pattern.pattern.converters}))
        if response.status_code != 200:
            continue  # staff pages send the anonymous visitor to the login page
        shown.append(name)
        body = response.content.decode()
        for secret in ("김담당", "박책임", "kimcounsel", "parklead", "5858"):
            assert secret not in body, f"{name} shows {secret}"
    assert {"portal:register", "portal:ticket", "portal:ticket_qr", "login"} <= set(shown)
    ticket = anonymous.get(reverse("portal:ticket", args=[registration.ticket])).content.decode()
    assert current_city().center_name in ticket
    for language, text in texts.CODE.items():
        message = text.format(center=current_city().center_name_in(language), code="123456", minutes=5)
        assert "김담당" not in message and "5858" not in message
