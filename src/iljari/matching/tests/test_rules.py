"""The engine's filters and scores, on plain records (no database)."""

import dataclasses

import numpy as np
import pytest

from iljari.matching.engine.candidates.texts import TextSpace
from iljari.matching.engine.columns import VisaRules
from iljari.matching.engine.matcher import SeekerIndex, VacancyIndex
from iljari.matching.engine.records import Occupation, SeekerRecord, VacancyRecord, VisaRule

CATALOGUE = [
    Occupation(0, "아크용접원", "8241", "용접원", "7421"),
    Occupation(1, "사출성형기조작원", "8522", "플라스틱제품 생산기계 조작원", "8221"),
    Occupation(2, "요양보호사", "5501", "요양 보호사 및 간병인", "4211"),
    Occupation(3, "수동포장원(일반)", "8900", "제조 단순 종사원", "9301"),
    Occupation(4, "레이저용접원", "8241", "용접원", "7421"),
]
VISAS = VisaRules(
    [
        VisaRule("E-9", "permitted_industries", ("7", "8", "9"), None, True),
        VisaRule("F-4", "no_simple_labour"),
        VisaRule("F-6", "unrestricted"),
        VisaRule("D-10", "part_time_limited", (), 20),
        VisaRule("G-1", "none"),
    ]
)
LICENCES = {1: "용접기능사", 2: "지게차운전기능사"}
MINIMUM = 10320.0
HOME = (37.3168, 126.8110)  # 와동


def vacancy(vid: int, occupation: int, **kw) -> VacancyRecord:
    base = dict(
        vacancy_id=vid,
        title=CATALOGUE[occupation].title,
        occupation=occupation,
        hourly_wage=12000.0,
        monthly_wage=2_508_000.0,
        weekly_hours=40,
        location=(37.3210, 126.8140),
        place="와동",
    )
    return VacancyRecord(**{**base, **kw})


def seeker(**kw) -> SeekerRecord:
    base = dict(
        seeker_id=1,
        occupations=[(0, 1.0)],
        licences=frozenset({1}),
        reservation_wage=2_300_000,
        home=HOME,
        home_place="와동",
    )
    return SeekerRecord(**{**base, **kw})


def ids(records: list[VacancyRecord], who: SeekerRecord) -> list[int]:
    index = VacancyIndex(CATALOGUE, VISAS, LICENCES, TextSpace(None))
    index.upsert(records)
    return [m.record_id for m in index.match(who, k=10, minimum_hourly=MINIMUM).matches]


def test_the_desired_occupation_nearby_ranks_first():
    records = [vacancy(1, 4, location=(37.36, 126.73), place="대부동"), vacancy(2, 0), vacancy(3, 1)]
    assert ids(records, seeker())[:2] == [2, 1]


@pytest.mark.parametrize(
    ("record", "who"),
    [
        (vacancy(1, 0, required_licences=(2,)), seeker()),  # licence missing
        (vacancy(1, 0, monthly_wage=2_200_000.0), seeker()),  # below reservation wage
        (vacancy(1, 0, hourly_wage=9_000.0), seeker(reservation_wage=None)),  # below minimum wage
        (vacancy(1, 0, shift="night"), seeker(shifts=1)),  # day shifts only
        (vacancy(1, 0, accessible=False), seeker(accessibility=frozenset({"wheelchair"}))),
        (vacancy(1, 0, korean_min=3), seeker(korean_level=1)),
        (vacancy(1, 0, weekly_hours=40), seeker(work_hours="part_time")),
        (vacancy(1, 0, is_open=False), seeker()),
    ],
)
def test_hard_requirements_filter(record, who):
    assert ids([record], who) == []
    assert ids(
        [
            dataclasses.replace(
                record,
                required_licences=(),
                monthly_wage=2_508_000.0,
                hourly_wage=12000.0,
                shift="day",
                accessible=True,
                korean_min=0,
                weekly_hours=20,
                is_open=True,
            )
        ],
        dataclasses.replace(who, work_hours="any"),
    ) == [1]


@pytest.mark.parametrize(
    ("visa", "record", "allowed"),
    [
        ("E-9", vacancy(1, 0, visa_codes=("E-9",)), True),
        ("E-9", vacancy(1, 0), False),  # the employer has no permit for E-9
        ("E-9", vacancy(1, 2, visa_codes=("E-9",)), False),  # care work is not an E-9 industry
        ("F-4", vacancy(1, 3), False),  # simple labour (KSCO 9) is closed to F-4
        ("F-4", vacancy(1, 0), True),
        ("F-6", vacancy(1, 3), True),
        ("D-10", vacancy(1, 0, weekly_hours=20, monthly_wage=1_254_000.0), True),
        ("D-10", vacancy(1, 0, weekly_hours=40), False),
        ("G-1", vacancy(1, 0), False),
    ],
)
def test_residence_status_rules(visa, record, allowed):
    rule = VISAS.rules[VISAS.index[visa]]
    who = seeker(visa=rule, reservation_wage=None, occupations=[(record.occupation, 1.0)])
    assert (ids([record], who) == [1]) is allowed


def test_reasons_name_what_fits_and_what_is_missing():
    index = VacancyIndex(CATALOGUE, VISAS, LICENCES, TextSpace(None))
    index.upsert([vacancy(1, 0, required_licences=(1,)), vacancy(2, 0, required_licences=(2,))])
    result = index.match(seeker(), k=5, minimum_hourly=MINIMUM)
    [match] = result.matches
    codes = {r.code: r.params for r in match.reasons}
    assert codes["occupation_match"] == {"title": "아크용접원"}
    assert codes["licence_required_held"] == {"name": "용접기능사"}
    assert codes["wage_vs_reservation"]["diff"] == 210_000
    assert codes["commute"]["from"] == "와동"
    [near] = result.near_misses
    assert near.record_id == 2 and near.missing[0].params == {"names": ["지게차운전기능사"]}


def test_a_vacancy_flooded_with_referrals_is_pushed_down():
    records = [vacancy(1, 0, open_referrals=12, openings=1), vacancy(2, 0, open_referrals=0)]
    assert ids(records, seeker()) == [2, 1]


def test_seeker_records_cannot_carry_age_sex_or_nationality():
    fields = {f.name for f in dataclasses.fields(SeekerRecord)}
    assert not fields & {"age", "birth_date", "birth_year", "sex", "gender", "nationality"}


def test_a_vacancy_finds_its_seekers_in_the_other_direction():
    index = SeekerIndex(CATALOGUE, VISAS, LICENCES, TextSpace(None))
    index.upsert(
        [seeker(seeker_id=1), seeker(seeker_id=2, occupations=[(2, 1.0)]), seeker(seeker_id=3, licences=frozenset())],
        active=[True, True, True],
    )
    result = index.match(vacancy(9, 0, required_licences=(1,)), k=5, minimum_hourly=MINIMUM)
    assert [m.record_id for m in result.matches] == [1]


def test_updates_are_folded_in_without_a_rebuild():
    index = VacancyIndex(CATALOGUE, VISAS, LICENCES, TextSpace(None))
    index.upsert([vacancy(1, 0, location=(37.36, 126.73))])
    index.upsert([vacancy(2, 0, location=HOME)])
    assert [m.record_id for m in index.match(seeker(), k=5, minimum_hourly=MINIMUM).matches] == [2, 1]
    index.upsert([vacancy(2, 0, is_open=False)])
    assert [m.record_id for m in index.match(seeker(), k=5, minimum_hourly=MINIMUM).matches] == [1]
    assert np.count_nonzero(index.columns["active"]) == 1


def test_batch_matching_agrees_with_one_by_one():
    index = VacancyIndex(CATALOGUE, VISAS, LICENCES, TextSpace(None))
    index.upsert(
        [
            vacancy(1, 0),
            vacancy(2, 0, location=(37.36, 126.73)),
            vacancy(3, 1),
            vacancy(4, 0, shift="night"),
            vacancy(5, 0, required_licences=(2,)),
        ]
    )
    people = [
        seeker(seeker_id=1),
        seeker(seeker_id=2, shifts=1),
        seeker(seeker_id=3, licences=frozenset({1, 2})),
        seeker(seeker_id=4, occupations=[(1, 1.0)]),
    ]
    batch = index.match_many(people, k=3, minimum_hourly=MINIMUM, vectors={})
    for person in people:
        single = index.match(person, k=3, minimum_hourly=MINIMUM, explain=False).matches
        assert batch[person.seeker_id] == [(m.record_id, pytest.approx(m.score)) for m in single]
