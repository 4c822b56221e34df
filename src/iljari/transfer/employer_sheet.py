"""The employer (구인업체) sheet."""

from typing import Any

from iljari.core import cells
from iljari.core.cells import CellError
from iljari.employers.models import Employer
from iljari.employers.names import company_name_key
from iljari.employers.selectors import employers_exported
from iljari.employers.services import EmployerInput, employers_create
from iljari.employers.validators import (
    business_number_is_valid,
    format_business_number,
    normalize_business_number,
)
from iljari.privacy.audit import Actor
from iljari.transfer.lookups import ReferenceLookups
from iljari.transfer.sheets import Column, RowProblems, Sheet


def _business_number(value: Any) -> str:
    if not business_number_is_valid(cells.text(value)):
        raise CellError("사업자등록번호가 올바르지 않습니다(10자리, 검증번호 불일치).")
    return normalize_business_number(cells.text(value))


class EmployerSheet(ReferenceLookups, Sheet):
    kind = "employers"
    label = "구인업체"
    columns = [
        Column("사업장명", "name", required=True, example="(주)대한정밀", max_length=120),
        Column("사업자등록번호", "business_number", _business_number, example="123-45-67891"),
        Column("업종", "industry_name", example="금속가공제품 제조업", max_length=120),
        Column("업종코드", "industry_code", example="C259", max_length=40),
        Column("주소", "address", example="안산시 단원구 원시동 123"),
        Column("행정동", "dong", "parse_dong", example="초지동"),
        Column("근로자수", "employees", lambda v: cells.parse_int(v, maximum=100_000), example="45"),
        Column("스마트허브 입주", "in_smart_hub", cells.parse_bool, example="Y", note="Y 또는 N"),
        Column("채용담당자", "contact_name", example="김담당", max_length=60),
        Column("담당자 연락처", "contact_phone", cells.parse_phone, example="031-491-1234"),
    ]

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        rows = Employer.objects.values_list("business_number", "name_key", "dong_id")
        self._numbers = {n for n, _, _ in rows if n}
        self._names = {(k, d) for _, k, d in rows}

    def convert(self, values: dict[str, Any], problems: RowProblems) -> EmployerInput | None:
        if problems.has_errors:
            return None
        return EmployerInput(**{k: v for k, v in values.items() if v not in (None, "")})

    def duplicate_reason(self, item: EmployerInput) -> str | None:
        name_at = (company_name_key(item.name), item.dong.pk if item.dong else None)
        if item.business_number and item.business_number in self._numbers:
            return "같은 사업자등록번호의 구인업체가 이미 있습니다. 가져오지 않았습니다."
        if not item.business_number and item.dong and name_at in self._names:
            return "같은 행정동에 같은 이름의 구인업체가 이미 있습니다. 가져오지 않았습니다."
        if item.business_number:
            self._numbers.add(item.business_number)
        self._names.add(name_at)
        return None

    def save(self, items: list[EmployerInput], *, actor: Actor, source: str) -> list[int]:
        return [e.pk for e in employers_create(inputs=items, actor=actor, source=source)]

    def export(self, *, user: Any, actor: Actor) -> Any:
        for e in employers_exported(actor=actor):
            yield {
                "name": e.name,
                "business_number": format_business_number(e.business_number or ""),
                "industry_name": e.industry_name,
                "industry_code": e.industry_code,
                "address": e.address,
                "dong": e.dong.name if e.dong else "",
                "employees": e.employees,
                "in_smart_hub": "Y" if e.in_smart_hub else "N",
                "contact_name": e.contact_name or "",
                "contact_phone": e.contact_phone or "",
            }
