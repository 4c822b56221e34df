"""A hiring day from registration to results: pre-matching, the timetable, check-in, no-shows,
the repair on the day, booth results into referrals, and the event report."""

from datetime import date, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from iljari.events.models import Interview, Prematch, Registration
from iljari.events.prematching import PICK_BONUS, PICK_CAUTION, prematch
from iljari.events.report import event_report, event_xlsx
from iljari.events.results import interview_record
from iljari.events.scheduling import Schedule, check
from iljari.events.services import (
    EventError,
    SelfRegistration,
    check_in,
    registration_create,
    registration_mark_no_show,
    registration_self,
)
from iljari.events.timetable import _problem, schedule_build, schedule_repair
from iljari.privacy.models import Consent
from iljari.reference.models import Dong
from iljari.referrals.models import Referral
from iljari.seekers.models import Seeker

COUNSELOR = Registration.Source.COUNSELOR


@pytest.fixture
def registered(event, booths, make_seeker, counselor) -> dict[str, Registration]:
    people = {
        "welder": make_seeker(desired_job_text="용접 일"),
        "packer": make_seeker(desired_job_text="포장 작업"),
        "carer": make_seeker(desired_job_text="요양보호사"),
        "packer2": make_seeker(desired_job_text="포장원"),
    }
    picks = {"carer": [booths["포장원"]]}
    return {
        k: registration_create(event=event, seeker=s, source=COUNSELOR, actor=counselor, picks=picks.get(k, []))
        for k, s in people.items()
    }


def test_prematch_keeps_fitting_booths_with_reasons_and_the_seekers_own_picks(event, booths, registered):
    assert prematch(event=event) >= 4
    welder = Prematch.objects.get(registration=registered["welder"], booth=booths["아크용접원"])
    assert welder.vacancy.title == "아크용접원" and welder.score > 0.5
    assert any("아크용접원" in r or "용접" in r for r in welder.reasons)
    assert not Prematch.objects.filter(registration=registered["welder"], booth=booths["요양보호사"]).exists()
    carer = {p.booth_id: p for p in Prematch.objects.filter(registration=registered["carer"])}
    care, packing = carer[booths["요양보호사"].pk], carer[booths["포장원"].pk]
    assert not care.picked and care.value == pytest.approx(care.score)
    assert packing.picked and packing.cautions == [PICK_CAUTION] and packing.value > 0  # her choice, though unfit
    assert PICK_BONUS > 0


def test_timetable_gives_everyone_an_interview_and_keeps_the_rules(event, booths, registered, manager):
    summary = schedule_build(event=event, actor=manager, time_limit=5)
    assert summary["used"] in ("solver", "greedy") and summary["waiting"] == 0
    interviews = list(Interview.objects.filter(booth__event=event))
    assert {i.registration_id for i in interviews} == {r.pk for r in registered.values()}
    problem, _ = _problem(event, [], -1)
    assert check(problem, Schedule([(i.registration_id, i.booth_id, i.slot) for i in interviews], 0, 0, "")) == []
    assert all(i.starts_at == event.slot_start(i.slot) for i in interviews)
    assert timezone.localtime(event.slot_start(0)).time() == time(9) and event.slot_count == 9
    welder = [i for i in interviews if i.registration_id == registered["welder"].pk]
    assert [i.booth_id for i in welder] == [booths["아크용접원"].pk]


def test_check_in_reads_the_ticket_url_or_a_typed_code(event, registered, counselor):
    ticket = registered["welder"].ticket
    registration, again = check_in(event=event, text=f"http://127.0.0.1:8000/e/t/{ticket}/", actor=counselor)
    assert registration.checked_in_at is not None and not again
    _, again = check_in(event=event, text=f" {ticket[:4].lower()}-{ticket[4:]} ", actor=counselor)
    assert again
    with pytest.raises(EventError, match="찾을 수 없습니다"):
        check_in(event=event, text="ZZZZZZZZZZ", actor=counselor)


def test_no_show_frees_slots_and_repair_fills_them_without_moving_the_past(event, booths, registered, manager):
    schedule_build(event=event, actor=manager, time_limit=5)
    now = event.slot_start(2) + timedelta(minutes=5)
    before = {i.pk: (i.booth_id, i.slot) for i in Interview.objects.filter(booth__event=event)}
    packer = registered["packer"]
    still_to_come = Interview.objects.filter(registration=packer, starts_at__gt=now).count()
    assert registration_mark_no_show(registration=packer, actor=manager, now=now) == still_to_come
    assert set(Interview.objects.filter(registration=packer).values_list("status", flat=True)) <= {
        Interview.Status.CANCELLED,
        Interview.Status.NO_SHOW,
    }
    assert Registration.objects.get(pk=packer.pk).no_show
    walk_in = registration_self(
        event=event,
        data=SelfRegistration(
            name="김현장", birth_date=date(1990, 5, 5), phone="010-7777-1234", desired_job_text="포장"
        ),
        source=Registration.Source.WALK_IN,
    )
    assert walk_in.checked_in_at is not None  # a walk-in is at the door
    assert Prematch.objects.filter(registration=walk_in).exists()  # pre-matched as soon as registered

    summary = schedule_repair(event=event, actor=manager, now=now, time_limit=5)

    after = Interview.objects.filter(booth__event=event)
    for i in after.filter(pk__in=before):
        if i.registration_id != packer.pk:
            assert (i.booth_id, i.slot) == before[i.pk]  # nothing booked was moved
    new = after.exclude(pk__in=before)
    assert summary["added"] == new.count() >= 1
    assert all(i.slot > 2 for i in new)  # only slots still to come
    assert new.filter(registration=walk_in).exists()
    assert not after.filter(registration=packer, status=Interview.Status.SCHEDULED, starts_at__gt=now).exists()


def test_booth_results_become_referrals_placements_and_the_report(
    event, booths, registered, manager, counselor, tmp_path
):
    schedule_build(event=event, actor=manager, time_limit=5)
    by_person = {k: Interview.objects.filter(registration=r).order_by("slot").first() for k, r in registered.items()}
    passed = interview_record(interview=by_person["welder"], result="passed", actor=counselor)
    referral = passed.referral
    assert referral.status == Referral.Status.HIRED and referral.interview_at == passed.starts_at
    assert referral.placement.employer_name == "(주)대한정밀"
    assert Seeker.objects.get(pk=registered["welder"].seeker_id).status == Seeker.Status.PLACED

    with pytest.raises(EventError, match="불합격 사유"):
        interview_record(interview=by_person["packer"], result="failed", actor=counselor)
    failed = interview_record(interview=by_person["packer"], result="failed", reason="qualification", actor=counselor)
    assert failed.referral.status == Referral.Status.NOT_HIRED
    second = interview_record(interview=by_person["carer"], result="second", actor=counselor)
    assert second.referral.status == Referral.Status.INTERVIEW
    interview_record(interview=by_person["packer2"], result="no_show", actor=counselor)
    with pytest.raises(EventError, match="이미 결과"):
        interview_record(interview=by_person["welder"], result="failed", reason="other", actor=counselor)

    report = event_report(event)
    assert report.total["registrations"] == 4
    assert (report.total["held"], report.total["hired"], report.total["second"], report.total["failed"]) == (3, 1, 1, 1)
    welding = dict(report.booths)[f"{booths['아크용접원'].label} (주)대한정밀"]
    assert welding["hired"] == 1 and welding["openings"] == 2
    path = tmp_path / "event.xlsx"
    event_xlsx(report, path)
    book = load_workbook(path)
    assert book.sheetnames[:3] == ["요약", "부스별", "대상계층별"]
    summary = {row[0]: row[1] for row in book["요약"].iter_rows(min_row=5, values_only=True) if row[0]}
    assert summary["참여 신청"] == 4 and summary["채용(합격)"] == 1


def test_self_registration_matches_a_person_on_file_and_registers_someone_new(event, booths, make_seeker):
    known = make_seeker(name="이미등록", phone="010-2222-3333")
    again = registration_self(
        event=event,
        phone_verified=True,
        data=SelfRegistration(name="다른표기", birth_date=date(1970, 1, 1), phone="01022223333", share_profile=True),
    )
    assert again.seeker == known and again.source == Registration.Source.SELF
    assert known.consents.filter(purpose=Consent.Purpose.SHARE_WITH_EMPLOYERS, method="online").exists()
    # From the poster, a name and birth date alone never attach a sign-up to someone on file.
    namesake = make_seeker(name="동명이인", birth_date=date(1966, 6, 6), phone="010-2222-7777")
    other = registration_self(
        event=event,
        phone_verified=True,
        data=SelfRegistration(name="동명이인", birth_date=date(1966, 6, 6), phone="010-8888-1111"),
    )
    assert other.seeker != namesake and not namesake.event_registrations.exists()
    with pytest.raises(EventError, match="휴대전화 인증"):
        registration_self(
            event=event, data=SelfRegistration(name="미인증", birth_date=date(1990, 1, 1), phone="010-3333-1111")
        )
    count = Seeker.objects.count()
    new = registration_self(
        event=event,
        phone_verified=True,
        data=SelfRegistration(
            name="새신청",
            birth_date=date(2001, 3, 3),
            phone="010-4444-5555",
            desired_job_text="요양보호사",
            home_dong=Dong.objects.get(name="와동"),
            picks=[booths["요양보호사"]],
            available_from=time(10),
        ),
    )
    assert Seeker.objects.count() == count + 1
    assert new.seeker.desk == event.desk and new.seeker.phone == "010-4444-5555"
    assert new.seeker.consents.filter(purpose=Consent.Purpose.EMPLOYMENT_SERVICES, method="online").exists()
    assert list(new.picks.all()) == [booths["요양보호사"]]
    same = registration_self(
        event=event,
        phone_verified=True,
        data=SelfRegistration(name="새신청", birth_date=date(2001, 3, 3), phone="010-4444-5555"),
    )
    assert same.pk == new.pk  # the same person twice gets the same ticket, not a second one
    with pytest.raises(EventError, match="행사 시간"):
        registration_self(
            event=event,
            phone_verified=True,
            data=SelfRegistration(
                name="늦게", birth_date=date(1999, 1, 1), phone="010-9999-0000", available_from=time(13)
            ),
        )
    with pytest.raises(EventError, match="010-1234-5678 형식"):
        registration_self(
            event=event,
            phone_verified=True,
            data=SelfRegistration(name="번호오류", birth_date=date(1990, 1, 1), phone="031-12"),
        )
    event.registration_open = False
    with pytest.raises(EventError, match="마감"):
        registration_self(
            event=event,
            phone_verified=True,
            data=SelfRegistration(name="마감후", birth_date=date(1999, 1, 2), phone="010-9999-0001"),
        )


def test_a_burst_of_public_sign_ups_from_one_address_is_slowed_and_keeps_what_was_typed(event, client, settings):
    settings.ILJARI_PUBLIC_REGISTER_RATE = "2/m"
    url = f"/e/{event.public_code}/"

    def sign_up(n: int, address: str = "203.0.113.7"):
        data = {"name": f"신청{n}", "birth_date": f"1990-01-0{n}", "phone": f"010-5555-000{n}", "consent": "on"}
        return client.post(url, data, REMOTE_ADDR=address)

    assert [sign_up(1).status_code, sign_up(2).status_code] == [200, 200]  # each is asked for its code
    refused = sign_up(3)
    assert refused.status_code == 429 and not Registration.objects.filter(event=event).exists()
    page = refused.content.decode()
    assert "신청이 너무 많이 들어왔습니다" in page and 'value="신청3"' in page and 'value="010-5555-0003"' in page
    assert sign_up(4, address="198.51.100.4").status_code == 200  # another address is not held up


def test_a_ticket_page_is_never_stored_by_the_browser(client, registered):
    ticket = registered["welder"].ticket
    for url in (reverse("portal:ticket", args=[ticket]), reverse("portal:ticket_qr", args=[ticket])):
        assert "no-store" in client.get(url)["Cache-Control"]
