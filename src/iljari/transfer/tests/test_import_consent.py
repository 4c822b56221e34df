"""Imported seekers carry the consent their sheet records; one without it is 동의 미확인 and cannot be
referred until a counselor records the consent on the seeker's page."""

from datetime import date

import pytest
from django.urls import reverse

from iljari.privacy.models import Consent
from iljari.referrals.services import ReferralError, referral_create
from iljari.seekers.models import Seeker
from iljari.transfer.seeker_sheet import NO_CONSENT
from iljari.transfer.services import ImportRejected, import_file
from iljari.transfer.tests.sheets import SEEKER_HEADERS, seeker_row, write_xlsx

pytestmark = pytest.mark.postgres


def _import(tmp_path, rows, desk):
    return import_file(
        kind="seekers", path=write_xlsx(tmp_path / "c.xlsx", SEEKER_HEADERS, rows), actor="tester", desk=desk
    )


def test_the_consent_column_is_recorded_with_its_date_and_purposes(tmp_path, desk):
    row = seeker_row(1, **{"개인정보 동의일": "2026-03-02", "동의 목적": "상담·알선, 이력 제공, 문자"})
    _import(tmp_path, [row], desk)
    consents = Seeker.objects.get().consents.order_by("purpose")
    assert [(c.purpose, c.given_on, c.method) for c in consents] == [
        (Consent.Purpose.EMPLOYMENT_SERVICES, date(2026, 3, 2), Consent.Method.IMPORT),
        (Consent.Purpose.NOTIFICATIONS, date(2026, 3, 2), Consent.Method.IMPORT),
        (Consent.Purpose.SHARE_WITH_EMPLOYERS, date(2026, 3, 2), Consent.Method.IMPORT),
    ]


def test_a_row_without_consent_is_imported_unconfirmed_and_cannot_be_referred_until_consent_is_recorded(
    tmp_path, desk, counselor, client, make_vacancy
):
    result = _import(tmp_path, [seeker_row(1, **{"개인정보 동의일": "", "동의 목적": ""})], desk)
    assert [(w.row, w.column, w.reason) for w in result.warnings] == [(2, "개인정보 동의일", NO_CONSENT)]
    seeker = Seeker.objects.get()
    assert not seeker.consents.exists()
    vacancy = make_vacancy()
    with pytest.raises(ReferralError, match="동의 미확인"):
        referral_create(seeker=seeker, vacancy=vacancy, counselor=counselor)

    client.force_login(counselor)
    page = client.get(reverse("seekers:detail", args=[seeker.pk])).content.decode()
    assert "동의 미확인" in page and reverse("seekers:consent_new", args=[seeker.pk]) in page
    future = client.post(
        reverse("seekers:consent_new", args=[seeker.pk]),
        {"purposes": ["employment_services"], "given_on": "2999-01-01", "method": "paper"},
    )
    assert future.status_code == 400 and "오늘 이후일 수 없습니다" in future.content.decode()
    response = client.post(
        reverse("seekers:consent_new", args=[seeker.pk]),
        {"purposes": ["employment_services"], "given_on": "2026-10-01", "method": "paper"},
    )
    assert response.status_code == 302
    [consent] = seeker.consents.all()
    assert (consent.given_on, consent.method, consent.recorded_by) == (date(2026, 10, 1), "paper", counselor)
    assert referral_create(seeker=seeker, vacancy=vacancy, counselor=counselor).pk
    assert "동의 미확인" not in client.get(reverse("seekers:detail", args=[seeker.pk])).content.decode()


@pytest.mark.parametrize(
    ("given_on", "purposes", "column", "reason"),
    [
        ("2026-03-02", "", "동의 목적", "동의 목적도 입력해 주십시오"),
        ("", "취업지원 상담·알선", "개인정보 동의일", "동의서를 받은 날도"),
        ("2026-03-02", "마케팅", "동의 목적", "취업지원 상담·알선"),
        ("2999-01-01", "알선", "개인정보 동의일", "이전 날짜여야 합니다"),
    ],
)
def test_an_incomplete_consent_is_a_row_error(tmp_path, desk, given_on, purposes, column, reason):
    row = seeker_row(1, **{"개인정보 동의일": given_on, "동의 목적": purposes})
    with pytest.raises(ImportRejected) as rejected:
        _import(tmp_path, [row], desk)
    [error] = rejected.value.result.errors
    assert error.column == column and reason in error.reason
    assert not Seeker.objects.exists()
