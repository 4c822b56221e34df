"""Incidents and caseload balance on the manager's dashboard and in the center's monthly workbook,
with the small-numbers rule and no counselor named; a desk lead's dashboard and workbook have neither."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from iljari.conftest import _staff
from iljari.safety.models import Incident


@pytest.fixture
def incidents(counselor, make_seeker, desk):
    seeker = make_seeker()
    now = timezone.now()
    for n in range(6):
        Incident.objects.create(
            reporter=counselor,
            desk=desk,
            seeker=seeker,
            kind="verbal" if n < 5 else "threat",
            channel="desk",
            occurred_at=now,
            respond_by=now + timezone.timedelta(hours=24),
            what_happened="창구에서 욕설",
        )


def _month() -> str:
    return timezone.localdate().strftime("%Y-%m")


def test_the_manager_sees_the_months_incidents_on_the_dashboard_small_counts_hidden(client, manager, incidents):
    client.force_login(manager)
    page = client.get(reverse("reports:dashboard"), {"month": _month()}).content.decode()
    assert "직원 보호(악성 민원·담당 구직자 분포)" in page and f"{timezone.localdate():%Y-%m}-01 ~" in page
    assert "폭언: 5" in page  # five of a kind is shown
    assert "협박: 5건 미만" in page  # one is not: it could name the person
    assert "counselor1" not in page


def test_the_centers_workbook_has_the_safety_sheet_and_a_desks_has_not(client, manager, desk, incidents):
    client.force_login(manager)
    book = load_workbook(io.BytesIO(client.get(reverse("reports:xlsx"), {"month": _month()}).content))
    sheet = book["직원 보호"]
    rows = {r[0]: r[1] for r in sheet.iter_rows(min_row=3, values_only=True) if r and r[0]}
    assert rows["악성 민원 보고"] == 6 and rows["유형: 협박"] == "5건 미만"
    lead = _staff("lead9", "desk_lead", desk)
    client.force_login(lead)
    page = client.get(reverse("reports:dashboard"), {"month": _month()}).content.decode()
    assert "직원 보호(악성 민원" not in page
    book = load_workbook(io.BytesIO(client.get(reverse("reports:xlsx"), {"month": _month()}).content))
    assert "직원 보호" not in book.sheetnames
