"""A counselor gets vacancies that fit a seeker, with reasons, and seekers that fit a vacancy."""

import json
from datetime import date, time, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from iljari.core.lifecycles import transition
from iljari.employers.services import EmployerInput, employers_create
from iljari.matching.catalogue import guess_occupations, normalizer
from iljari.matching.indexes import MatchingIndexes, forget_indexes, index_folder, matching_indexes
from iljari.matching.records import seeker_records
from iljari.matching.selectors import seekers_for_vacancy, vacancies_for_seeker
from iljari.privacy.models import AuditEvent
from iljari.reference.models import Dong, Licence, Occupation
from iljari.referrals.services import referral_cancel, referral_create, referral_record_outcome
from iljari.seekers.services import seeker_change_status
from iljari.vacancies.lifecycle import VACANCY
from iljari.vacancies.models import Vacancy
from iljari.vacancies.services import VacancyInput, vacancies_create, vacancies_expire, vacancy_close

pytestmark = pytest.mark.usefixtures("matching")


def _vacancy(employer, title: str, *, dong: str = "초지동", licences=(), **kw) -> Vacancy:
    data = VacancyInput(
        employer=employer,
        title=title,
        occupation=Occupation.objects.filter(title=title).first(),
        wage_type="monthly",
        wage_amount=kw.pop("wage", 2_600_000),
        hours_start=time(8, 30),
        hours_end=time(17, 30),
        weekly_hours=40,
        dong=Dong.objects.get(name=dong),
        required_licences=[Licence.objects.get(name=n) for n in licences],
        posted_on=date(2026, 11, 2),
        **kw,
    )
    return vacancies_create(inputs=[data], actor="test")[0]


@pytest.fixture
def employer(db):
    return employers_create(
        inputs=[EmployerInput(name="(주)대한정밀", dong=Dong.objects.get(name="초지동"))], actor="test"
    )[0]


def test_a_welder_gets_welding_jobs_first_with_reasons(employer, make_seeker):
    welding = _vacancy(employer, "아크용접원", licences=["용접기능사"])
    _vacancy(employer, "사출성형기조작원")
    _vacancy(employer, "요양보호사", dong="와동")
    seeker = make_seeker(
        desired_job_text="용접 일", licences=[Licence.objects.get(name="용접기능사")], reservation_wage=2_400_000
    )

    result = vacancies_for_seeker(seeker=seeker)

    first = result.matches[0]
    assert first.vacancy == welding
    assert "용접기능사 보유 (필수)" in first.reasons
    assert any(r.startswith("집에서 약") and "(와동 → 초지동)" in r for r in first.reasons)
    assert "희망임금보다 월 20만원 높음" in first.reasons


def test_a_missing_required_licence_is_said_not_hidden(employer, make_seeker):
    _vacancy(employer, "아크용접원", licences=["용접기능사"])
    seeker = make_seeker(desired_job_text="아크용접원")
    result = vacancies_for_seeker(seeker=seeker)
    assert not result.matches
    assert result.near_misses[0].missing == ["필수 자격증 없음: 용접기능사"]


def test_ranking_ignores_age_sex_and_nationality(employer, make_seeker):
    for title, dong in [
        ("아크용접원", "초지동"),
        ("아크용접원", "대부동"),
        ("사출성형기조작원", "와동"),
        ("수동포장원(일반)", "원곡동"),
    ]:
        _vacancy(employer, title, dong=dong)
    common = {"desired_job_text": "용접", "reservation_wage": 2_300_000}
    young_man = make_seeker(sex="M", birth_date=date(2001, 5, 1), nationality="KR", **common)
    older_woman = make_seeker(sex="F", birth_date=date(1962, 9, 9), nationality="VN", **common)
    ranking = [
        [(r.vacancy.pk, r.score) for r in vacancies_for_seeker(seeker=s).matches] for s in (young_man, older_woman)
    ]
    assert ranking[0] == ranking[1] and len(ranking[0]) == 2  # the two welding jobs; packing is unrelated


def test_a_new_vacancy_is_recommended_without_a_rebuild_and_a_closed_one_is_not(employer, make_seeker):
    seeker = make_seeker(desired_job_text="아크용접원")
    assert vacancies_for_seeker(seeker=seeker).matches == []
    vacancy = _vacancy(employer, "아크용접원")
    assert [r.vacancy for r in vacancies_for_seeker(seeker=seeker).matches] == [vacancy]
    vacancy_close(vacancy_id=vacancy.pk, reason="cancelled", actor="test")
    assert vacancies_for_seeker(seeker=seeker).matches == []
    index = matching_indexes().vacancies  # the status change reached the live index, not only the filter
    assert not index.columns["active"][index.columns.row_of[vacancy.pk]]


def test_match_never_returns_a_closed_vacancy_or_one_past_its_date(employer, make_seeker, capsys):
    today = timezone.localdate()
    open_one = _vacancy(employer, "아크용접원", closes_on=today)
    missed_night = _vacancy(employer, "아크용접원", closes_on=today + timedelta(days=5))
    expired = _vacancy(employer, "아크용접원", closes_on=today + timedelta(days=5))
    filled = _vacancy(employer, "아크용접원")
    seeker = make_seeker(desired_job_text="아크용접원")
    assert len(vacancies_for_seeker(seeker=seeker).matches) == 4  # all four in the index, open
    # Their 마감일 passes; the nightly job has run for one of them only (a missed night for the other).
    Vacancy.objects.filter(pk__in=[missed_night.pk, expired.pk]).update(closes_on=today - timedelta(days=1))
    transition(lifecycle=VACANCY, record_id=expired.pk, move="expire", actor="test")
    vacancy_close(vacancy_id=filled.pk, reason="filled", actor="test")

    call_command("match", "seeker", str(seeker.pk), "--json")
    payload = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert [m["vacancy_id"] for m in payload["matches"] + payload["near_misses"]] == [open_one.pk]
    vacancies_expire(today=today, actor="test")
    index = matching_indexes().vacancies
    assert not index.columns["active"][index.columns.row_of[missed_night.pk]]


def test_a_vacancy_cancelled_before_is_shown_with_that_history_and_a_refusal_is_left_out(
    employer, make_seeker, counselor, capsys
):
    cancelled_before = _vacancy(employer, "아크용접원")
    refused_before = _vacancy(employer, "아크용접원", dong="원곡동")
    seeker = make_seeker(desired_job_text="아크용접원")
    referral_cancel(
        referral=referral_create(seeker=seeker, vacancy=cancelled_before, counselor=counselor), actor=counselor
    )
    referral_record_outcome(
        referral=referral_create(seeker=seeker, vacancy=refused_before, counselor=counselor),
        hired=False,
        reason="qualification",
        actor=counselor,
    )
    month = timezone.localdate().strftime("%Y-%m")
    result = vacancies_for_seeker(seeker=seeker)
    assert [(r.vacancy, r.history) for r in result.matches] == [(cancelled_before, [f"{month} 알선 취소(구직자 포기)"])]
    assert [(x.vacancy, x.history) for x in result.left_out] == [(refused_before, [f"{month} 불채용(자격 미달)"])]
    call_command("match", "seeker", str(seeker.pk))
    out = capsys.readouterr().out
    assert f"이전 알선: {month} 알선 취소" in out and f"추천에서 뺌(이전 불채용): #{refused_before.pk}" in out


def test_a_vacancy_finds_only_seekers_who_are_looking(employer, make_seeker, counselor):
    vacancy = _vacancy(employer, "아크용접원")
    looking = make_seeker(desired_job_text="아크용접원")
    stopped = make_seeker(desired_job_text="아크용접원")
    seeker_change_status(seeker_id=stopped.pk, status="withdrawn", reason="own_request", actor=counselor)
    assert [r.seeker for r in seekers_for_vacancy(user=counselor, vacancy=vacancy, purpose="시험")] == [looking]


def test_saved_indexes_answer_like_fresh_ones(employer, make_seeker):
    _vacancy(employer, "아크용접원")
    _vacancy(employer, "사출성형기조작원", dong="원곡동")
    seeker = make_seeker(desired_job_text="용접")
    before = [(r.vacancy.pk, r.score) for r in vacancies_for_seeker(seeker=seeker).matches]
    matching_indexes().save()
    forget_indexes()
    restored = MatchingIndexes()
    assert restored.load()
    assert restored.vacancies.columns.size == 2
    assert [(r.vacancy.pk, r.score) for r in vacancies_for_seeker(seeker=seeker).matches] == before


def test_an_index_read_a_few_rows_at_a_time_is_the_one_read_at_once(employer, make_seeker):
    for title, dong in [
        ("아크용접원", "초지동"),
        ("사출성형기조작원", "원곡동"),
        ("요양보호사", "와동"),
        ("아크용접원", "와동"),
    ]:
        _vacancy(employer, title, dong=dong)
    seekers = [make_seeker(desired_job_text=t) for t in ("용접", "사출", "요양보호사", "용접 보조", "조립")]
    paged, whole = MatchingIndexes(), MatchingIndexes()
    paged.page = 2
    assert paged.sync() == whole.sync() == 9
    for a, b in [(paged.vacancies, whole.vacancies), (paged.seekers, whole.seekers)]:
        assert a.columns.ids[: a.columns.size].tolist() == b.columns.ids[: b.columns.size].tolist()
        for lists in ("by_occupation", "by_keco", "by_text"):
            assert getattr(a, lists)._rows.tolist() == getattr(b, lists)._rows.tolist()
            assert getattr(a, lists)._ptr.tolist() == getattr(b, lists)._ptr.tolist()
    minimum = whole.minimum_hourly
    records = seeker_records(seekers, whole.occupation_index, whole.visa_rules)
    found = [
        [(m.record_id, m.score) for m in i.vacancies.match(r, k=5, minimum_hourly=minimum).matches]
        for i in (paged, whole)
        for r in records
    ]
    assert found[: len(records)] == found[len(records) :] and sum(map(len, found)) > 0


def test_a_save_killed_half_way_leaves_the_previous_index_in_use(employer, make_seeker):
    _vacancy(employer, "아크용접원")
    matching_indexes().save()
    folder = index_folder()
    current = (folder / "current").read_text()
    half = folder / "g0-killed"  # what a save killed before its switch leaves behind: files, no pointer
    half.mkdir()
    (half / "vacancies.npz").write_bytes(b"")
    forget_indexes()
    assert MatchingIndexes().load() and (folder / "current").read_text() == current
    matching_indexes().save()
    assert not half.exists()  # the next save clears what the killed one left


def test_an_unreadable_saved_index_is_rebuilt_from_the_database_not_an_error(employer, make_seeker, client, counselor):
    vacancy = _vacancy(employer, "아크용접원")
    seeker = make_seeker(desired_job_text="아크용접원")
    matching_indexes().save()
    generation = index_folder() / (index_folder() / "current").read_text()
    (generation / "seekers.npz").write_bytes(b"")  # the old non-atomic save, killed: a 0-byte file
    forget_indexes()
    assert not MatchingIndexes().load()
    assert [r.vacancy for r in vacancies_for_seeker(seeker=seeker).matches] == [vacancy]
    client.force_login(counselor)
    assert client.get(f"/seekers/{seeker.pk}/recommendations/").status_code == 200


def test_a_vacancy_finds_only_seekers_the_counselor_may_see(employer, make_seeker, other_desk, counselor, manager):
    vacancy = _vacancy(employer, "아크용접원")
    mine = make_seeker(desired_job_text="아크용접원")
    theirs = make_seeker(desired_job_text="아크용접원", desk=other_desk)
    assert [r.seeker for r in seekers_for_vacancy(user=counselor, vacancy=vacancy, purpose="시험")] == [mine]
    assert {r.seeker for r in seekers_for_vacancy(user=manager, vacancy=vacancy, purpose="시험")} == {mine, theirs}
    # Each seeker returned was audited as listed, by the user it was returned to.
    listed = AuditEvent.objects.filter(action="list", object_type="seeker", purpose="시험")
    assert sorted(listed.values_list("actor_id", "object_id")) == sorted(
        [(counselor.pk, str(mine.pk)), (manager.pk, str(mine.pk)), (manager.pk, str(theirs.pk))]
    )


@pytest.mark.parametrize("text", ["용접하는 일", "焊工", "сварщик на заводе", "welding job"])
def test_a_job_named_in_another_language_finds_the_korean_occupation(text):
    top = normalizer().guess([text])[0]
    keco = set(Occupation.objects.filter(pk__in=[pk for pk, _ in top]).values_list("keco_code", flat=True))
    assert "8241" in keco


def test_guesses_are_cached_by_text():
    first = guess_occupations(["사출 일"])
    from iljari.matching.models import OccupationGuess

    assert OccupationGuess.objects.filter(text="사출 일").exists()
    assert guess_occupations(["사출 일"]) == first


def test_match_command_prints_json(employer, make_seeker, capsys):
    _vacancy(employer, "아크용접원")
    seeker = make_seeker(desired_job_text="아크용접원")
    call_command("match", "seeker", str(seeker.pk), "--json", "--top", "3")
    payload = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert payload["seeker"] == seeker.pk and payload["matches"][0]["title"] == "아크용접원"
    assert payload["matches"][0]["reasons"][0] == "희망직종 '아크용접원'과 일치"
