"""Field notes into 구인표 drafts: the fields, the words they came from, nothing guessed, flags."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from iljari.discovery.evaluation import DEFAULT_SET, evaluate
from iljari.discovery.parsing import NoteParser
from iljari.discovery.vocabulary import build_vocabulary

HOLDOUT = DEFAULT_SET.with_name("field_notes_holdout.jsonl")


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


@pytest.mark.parametrize("path", [DEFAULT_SET, HOLDOUT])
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


def test_a_broken_labelled_set_is_refused_naming_its_line(db, tmp_path):
    from django.core.management.base import CommandError

    broken = tmp_path / "notes.jsonl"
    broken.write_text('{"note": "사출 2명", "n": 2}\n{"note": "포장", "n": }\n', encoding="utf-8")
    with pytest.raises(CommandError, match="2행: JSON 형식이 아닙니다"):
        call_command("discovery", "eval", str(broken), "--no-guess", stdout=StringIO())
    with pytest.raises(CommandError, match="파일을 읽을 수 없습니다"):
        call_command("discovery", "eval", str(tmp_path / "none.jsonl"), "--no-guess", stdout=StringIO())
