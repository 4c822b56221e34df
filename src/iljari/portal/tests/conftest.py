"""Signing in to the portal the way a citizen does: a phone, the code the SMS backend received."""

import re
from datetime import time, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from iljari.accounts.models import Desk, User
from iljari.events.models import HiringEvent
from iljari.events.services import EventInput, event_create
from iljari.portal.models import PortalRequest


def sent_code(outbox) -> str:
    return re.search(r"(?<!\d)(\d{6})(?!\d)", outbox()[-1]["text"]).group(1)


@pytest.fixture
def sign_in(sms_outbox):
    """Sign ``client`` in on the seeker portal in ``language`` with ``phone``; returns the last response."""

    def go(client: Client, phone: str, language: str = "vi"):
        client.post(f"/{language}/signin/", {"phone": phone})
        return client.post(f"/{language}/signin/", {"phone": phone, "step": "code", "otp": sent_code(sms_outbox)})

    return go


@pytest.fixture
def waiting():
    def find(kind: str) -> PortalRequest:
        return PortalRequest.objects.get(kind=kind, status=PortalRequest.Status.OPEN)

    return find


@pytest.fixture
def make_event(db):
    """A hiring event ``days`` from today taking sign-ups, at the first desk, through the real service."""

    def make(days: int, name: str = "안산스마트허브 채용박람회", place: str = "안산 와~스타디움") -> HiringEvent:
        staff, _ = User.objects.get_or_create(username="events-staff", defaults={"role": User.Role.MANAGER})
        data = EventInput(
            name=name,
            kind="fair",
            date=timezone.localdate() + timedelta(days=days),
            place=place,
            starts_at=time(10),
            ends_at=time(16),
            desk=Desk.objects.order_by("pk").first(),
        )
        return event_create(data=data, actor=staff)

    return make


@pytest.fixture
def own_index(monkeypatch, tmp_path):
    """Matching indexes of this test's own: a saved index another test left in the shared var folder
    (for records that had the same ids) is never loaded in its place."""
    from iljari.matching import indexes

    monkeypatch.setattr(indexes, "index_folder", lambda: tmp_path / "index")
    indexes.forget_indexes()
    yield
    indexes.forget_indexes()
