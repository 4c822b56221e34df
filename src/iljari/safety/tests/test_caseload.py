"""Caseloads stay even: new seekers go to the least-loaded counselor who speaks their language."""

import json
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from iljari.conftest import _staff
from iljari.safety.selectors import caseload, spread
from iljari.seekers.models import Seeker, SeekerReassignment
from iljari.seekers.services import SeekerError, seekers_reassign


@pytest.fixture
def team(desk, counselor):
    """Three counselors at one desk; one of them counsels in Vietnamese and Uzbek."""
    vi = _staff("counselor-vi", "counselor", desk)
    vi.languages = ["vi", "uz"]
    vi.save()
    return {"ko": counselor, "vi": vi, "third": _staff("counselor3", "counselor", desk)}


def test_new_seekers_are_spread_over_the_desk_and_go_to_someone_who_speaks_their_language(team, make_seeker):
    for _ in range(6):
        make_seeker()
    loads = {load.counselor.username: load.active_seekers for load in caseload(user=None)}
    assert max(loads.values()) - min(loads.values()) <= 1 and sum(loads.values()) == 6
    vietnamese = make_seeker(preferred_language="vi")
    assert vietnamese.counselor == team["vi"]
    nepali = make_seeker(preferred_language="ne")  # nobody speaks it: the least loaded of the desk
    assert nepali.counselor.languages == [] or nepali.counselor != team["vi"]


def test_the_caseload_counts_every_active_seeker_once_and_prints_json(team, make_seeker, capsys):
    for _ in range(4):
        make_seeker()
    Seeker.objects.filter(pk=make_seeker().pk).update(status=Seeker.Status.PLACED)  # not active: not counted
    call_command("caseload", "--desk", "와동", "--json")
    last = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert sum(c["active_seekers"] for c in last["counselors"]) == 4
    assert {c["counselor"] for c in last["counselors"]} == {"counselor1", "counselor-vi", "counselor3"}


def test_a_desk_lead_moves_seekers_with_a_reason_and_their_history_moves_with_them(team, make_seeker, desk, client):
    lead = _staff("lead1", "desk_lead", desk)
    people = [make_seeker(counselor=team["ko"]) for _ in range(3)]
    client.force_login(lead)
    page = client.get(reverse("safety:caseload"))
    assert page.status_code == 200 and "counselor-vi" in page.content.decode()
    refused = client.post(
        reverse("safety:caseload_counselor", args=[team["ko"].pk]),
        {"seeker": [people[0].pk], "to": team["vi"].pk, "reason": ""},
    )
    assert refused.status_code == 400 and Seeker.objects.get(pk=people[0].pk).counselor == team["ko"]
    moved = client.post(
        reverse("safety:caseload_counselor", args=[team["ko"].pk]),
        {"seeker": [people[0].pk, people[1].pk], "to": team["vi"].pk, "reason": "업무량 조정"},
    )
    assert moved.status_code == 302
    assert set(Seeker.objects.filter(counselor=team["vi"]).values_list("pk", flat=True)) >= {people[0].pk, people[1].pk}
    log = SeekerReassignment.objects.get(seeker=people[0])
    assert (log.from_counselor, log.to_counselor, log.reason, log.by) == (team["ko"], team["vi"], "업무량 조정", lead)


def test_moving_a_seeker_to_another_desks_counselor_needs_a_manager(team, make_seeker, other_desk, manager, desk):
    lead = _staff("lead1", "desk_lead", desk)
    elsewhere = _staff("far", "counselor", other_desk)
    seeker = make_seeker()
    with pytest.raises(SeekerError, match="센터 관리자만"):
        seekers_reassign(seekers=[seeker], to=elsewhere, actor=lead, reason="이사")
    assert Seeker.objects.get(pk=seeker.pk).desk == desk
    assert seekers_reassign(seekers=[seeker], to=elsewhere, actor=manager, reason="이사") == 1
    assert Seeker.objects.get(pk=seeker.pk).desk == other_desk


def test_a_month_of_suggested_assignment_evens_out_a_lopsided_desk(team, make_seeker):
    for _ in range(12):  # before: one counselor took everyone they registered
        make_seeker(counselor=team["ko"])
    before = spread(caseload(user=None))
    for n in range(24):  # a month of registrations with the suggestion
        make_seeker(registered_on=date(2026, 11, 1 + n % 28))
    after = spread(caseload(user=None))
    assert (before.maximum, before.minimum) == (12, 0)
    assert after.maximum - after.minimum <= 1


def test_the_caseload_counts_open_referrals_follow_ups_due_and_this_weeks_interviews(
    counselor, other_counselor, make_seeker, make_vacancy
):
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    from iljari.core.calendar import months_later
    from iljari.referrals.services import placement_record_direct, referral_create, referral_schedule_interview

    today = timezone.localdate()
    vacancy = make_vacancy()
    this_week, last_week = make_seeker(counselor=counselor), make_seeker(counselor=counselor)
    for seeker, day in ((this_week, today), (last_week, today - timedelta(days=7))):
        at = timezone.make_aware(datetime.combine(day, time(10)))
        referral = referral_create(seeker=seeker, vacancy=vacancy, counselor=counselor, at=at - timedelta(days=1))
        referral_schedule_interview(referral=referral, at=at, actor=counselor)
    placed = make_seeker(counselor=counselor)
    placement_record_direct(  # its 1-month follow-up falls due in 3 days; the 3- and 6-month ones later
        seeker=placed,
        employer_name="동네 식당",
        started_on=months_later(today + timedelta(days=3), -1),
        actor=counselor,
    )
    make_seeker(counselor=other_counselor)

    loads = {load.counselor.username: load for load in caseload(user=None, today=today)}
    mine = loads[counselor.username]
    assert (mine.open_referrals, mine.follow_ups_due, mine.appointments) == (2, 1, 1)
    theirs = loads[other_counselor.username]
    assert (theirs.active_seekers, theirs.open_referrals, theirs.follow_ups_due, theirs.appointments) == (1, 0, 0, 0)
