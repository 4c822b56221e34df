"""Learning from counselors: a phrase confirmed or corrected to an occupation is read as it from then
on (an exact hit, then one more name of it), a manager removes a wrong pair and it stops at once."""

import pytest
from django.urls import reverse

from iljari.accounts.models import User
from iljari.conftest import _staff
from iljari.discovery.services import VisitInput, vacancy_from_visit, visit_log
from iljari.matching.catalogue import guess_occupations, normalizer
from iljari.matching.models import OccupationCorrection, OccupationGuess
from iljari.matching.selectors import vacancies_for_seeker
from iljari.matching.services import MatchingError, correction_remove, record_correction
from iljari.reference.models import Occupation
from iljari.transfer.services import ImportRejected, import_file
from iljari.transfer.tests.sheets import SEEKER_HEADERS, seeker_row, write_xlsx
from iljari.vacancies.services import VacancyInput, vacancies_create

pytestmark = pytest.mark.usefixtures("matching")

PHRASE = "쇠 붙이는 일 아무거나"


@pytest.fixture
def head(db) -> User:
    return _staff("head", User.Role.MANAGER, None)


def _top(text: str) -> tuple[int, float]:
    return guess_occupations([text])[text][0]


def test_a_counselor_corrects_a_seekers_words_on_their_page_and_the_normalizer_uses_it_until_removed(
    client, counselor, head, make_seeker, company
):
    welder = Occupation.objects.get(title="이산화탄소가스아크용접원")
    seeker = make_seeker(desired_job_text=PHRASE)
    vacancies_create(
        inputs=[
            VacancyInput(
                employer=company, title="CO2 용접", occupation=welder, wage_type="monthly", wage_amount=3_000_000
            )
        ],
        actor="t",
    )
    before = _top(PHRASE)
    assert before != (welder.pk, 1.0)
    client.force_login(counselor)
    url = reverse("matching:seeker_occupation", args=[seeker.pk])
    unknown = client.post(url, {"title": "쇠붙이 전문가"}, HTTP_HX_REQUEST="true")
    body = unknown.content.decode()
    assert unknown.status_code == 400 and "직업사전에서 ‘쇠붙이 전문가’을(를) 찾지 못했습니다" in body
    assert 'value="쇠붙이 전문가"' in body and not OccupationCorrection.objects.exists()  # kept, nothing stored

    panel = client.post(url, {"title": welder.title}, HTTP_HX_REQUEST="true")
    assert panel.status_code == 200 and "확인됨" in panel.content.decode()
    pair = OccupationCorrection.objects.get()
    assert (pair.phrase, pair.occupation, pair.source, pair.recorded_by) == (PHRASE, welder, "seeker", counselor)
    assert pair.guessed_id == before[0] and pair.corrected and pair.language == "ko"
    assert _top(PHRASE) == (welder.pk, 1.0)
    assert _top("쇠붙이는 일  아무거나") == (welder.pk, 1.0)  # spacing does not matter
    assert [r.vacancy.occupation for r in vacancies_for_seeker(seeker=seeker).matches] == [welder]
    names = normalizer().retriever.names
    assert PHRASE in [names.texts[i] for i in range(len(names.texts)) if names.owner[i] == normalizer().row[welder.pk]]

    client.force_login(head)
    page = client.get(reverse("matching:corrections"), {"source": "seeker", "language": "ko"}).content.decode()
    assert PHRASE in page and welder.title in page and "정정" in page
    assert PHRASE not in client.get(reverse("matching:corrections"), {"source": "portal"}).content.decode()
    remove = reverse("matching:correction_remove", args=[pair.pk])
    client.post(remove, {"reason": ""})
    assert OccupationCorrection.objects.get().removed_at is None  # a removal needs its reason
    client.post(remove, {"reason": "용접이 아니라 철근 일이었습니다"})
    pair.refresh_from_db()
    assert pair.removed_by == head and pair.removed_reason == "용접이 아니라 철근 일이었습니다"
    assert not OccupationGuess.objects.filter(text=PHRASE).exists()
    assert _top(PHRASE) == before  # stopped at once, the extra name too
    assert PHRASE not in normalizer().retriever.names.texts
    removed = client.get(reverse("matching:corrections"), {"state": "removed"}).content.decode()
    assert "철근 일이었습니다" in removed and "head" in removed


def test_the_same_pair_confirmed_again_counts_and_a_title_is_not_a_correction(counselor):
    welder = Occupation.objects.get(title="이산화탄소가스아크용접원")
    first = record_correction(text="CO2 용접", occupation=welder, source="import", actor=counselor)
    again = record_correction(text="CO2  용접", occupation=welder, source="seeker", actor=counselor, guessed=welder)
    assert first.pk == again.pk and again.confirmations == 2 and not again.corrected
    assert record_correction(text=welder.title, occupation=welder, source="seeker", actor=counselor) is None
    with pytest.raises(MatchingError, match="알 수 없는 출처"):
        record_correction(text="용접 일", occupation=welder, source="guess", actor=counselor)
    correction_remove(correction_id=first.pk, actor=counselor, reason="중복")
    with pytest.raises(MatchingError, match="이미 삭제된"):
        correction_remove(correction_id=first.pk, actor=counselor, reason="중복")
    fresh = record_correction(text="CO2 용접", occupation=welder, source="seeker", actor=counselor)
    assert fresh.pk != first.pk and OccupationCorrection.objects.count() == 2  # the removed one stays as history


def test_a_field_note_whose_occupation_the_member_corrected_is_learned(counselor, company):
    visit, _ = visit_log(
        data=VisitInput(employer=company, staff=counselor, team="smart_hub", visited_on=company.created_at.date()),
        actor=counselor,
    )
    welder = Occupation.objects.get(title="이산화탄소가스아크용접원")
    vacancy_from_visit(
        visit=visit,
        data=VacancyInput(
            employer=company, title=welder.title, occupation=welder, wage_type="monthly", wage_amount=2_800_000
        ),
        actor=counselor,
        job_words="씨오투 작업",
        read_as="사출성형기조작원",
    )
    pair = OccupationCorrection.objects.get()
    assert (pair.phrase, pair.occupation, pair.source, pair.guessed.title) == (
        "씨오투 작업",
        welder,
        "field_note",
        "사출성형기조작원",
    )


def test_only_a_manager_sees_the_pairs(client, counselor):
    client.force_login(counselor)
    assert client.get(reverse("matching:corrections")).status_code == 403


def test_an_imported_sheet_that_names_the_occupation_of_its_words_teaches_the_pair(tmp_path, desk):
    headers = [*SEEKER_HEADERS, "희망직업(직업사전)"]
    rows = [
        [*seeker_row(1, 희망직종="CO2 용접 잘함"), "이산화탄소가스아크용접원"],
        [*seeker_row(2), ""],  # no confirmation: nothing learned from the title alone
    ]
    result = import_file(kind="seekers", path=write_xlsx(tmp_path / "s.xlsx", headers, rows), actor="tester", desk=desk)
    assert (result.created, result.errors) == (2, [])
    pair = OccupationCorrection.objects.get()
    assert (pair.phrase, pair.occupation.title, pair.source) == ("CO2 용접 잘함", "이산화탄소가스아크용접원", "import")
    assert _top("co2 용접잘함") == (pair.occupation_id, 1.0)

    wrong = [*seeker_row(3), "용접의 달인"]
    with pytest.raises(ImportRejected) as refused:
        import_file(kind="seekers", path=write_xlsx(tmp_path / "w.xlsx", headers, [wrong]), actor="tester", desk=desk)
    assert any("직업사전에서 찾을 수 없는 직업명" in str(e) for e in refused.value.result.errors)
    assert OccupationCorrection.objects.count() == 1
