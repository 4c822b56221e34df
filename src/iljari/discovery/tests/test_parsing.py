"""Field notes into 구인표 drafts: the fields, the words they came from, nothing guessed, flags."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from iljari.discovery.evaluation import DEFAULT_SET, evaluate
from iljari.discovery.parsing import NoteParser
from iljari.discovery.vocabulary import build_vocabulary

HOLDOUT = DEFAULT_SET.with_name("field_notes_holdout.jsonl")
HOLDOUT2 = DEFAULT_SET.with_name("field_notes_holdout2.jsonl")


@pytest.fixture
def parser(db) -> NoteParser:
    return NoteParser(build_vocabulary(with_guesses=False))


def test_the_issue_note_becomes_a_full_draft_with_its_source_words(parser):
    draft = parser.parse("반월공단 ○○정밀 사출 2명 주간 8-17 월 230 기숙사O 외국인가능(E-9) 지게차 우대")
    assert draft.occupation["keco_code"] == "8522" and draft.occupation["title"] == "사출성형기조작원"
    assert draft.openings == 2
    assert draft.wage == {"type": "monthly", "amount": 2_300_000}
    assert draft.hours == {"start": "08:00", "end": "17:00"}
    assert draft.shift == "day"
    assert draft.benefits == ["dormitory"]
    assert draft.visa_types == ["E-9"]
    assert draft.licences == ["지게차운전기능사"]
    assert draft.dong is None  # 반월공단 is not the 반월동 administrative 동
    sources = {e.field: e.text.strip() for e in draft.evidence}
    assert sources["wage"] == "월 230" and sources["hours"] == "8-17" and sources["licences"] == "지게차"


def test_what_the_note_does_not_say_stays_empty(parser):
    draft = parser.parse("사무실 방문함. 담당자 부재. 명함 두고 옴. 다음 주 재방문 예정")
    assert draft.as_json() | {"evidence": []} == {
        "company": None,
        "occupation": None,
        "openings": None,
        "wage": None,
        "hours": None,
        "shift": None,
        "benefits": [],
        "visa_types": [],
        "licences": [],
        "dong": None,
        "flags": [],
        "wage_below_minimum": False,
        "evidence": [],
    }


def test_negated_benefits_and_visas_are_not_taken(parser):
    draft = parser.parse("용접 2명 월 350 기숙사X 식사O 통근버스 없음 E-9 불가 F-4 가능")
    assert draft.benefits == ["meals"] and draft.visa_types == ["F-4"]


@pytest.mark.parametrize(
    ("note", "kind", "law"),
    [
        ("포장 여자만 3명 시급 10320", "sex", "남녀고용평등"),
        ("사출 2명 40세 이하 월 250", "age", "연령차별금지"),
        ("생산직 한국인만 2명 시급 11000", "nationality", "근로기준법 제6조"),
    ],
)
def test_discriminatory_conditions_are_flagged_with_the_law_and_never_become_requirements(parser, note, kind, law):
    draft = parser.parse(note)
    assert [f.kind for f in draft.flags] == [kind] and law in draft.flags[0].law
    assert draft.openings in (2, 3)  # the count is still read; the condition is only flagged
    assert not draft.licences and not draft.visa_types


def test_a_wage_below_the_minimum_is_pointed_out(parser):
    assert parser.parse("포장 3명 시급 9000원").wage_below_minimum
    assert not parser.parse("포장 3명 시급 12000원").wage_below_minimum


def test_parse_command_prints_one_json_object(db):
    out = StringIO()
    call_command(
        "discovery", "parse", "요양보호사 2명 3교대 월 250만 요양보호사 자격증 필수", "--json", "--no-guess", stdout=out
    )
    data = json.loads(out.getvalue())
    assert data["occupation"]["keco_code"] == "5501" and data["shift"] == "three_shift"
    assert data["wage"] == {"type": "monthly", "amount": 2_500_000} and data["licences"] == ["요양보호사"]


@pytest.mark.parametrize("path", [DEFAULT_SET, HOLDOUT, HOLDOUT2])
def test_field_level_precision_and_recall_on_the_labelled_notes(parser, path):
    report = evaluate(parser, path)
    assert report.notes >= 40
    assert report.micro["precision"] >= 0.97 and report.micro["recall"] >= 0.95, report.micro
    for name in ("wage", "openings", "occupation", "flags"):
        assert report.fields[name]["precision"] >= 0.95, (name, report.fields[name])


@pytest.mark.parametrize(
    ("note", "wage"),
    [
        ("TIG welder 1 person, 15,000 won hourly, day shift", {"type": "hourly", "amount": 15_000}),
        ("Injection molding x2, 2.6M KRW monthly, dorm", {"type": "monthly", "amount": 2_600_000}),
        ("상하차 3명 하루 15만원 야간", {"type": "daily", "amount": 150_000}),
        ("포장 3명 하루 8시간 시급 10320", {"type": "hourly", "amount": 10_320}),
        ("welding 2명 day 8-17", None),  # a number before "day" without a currency is not a wage
    ],
)
def test_wages_written_amount_first_or_by_the_day(parser, note, wage):
    assert parser.parse(note).wage == wage


def test_keyboard_slips_are_read_and_the_evidence_quotes_the_note_as_written(parser):
    draft = parser.parse("용졉 2명 주갼 8-17 기숙샤 제공 포장 3멍")
    assert draft.occupation["keco_code"] == "8241" and draft.shift == "day" and draft.openings == 2
    assert draft.benefits == ["dormitory"]
    sources = {e.field: e.text for e in draft.evidence}
    assert sources["occupation"] == "용졉" and sources["shift"] == "주갼" and sources["benefits"] == "기숙샤"
    # A "slip" that is a word of its own is left alone: 야근 (overtime) is not 야간 (night shift).
    assert parser.parse("사출 2명 야근 있음").shift is None


def test_a_job_dictionary_name_is_read_and_an_unknown_word_still_is_not_guessed(parser):
    assert parser.parse("세차장 세차원 2명 일당 12만").occupation["title"] == "세차원"
    assert parser.parse("타일 3명 일당 25만").occupation["title"] == "타일공"  # the name's last syllable left off
    assert parser.parse("공장장 면담, 3명 필요").occupation is None  # the person met is not the job
    assert parser.parse("사장님 면담 시장 조사 후 연락").occupation is None


def test_the_work_is_read_before_the_workplace(parser):
    assert parser.parse("택배 분류 상하차 야간 5명").occupation["title"] == "화물취급원(일반)"
    assert parser.parse("택배 2명 1톤 차량").occupation["title"] == "택배원"


def test_counts_by_group_are_added_and_still_flagged(parser):
    draft = parser.parse("생산직 남 2명 여 1명 월 240")
    assert draft.openings == 3 and [f.kind for f in draft.flags] == ["sex", "sex"]
    assert parser.parse("사출 주간 3명 야간 2명 월 250").openings == 5
    assert parser.parse("사출 3명 남자 우대").openings == 3


def test_a_licence_asked_for_without_its_name_is_the_jobs_own(parser):
    draft = parser.parse("요양원 요양보호사 2명 주간 자격증 필수")
    assert draft.licences == ["요양보호사"] and draft.occupation["keco_code"] == "5501"
    assert parser.parse("청소 1명 자격증 필수").licences == []  # no licence word to attach it to
    assert parser.parse("지게차 자격증 우대 포장 2명").licences == ["지게차운전기능사"]


def test_care_centres_are_not_shifts_and_negotiable_wages_are_not_amounts(parser):
    assert parser.parse("주간보호센터 요양보호사 1명 08:00~17:00").shift is None
    assert parser.parse("시급 협의 사출 2명 주간 8-17").wage is None
    assert parser.parse("용접 인력 부족, 급여는 경력 따라 300~350").wage == {"type": "monthly", "amount": 3_000_000}


def test_a_broken_labelled_set_is_refused_naming_its_line(db, tmp_path):
    from django.core.management.base import CommandError

    broken = tmp_path / "notes.jsonl"
    broken.write_text('{"note": "사출 2명", "n": 2}\n{"note": "포장", "n": }\n', encoding="utf-8")
    with pytest.raises(CommandError, match="2행: JSON 형식이 아닙니다"):
        call_command("discovery", "eval", str(broken), "--no-guess", stdout=StringIO())
    with pytest.raises(CommandError, match="파일을 읽을 수 없습니다"):
        call_command("discovery", "eval", str(tmp_path / "none.jsonl"), "--no-guess", stdout=StringIO())
