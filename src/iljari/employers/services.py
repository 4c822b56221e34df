"""Writing employer records."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from iljari.core.errors import IljariError
from iljari.employers.models import Employer
from iljari.employers.names import company_name_key
from iljari.employers.similar import similar_to
from iljari.employers.validators import normalize_business_number
from iljari.privacy.audit import Action, Actor, AuditEntry, audit_record_many
from iljari.privacy.history import changed_values, not_editable, record_for_update, record_revise
from iljari.reference.models import Dong


class EmployerError(IljariError):
    """An employer could not be registered or changed."""


@dataclass
class EmployerInput:
    name: str
    business_number: str = ""
    industry_code: str = ""
    industry_name: str = ""
    address: str = ""
    dong: Dong | None = None
    lat: float | None = None
    lon: float | None = None
    employees: int | None = None
    in_smart_hub: bool = False
    contact_name: str = ""
    contact_phone: str = ""
    is_demo: bool = False


@dataclass(frozen=True)
class PossibleDuplicate:
    """A company on file that this one may be; ``certain`` when the 사업자번호 is the same."""

    existing: Employer
    reason: str
    certain: bool


def employer_possible_duplicate(
    *, name: str, business_number: str, dong: Dong | None, address: str = ""
) -> PossibleDuplicate | None:
    """The company on file this one looks like: same 사업자번호, the same name in the same 동, or
    (from the field teams' experience) the same address or a near-identical name in the 동."""
    number = normalize_business_number(business_number)
    same_number = Employer.objects.filter(business_number=number).first() if number else None
    if same_number:
        return PossibleDuplicate(
            same_number, f"같은 사업자등록번호로 '{same_number.name}'이(가) 이미 등록되어 있습니다.", True
        )
    same_name = Employer.objects.filter(name_key=company_name_key(name), dong=dong).first() if dong else None
    if same_name:
        return PossibleDuplicate(same_name, f"{dong.name}에 같은 이름의 '{same_name.name}'이(가) 이미 있습니다.", False)
    similar = similar_to(name=name, address=address, dong_id=dong.pk if dong else None)
    if similar:
        return PossibleDuplicate(
            similar[0],
            f"'{similar[0].name}'과(와) 이름이나 주소가 거의 같습니다. 같은 업체인지 확인해 주십시오.",
            False,
        )
    return None


def _build(data: EmployerInput) -> Employer:
    lat, lon = data.lat, data.lon
    if lat is None and data.dong is not None:
        lat, lon = data.dong.lat, data.dong.lon
    return Employer(
        name=data.name,
        name_key=company_name_key(data.name),
        business_number=normalize_business_number(data.business_number) or None,
        industry_code=data.industry_code,
        industry_name=data.industry_name,
        address=data.address,
        dong=data.dong,
        lat=lat,
        lon=lon,
        employees=data.employees,
        in_smart_hub=data.in_smart_hub,
        contact_name=data.contact_name or None,
        contact_phone=data.contact_phone or None,
        is_demo=data.is_demo,
    )


def employers_create(*, inputs: Sequence[EmployerInput], actor: Actor, source: str = "form") -> list[Employer]:
    with transaction.atomic():
        employers = Employer.objects.bulk_create([_build(d) for d in inputs], batch_size=500)
        audit_record_many(
            actor=actor,
            entries=(
                AuditEntry(Action.CREATE, "employer", e.pk, "구인업체 등록", {"source": source}) for e in employers
            ),
        )
    return employers


EMPLOYER_EDITABLE = frozenset(
    {
        "name",
        "business_number",
        "industry_name",
        "address",
        "dong",
        "employees",
        "in_smart_hub",
        "contact_name",
        "contact_phone",
    }
)


def employer_update(*, employer: Employer, changes: Mapping[str, Any], actor: Actor, version: int) -> Employer:
    """Correct a company's record: only the fields in ``changes``, only if nobody saved it since
    ``version``. A 사업자등록번호 another company has is refused; a new 동 moves the map point to it."""
    unknown = set(changes) - EMPLOYER_EDITABLE
    if unknown:
        raise EmployerError(not_editable(Employer, unknown))
    changes = dict(changes)
    if "business_number" in changes:
        changes["business_number"] = normalize_business_number(changes["business_number"])
    with transaction.atomic():
        current = record_for_update(model=Employer, pk=employer.pk, version=version)
        values, _ = changed_values(record=current, changes=changes)
        number = values.get("business_number")
        if number and (taken := Employer.objects.filter(business_number=number).exclude(pk=current.pk).first()):
            raise EmployerError(
                f"같은 사업자등록번호로 '{taken.name}'이(가) 이미 등록되어 있습니다. 두 업체가 같다면 병합해 주십시오.",
                field="business_number",
            )
        if "name" in values:
            values["name_key"] = company_name_key(values["name"])
        if values.get("dong") is not None:
            values["lat"], values["lon"] = values["dong"].lat, values["dong"].lon
        record_revise(
            record=current, version=version, values=values, relations={}, actor=actor, purpose="구인업체 정보 수정"
        )
    return Employer.objects.select_related("dong").get(pk=employer.pk)
