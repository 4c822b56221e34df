"""Reading employers. A company's contact person (채용 담당자: name and phone) is personal data:
the selectors that hand it out write the audit row, as the seekers' selectors do."""

from collections.abc import Iterator

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from iljari.accounts.models import User
from iljari.employers.models import Employer
from iljari.employers.names import company_name_key
from iljari.employers.validators import normalize_business_number
from iljari.privacy.audit import Action, Actor, AuditEntry, audit_record, audited_in_chunks


def employer_search(*, q: str = "", dong: int | None = None) -> QuerySet[Employer]:
    """Employers by name (legal form ignored) or 사업자등록번호, with their open vacancies counted."""
    qs = Employer.objects.select_related("dong").annotate(
        open_vacancies=Count("vacancies", filter=Q(vacancies__status="open"))
    )
    if dong:
        qs = qs.filter(dong_id=dong)
    q = q.strip()
    if q:
        number = normalize_business_number(q)
        qs = (
            qs.filter(business_number=number)
            if len(number) == 10
            else qs.filter(name_key__contains=company_name_key(q))
        )
    return qs.order_by("name")


def _has_contact(employer: Employer) -> bool:
    return bool(employer.contact_name or employer.contact_phone)


def employer_or_404(*, user: User, employer_id: int, purpose: str) -> Employer:
    """One employer for its page, with its contact person; showing a contact person is audited."""
    employer = Employer.objects.select_related("dong").filter(pk=employer_id).first()
    if employer is None:
        raise Http404("구인업체를 찾을 수 없습니다.")
    if _has_contact(employer):
        audit_record(actor=user, action=Action.READ, object_type="employer", object_id=employer.pk, purpose=purpose)
    return employer


def employers_exported(*, actor: Actor, purpose: str = "자료 내보내기") -> Iterator[Employer]:
    """Every employer for an export file, oldest first; each chunk's contact persons are audited
    before any of its rows is handed out."""
    return audited_in_chunks(
        Employer.objects.select_related("dong").order_by("id").iterator(chunk_size=1000),
        actor=actor,
        entry=lambda e: AuditEntry(Action.EXPORT, "employer", e.pk, purpose) if _has_contact(e) else None,
    )
