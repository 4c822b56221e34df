"""The vacancy (구인표) sheet, close to a 고용24 job-posting export."""

from typing import Any

from django.utils import timezone

from iljari.core import cells
from iljari.core.choices import EmploymentType, KoreanLevel, Shift, WageType
from iljari.employers.models import Employer
from iljari.employers.names import company_name_key
from iljari.employers.validators import format_business_number, normalize_business_number
from iljari.privacy.audit import Actor
from iljari.transfer.lookups import ReferenceLookups
from iljari.transfer.sheets import Column, RowProblems, Sheet
from iljari.vacancies.models import Vacancy
from iljari.vacancies.services import VacancyInput, vacancies_create, vacancies_expire, vacancy_wage_problem


def _labels(choices: type, extra: dict[str, str] | None = None) -> dict[str, str]:
    return {**{c.label: c.value for c in choices}, **(extra or {})}


_WAGE_TYPES = _labels(WageType, {"시간급": "hourly", "일당": "daily", "월": "monthly", "연": "annual"})
_SHIFTS = _labels(
    Shift,
    {"주간근무": "day", "야간근무": "night", "2조2교대": "two_shift", "3조3교대": "three_shift", "교대": "two_shift"},
)
_EMPLOYMENT = _labels(
    EmploymentType, {"파트타임": "part_time", "아르바이트": "part_time", "일용": "daily", "기간제": "contract"}
)
_BENEFITS = {
    "기숙사": "dormitory",
    "통근버스": "commuter_bus",
    "식사": "meals",
    "중식": "meals",
    "4대보험": "social_insurance",
    "퇴직금": "severance",
    "상여금": "bonus",
}
_BENEFIT_LABEL = {v: k for k, v in reversed(_BENEFITS.items())}


def _benefits(value: Any) -> list[str]:
    return [cells.parse_choice(item, _BENEFITS, "복리후생") for item in cells.split_list(value)]


class VacancySheet(ReferenceLookups, Sheet):
    kind = "vacancies"
    label = "구인표"
    columns = [
        Column(
            "사업자등록번호",
            "business_number",
            example="123-45-67891",
            note="사업자등록번호 또는 사업장명 중 하나는 필수(등록된 구인업체)",
        ),
        Column("사업장명", "employer_name", example="(주)대한정밀", max_length=120),
        Column("모집직종", "title", required=True, example="사출성형원", max_length=120),
        Column("직무내용", "duties", example="사출기 운전 및 제품 검사", max_length=2000),
        Column(
            "임금형태",
            "wage_type",
            lambda v: cells.parse_choice(v, _WAGE_TYPES, "임금형태"),
            required=True,
            example="월급",
            note="시급/일급/월급/연봉",
        ),
        Column("임금(원)", "wage_amount", cells.parse_won, required=True, example="2500000"),
        Column("근무시작", "hours_start", cells.parse_time, example="08:30"),
        Column("근무종료", "hours_end", cells.parse_time, example="17:30"),
        Column("주당근로시간", "weekly_hours", lambda v: cells.parse_int(v, minimum=1, maximum=68), example="40"),
        Column(
            "근무형태",
            "shift",
            lambda v: cells.parse_choice(v, _SHIFTS, "근무형태"),
            example="주간",
            note="주간/야간/2교대/3교대/주말",
        ),
        Column(
            "고용형태",
            "employment_type",
            lambda v: cells.parse_choice(v, _EMPLOYMENT, "고용형태"),
            example="정규직",
            note="정규직/계약직/시간제/일용직",
        ),
        Column("근무지 행정동", "dong", "parse_dong", example="초지동", note="비우면 업체 소재지"),
        Column("모집인원", "openings", lambda v: cells.parse_int(v, minimum=1, maximum=999), example="2"),
        Column("필수자격증", "required_licences", "parse_licences", example="지게차운전기능사"),
        Column("우대자격증", "preferred_licences", "parse_licences", example="용접기능사"),
        Column("한국어능력", "korean_level_min", cells.parse_korean_level, example="하", note="필요한 최소 수준"),
        Column("장애인 편의시설", "accessible_workplace", cells.parse_bool, example="N"),
        Column("채용가능 체류자격", "visa_types", "parse_visas", example="E-9, H-2, F-4", note="쉼표로 구분"),
        Column("복리후생", "benefits", _benefits, example="기숙사, 통근버스, 식사"),
        Column("접수일", "posted_on", cells.parse_date, example="2026-11-02"),
        Column("마감일", "closes_on", cells.parse_date, example="2026-12-31"),
    ]

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        employers = list(Employer.objects.select_related("dong"))
        self._by_number = {e.business_number: e for e in employers if e.business_number}
        by_name: dict[str, list[Employer]] = {}
        for e in employers:
            by_name.setdefault(e.name_key, []).append(e)
        self._by_name = by_name

    def _employer(self, values: dict[str, Any], problems: RowProblems) -> Employer | None:
        number = normalize_business_number(values.get("business_number") or "")
        name = values.get("employer_name") or ""
        if number:
            if number in self._by_number:
                return self._by_number[number]
            problems.error(
                "사업자등록번호",
                values["business_number"],
                "등록되지 않은 사업자등록번호입니다. 구인업체를 먼저 등록해 주십시오.",
            )
            return None
        candidates = self._by_name.get(company_name_key(name), []) if name else []
        if len(candidates) == 1:
            return candidates[0]
        if not name:
            problems.error("사업장명", "", "사업자등록번호 또는 사업장명을 입력해 주십시오.")
        elif candidates:
            problems.error("사업장명", name, "같은 이름의 업체가 여럿입니다. 사업자등록번호를 입력해 주십시오.")
        else:
            problems.error("사업장명", name, "등록되지 않은 구인업체입니다. 구인업체를 먼저 등록해 주십시오.")
        return None

    def convert(self, values: dict[str, Any], problems: RowProblems) -> VacancyInput | None:
        employer = self._employer(values, problems)
        if problems.has_errors:
            return None
        fields = {
            k: v for k, v in values.items() if v not in (None, "") and k not in ("business_number", "employer_name")
        }
        item = VacancyInput(
            employer=employer, occupation=self.occupation_for(values["title"]), source=Vacancy.Source.IMPORT, **fields
        )
        problem = vacancy_wage_problem(
            wage_type=item.wage_type,
            wage_amount=item.wage_amount,
            posted_on=item.posted_on,
            weekly_hours=item.weekly_hours,
            hours_start=item.hours_start,
            hours_end=item.hours_end,
        )
        if problem:
            problems.error("임금(원)", values["wage_amount"], problem)
            return None
        if item.visa_types and item.korean_level_min > KoreanLevel.INTERMEDIATE:
            problems.warn(
                "한국어능력",
                values.get("korean_level_min"),
                "외국인 채용 가능으로 표시했으나 한국어 '상' 이상을 요구합니다. 확인해 주십시오.",
            )
        if item.closes_on and item.closes_on < timezone.localdate():
            problems.warn(
                "마감일", values.get("closes_on"), "마감일이 지난 구인표입니다. '기간 만료' 상태로 등록합니다."
            )
        return item

    def save(self, items: list[VacancyInput], *, actor: Actor, source: str) -> list[int]:
        self.save_new_licences([lic for item in items for lic in (*item.required_licences, *item.preferred_licences)])
        created = vacancies_create(inputs=items, actor=actor, source=source)
        vacancies_expire(today=timezone.localdate(), actor=actor)  # those already past their 마감일, at once
        return [v.pk for v in created]

    def export(self, *, user: Any, actor: Actor) -> Any:
        qs = (
            Vacancy.objects.select_related("employer", "dong")
            .prefetch_related("required_licences", "preferred_licences", "visa_types")
            .order_by("id")
        )
        for v in qs.iterator(chunk_size=1000):
            yield {
                "business_number": format_business_number(v.employer.business_number or ""),
                "employer_name": v.employer.name,
                "title": v.title,
                "duties": v.duties,
                "wage_type": v.get_wage_type_display(),
                "wage_amount": v.wage_amount,
                "hours_start": v.hours_start.strftime("%H:%M") if v.hours_start else "",
                "hours_end": v.hours_end.strftime("%H:%M") if v.hours_end else "",
                "weekly_hours": v.weekly_hours,
                "shift": v.get_shift_display(),
                "employment_type": v.get_employment_type_display(),
                "dong": v.dong.name if v.dong else "",
                "openings": v.openings,
                "required_licences": ", ".join(x.name for x in v.required_licences.all()),
                "preferred_licences": ", ".join(x.name for x in v.preferred_licences.all()),
                "korean_level_min": cells.KOREAN_LEVEL_LABEL[v.korean_level_min],
                "accessible_workplace": "Y" if v.accessible_workplace else "N",
                "visa_types": ", ".join(x.code for x in v.visa_types.all()),
                "benefits": ", ".join(_BENEFIT_LABEL.get(b, b) for b in v.benefits),
                "posted_on": v.posted_on,
                "closes_on": v.closes_on,
            }
