"""Writing discovery records: visits, the 구인표 a field note becomes, and merging duplicate companies."""

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction

from iljari.accounts.models import User
from iljari.core.acting import acting_as
from iljari.core.errors import IljariError
from iljari.core.versions import data_changed
from iljari.discovery.models import Visit
from iljari.employers.models import Employer
from iljari.matching.models import OccupationCorrection
from iljari.matching.services import record_correction
from iljari.privacy.audit import Action, Actor, audit_record
from iljari.reference.models import Occupation
from iljari.vacancies.models import Vacancy
from iljari.vacancies.services import VacancyInput, vacancies_create


class DiscoveryError(IljariError):
    """A visit or a merge could not be recorded."""


@dataclass
class VisitInput:
    employer: Employer
    staff: User
    team: str
    visited_on: date
    note: str = ""
    met_person: str = ""
    hiring_plan: str = Visit.Plan.NONE
    follow_up_on: date | None = None
    client_key: str = ""
    is_demo: bool = False


def visit_log(*, data: VisitInput, actor: Actor) -> tuple[Visit, bool]:
    """Record a visit; the same ``client_key`` sent again returns the first record (created=False)."""
    if data.client_key:
        existing = Visit.objects.filter(client_key=data.client_key).first()
        if existing:
            return existing, False
    if data.follow_up_on and data.follow_up_on < data.visited_on:
        raise DiscoveryError("다음 연락일은 방문일 이후여야 합니다.", field="follow_up_on")
    try:
        return _visit_create(data, actor), True
    except IntegrityError:
        # The same phone sent the visit twice at once (a resend racing the first send).
        existing = Visit.objects.filter(client_key=data.client_key).first() if data.client_key else None
        if existing is None:
            raise
        return existing, False


def _visit_create(data: VisitInput, actor: Actor) -> Visit:
    with transaction.atomic():
        visit = Visit.objects.create(
            employer=data.employer,
            staff=data.staff,
            team=data.team,
            visited_on=data.visited_on,
            note=data.note,
            met_person=data.met_person or None,
            hiring_plan=data.hiring_plan,
            follow_up_on=data.follow_up_on,
            client_key=data.client_key or None,
            is_demo=data.is_demo,
        )
        audit_record(
            actor=actor, action=Action.CREATE, object_type="visit", object_id=visit.pk, purpose="업체 방문 기록"
        )
    return visit


def vacancy_from_visit(
    *, visit: Visit, data: VacancyInput, actor: Actor, job_words: str = "", read_as: str = ""
) -> Vacancy:
    """The confirmed draft becomes a 구인표 found in the field, linked to its visit.

    ``job_words`` are the note's words the draft read as the occupation titled ``read_as``: the
    occupation the member confirmed (or corrected it to) is kept for the normalizer.
    """
    if visit.vacancy_id:
        raise DiscoveryError("이 방문에서는 이미 구인표를 만들었습니다.")
    data.source = Vacancy.Source.DISCOVERY
    with transaction.atomic(), acting_as(actor=actor, purpose="발굴 구인표 작성"):
        vacancy = vacancies_create(inputs=[data], actor=actor, source="discovery")[0]
        visit.vacancy = vacancy
        visit.save(update_fields=["vacancy"])
        if job_words and vacancy.occupation_id:
            record_correction(
                text=job_words,
                occupation=vacancy.occupation,
                source=OccupationCorrection.Source.FIELD_NOTE,
                actor=actor,
                guessed=Occupation.objects.filter(title=read_as).first() if read_as else None,
            )
    return vacancy


def employers_merge(*, keep: Employer, duplicate: Employer, actor: Actor) -> dict[str, int]:
    """Move the duplicate's vacancies, visits and event booths to ``keep`` and remove it, audited.

    Fields the kept record lacks (사업자번호, address, size, contact) are taken from the duplicate.
    """
    if keep.pk == duplicate.pk:
        raise DiscoveryError("같은 업체끼리는 병합할 수 없습니다.")
    if keep.business_number and duplicate.business_number and keep.business_number != duplicate.business_number:
        raise DiscoveryError(
            "사업자등록번호가 서로 다른 업체는 병합할 수 없습니다. 지점·공장이 다른 별개 사업장인지 확인해 주십시오."
        )
    with transaction.atomic(), acting_as(actor=actor, purpose="중복 업체 병합"):
        moved = {
            "vacancies": duplicate.vacancies.update(employer=keep),
            "visits": duplicate.visits.update(employer=keep),
            "booths": duplicate.booths.update(employer=keep),
        }
        number = duplicate.business_number
        filled = [
            name
            for name in (
                "address",
                "industry_code",
                "industry_name",
                "employees",
                "contact_name",
                "contact_phone",
                "dong",
            )
            if not getattr(keep, name) and getattr(duplicate, name)
        ]
        for name in filled:
            setattr(keep, name, getattr(duplicate, name))
        detail = {"kept": keep.name, "removed": duplicate.name, "removed_id": duplicate.pk, **moved, "filled": filled}
        duplicate.delete()
        if not keep.business_number and number:
            keep.business_number = number
            filled.append("business_number")
        keep.save()
        data_changed()
        audit_record(
            actor=actor,
            action=Action.MERGE,
            object_type="employer",
            object_id=keep.pk,
            purpose="중복 업체 병합",
            detail=detail,
        )
    return moved
