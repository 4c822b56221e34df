"""Signing in to the portal the way a citizen does: a phone, the code the SMS backend received."""

import re

import pytest
from django.test import Client

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
