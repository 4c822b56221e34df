"""Reading seeker records, always through the access rule written once here."""

import re
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from iljari.accounts.models import User
from iljari.core.errors import IljariError
from iljari.privacy.audit import Action, AuditEntry, audit_record, audit_record_many
from iljari.privacy.crypto import keyed_hash, normalize_for_lookup
from iljari.privacy.models import AuditEvent
from iljari.seekers.models import Seeker
from iljari.seekers.services import phone_hash


def visible_desks(user: User | None) -> set[int] | None:
    """The desks whose seekers ``user`` may see; ``None`` means all of them.

    ``None`` as the user is the operator at the command line, trusted like a manager (the
    command still writes the audit rows).
    """
    if user is None or user.sees_all_seekers:
        return None
    if user.role in (User.Role.COUNSELOR, User.Role.DESK_LEAD):
        return {user.desk_id, *user.granted_desks.values_list("id", flat=True)} - {None}
    return set()


def seekers_visible_to(user: User | None) -> QuerySet[Seeker]:
    """The seekers ``user`` may see: their desk and granted desks; everything for managers.

    Erased seekers are statistics only and never listed.
    """
    qs = Seeker.objects.exclude(status=Seeker.Status.ERASED)
    desks = visible_desks(user)
    return qs if desks is None else qs.filter(desk_id__in=desks)


@dataclass(frozen=True)
class SeekerFilters:
    """What a counselor types or picks above the seeker list."""

    q: str = ""  # name or phone, whole or part
    job: str = ""
    dong: int | None = None
    group: str = ""
    status: str = ""


def seeker_search(*, user: User | None, filters: SeekerFilters) -> QuerySet[Seeker]:
    """Seekers ``user`` may see that match the filters, newest first.

    Names and phones are encrypted, so a whole phone or name is found through its keyed hash
    and a part of one by decrypting only the candidates this user may see (a desk's few
    thousand at most) — never the whole table.
    """
    qs = seekers_visible_to(user)
    if filters.job:
        qs = qs.filter(desired_job_text__icontains=filters.job)
    if filters.dong:
        qs = qs.filter(home_dong_id=filters.dong)
    if filters.group:
        qs = qs.filter(target_groups__code=filters.group)
    if filters.status:
        qs = qs.filter(status=filters.status)
    q = filters.q.strip()
    if q:
        digits = re.sub(r"\D", "", q)
        if len(digits) >= 10 and digits == re.sub(r"[\s-]", "", q):
            qs = qs.filter(phone_hash=phone_hash(digits))
        else:
            exact = qs.filter(name_hash=keyed_hash("name", q))
            qs = exact if exact.exists() else qs.filter(pk__in=_partial_matches(qs, q, digits))
    return qs.select_related("home_dong", "desk", "counselor").prefetch_related("target_groups")


def _partial_matches(qs: QuerySet[Seeker], q: str, digits: str) -> list[int]:
    needle = normalize_for_lookup(q)
    found = []
    for pk, name, phone in qs.values_list("pk", "name", "phone").iterator(chunk_size=2000):
        if (name and needle in normalize_for_lookup(name)) or (
            len(digits) >= 3 and digits == q.strip() and phone and digits in phone.replace("-", "")
        ):
            found.append(pk)
    return found


class SeekerNotVisible(IljariError):
    """The seeker exists but belongs to a desk this user may not see."""


def seeker_read(*, user: User, seeker_id: int, purpose: str) -> Seeker:
    """One seeker for ``user``, writing the audit row.

    Raises ``Seeker.DoesNotExist`` for no such seeker and ``SeekerNotVisible`` for one of
    another desk, so pages and the API answer 404 and 403 alike.
    """
    seeker = (
        seekers_visible_to(user)
        .select_related("home_dong", "desk", "counselor", "visa_type")
        .prefetch_related("target_groups", "licences", "desired_occupations")
        .filter(pk=seeker_id)
        .first()
    )
    if seeker is None:
        if Seeker.objects.exclude(status=Seeker.Status.ERASED).filter(pk=seeker_id).exists():
            raise SeekerNotVisible("다른 창구의 구직자입니다. 열람 권한이 없습니다.")
        raise Seeker.DoesNotExist
    audit_record(actor=user, action=Action.READ, object_type="seeker", object_id=seeker.pk, purpose=purpose)
    return seeker


def seeker_or_404(*, user: User, seeker_id: int, purpose: str) -> Seeker:
    """The seeker a page or an API call asked for, audited; ``Http404`` alike for no such seeker and
    for another desk's, so a counselor cannot learn which numbers belong to someone."""
    try:
        return seeker_read(user=user, seeker_id=seeker_id, purpose=purpose)
    except (Seeker.DoesNotExist, SeekerNotVisible):
        raise Http404("구직자를 찾을 수 없습니다.") from None


def seekers_listed(*, user: User, seekers: list[Seeker], purpose: str) -> None:
    """Audit that a list page showed these seekers' names to ``user``."""
    audit_record_many(actor=user, entries=(AuditEntry(Action.LIST, "seeker", s.pk, purpose) for s in seekers))


def seeker_readers(*, seeker: Seeker, limit: int = 50) -> QuerySet[AuditEvent]:
    """Who read or changed this seeker's record, most recent first."""
    return AuditEvent.objects.filter(object_type="seeker", object_id=str(seeker.pk)).order_by("-seq")[:limit]
