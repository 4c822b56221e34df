"""Employers and vacancies from sheets: 사업자번호 check digits, the minimum wage, links."""

from datetime import date

import pytest

from iljari.employers.models import Employer
from iljari.transfer.services import ImportRejected, export_file, import_file
from iljari.transfer.tests.sheets import write_xlsx
from iljari.vacancies.models import Vacancy

pytestmark = pytest.mark.postgres

EMPLOYER_HEADERS = ["사업장명", "사업자등록번호", "업종", "행정동", "근로자수", "스마트허브 입주", "담당자 연락처"]
VACANCY_HEADERS = [
    "사업자등록번호",
    "사업장명",
    "모집직종",
    "임금형태",
    "임금(원)",
    "근무시작",
    "근무종료",
    "근무형태",
    "고용형태",
    "모집인원",
    "필수자격증",
    "채용가능 체류자격",
    "복리후생",
    "접수일",
]


@pytest.fixture
def employers(tmp_path, db):
    rows = [
        ["(주)대한정밀", "220-81-62517", "금속가공", "초지동", 45, "Y", "031-491-1234"],
        ["행복마트", "104-81-53114", "소매업", "와동", 8, "N", "031-400-5678"],
    ]
    import_file(kind="employers", path=write_xlsx(tmp_path / "emp.xlsx", EMPLOYER_HEADERS, rows), actor="t")
    return {e.name: e for e in Employer.objects.all()}


def test_employers_are_imported_and_a_bad_check_digit_is_refused(tmp_path, employers):
    daehan = employers["(주)대한정밀"]
    assert (daehan.business_number, daehan.dong.name, daehan.in_smart_hub) == ("2208162517", "초지동", True)
    assert daehan.contact_phone == "031-491-1234"
    bad = [["세원테크", "220-81-62518", "", "초지동", "", "", ""]]
    with pytest.raises(ImportRejected) as rejected:
        import_file(kind="employers", path=write_xlsx(tmp_path / "bad.xlsx", EMPLOYER_HEADERS, bad), actor="t")
    assert "검증번호" in rejected.value.result.errors[0].reason


def test_the_same_company_typed_differently_is_a_duplicate(tmp_path, employers):
    rows = [["대한정밀 주식회사", "", "", "초지동", "", "", ""], ["새한기공", "", "", "초지동", "", "", ""]]
    result = import_file(kind="employers", path=write_xlsx(tmp_path / "e2.xlsx", EMPLOYER_HEADERS, rows), actor="t")
    assert result.created == 1 and [d.row for d in result.duplicates] == [2]


def test_vacancies_link_to_their_employer_and_parse_shifts_visas_and_benefits(tmp_path, employers):
    rows = [
        [
            "220-81-62517",
            "",
            "사출성형기조작원",
            "월급",
            "2,600,000",
            "08:30",
            "17:30",
            "2교대",
            "정규직",
            2,
            "",
            "E-9, H-2",
            "기숙사, 통근버스",
            "2026-11-02",
        ],
        [
            "",
            "행복마트",
            "편의점판매원",
            "시급",
            10500,
            "9시",
            "15:00",
            "주간",
            "시간제",
            1,
            "",
            "",
            "식사",
            "2026-11-03",
        ],
    ]
    result = import_file(kind="vacancies", path=write_xlsx(tmp_path / "v.xlsx", VACANCY_HEADERS, rows), actor="t")
    assert result.created == 2
    factory = Vacancy.objects.get(title="사출성형기조작원")
    assert factory.employer == employers["(주)대한정밀"] and factory.dong.name == "초지동"
    assert factory.occupation.title == "사출성형기조작원" and factory.shift == "two_shift"
    assert sorted(factory.visa_types.values_list("code", flat=True)) == ["E-9", "H-2"]
    assert factory.benefits == ["dormitory", "commuter_bus"] and factory.posted_on == date(2026, 11, 2)
    shop = Vacancy.objects.get(title="편의점판매원")
    assert (shop.wage_type, shop.hours_start.hour, shop.employment_type) == ("hourly", 9, "part_time")


def test_a_wage_below_the_minimum_wage_rejects_the_file(tmp_path, employers):
    rows = [
        ["220-81-62517", "", "포장원", "시급", 9500, "", "", "", "", 1, "", "", "", "2026-11-02"],
        ["220-81-62517", "", "포장원", "월급", "2,156,880", "", "", "", "", 1, "", "", "", "2026-11-02"],
    ]
    with pytest.raises(ImportRejected) as rejected:
        import_file(kind="vacancies", path=write_xlsx(tmp_path / "w.xlsx", VACANCY_HEADERS, rows), actor="t")
    [error] = rejected.value.result.errors
    assert error.row == 2 and "최저임금" in error.reason and "10,320" in error.reason
    assert Vacancy.objects.count() == 0


def test_an_unknown_employer_is_explained(tmp_path, employers):
    rows = [["", "없는회사", "포장원", "월급", 2500000, "", "", "", "", 1, "", "", "", ""]]
    with pytest.raises(ImportRejected) as rejected:
        import_file(kind="vacancies", path=write_xlsx(tmp_path / "u.xlsx", VACANCY_HEADERS, rows), actor="t")
    assert "구인업체를 먼저 등록" in rejected.value.result.errors[0].reason


def test_vacancy_export_round_trips(tmp_path, employers):
    rows = [
        [
            "220-81-62517",
            "",
            "사출성형기조작원",
            "월급",
            2600000,
            "08:30",
            "17:30",
            "2교대",
            "정규직",
            2,
            "지게차운전기능사",
            "E-9",
            "기숙사",
            "2026-11-02",
        ]
    ]
    import_file(kind="vacancies", path=write_xlsx(tmp_path / "v.xlsx", VACANCY_HEADERS, rows), actor="t")
    out = tmp_path / "vacancies.xlsx"
    assert export_file(kind="vacancies", path=out, user=None, actor="t") == 1
    import_file(kind="vacancies", path=out, actor="t")
    first, second = Vacancy.objects.order_by("id")
    for field in (
        "title",
        "wage_type",
        "wage_amount",
        "hours_start",
        "hours_end",
        "shift",
        "employment_type",
        "openings",
        "benefits",
        "posted_on",
        "employer_id",
        "dong_id",
    ):
        assert getattr(first, field) == getattr(second, field), field
    assert list(second.required_licences.values_list("name", flat=True)) == ["지게차운전기능사"]
