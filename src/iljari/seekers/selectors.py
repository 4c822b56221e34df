"""Reading seeker records: who may see whom, and an audit row for every person shown.

The rules, written once here:

- A counselor or a desk lead sees the seekers of their desk and of the desks granted to them; the
  center's manager sees every desk. Discovery teams, event staff and the system administrator see
  no seeker's record, and Django's superuser flag changes nothing here.
- **The event-day rule**: staff working a hiring event (the events app decides who works which:
  ``events.selectors.events_worked_by``) see the people registered for it, whatever their desk, but
  only as a masked name (홍*동) beside their ticket — never a phone, a birth date or an address —
  and every name shown is audited like any other read (``registrants_shown``).
- A function here that returns a person's data writes the audit row itself, lists and exports
  included. ``seekers_visible_to`` is the scope other selectors count and filter with; it shows
  no one by itself, and whatever they then show goes through ``seekers_listed``.
- Checking for a person already on file answers in the same words whatever the desk, without saying
  which desk, and is audited, so a number typed to learn whether someone is a client leaves a trace.
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404

from iljari.accounts.models import User
from iljari.accounts.selectors import staff_desks
from iljari.core.access import CASEWORK
from iljari.core.calendar import months_later
from iljari.privacy.audit import Action, Actor, AuditEntry, audit_record, audit_record_many, audited_in_chunks
from iljari.privacy.crypto import keyed_hash, normalize_for_lookup
from iljari.privacy.models import AuditEvent, Consent
from iljari.reference.selectors import current_city
from iljari.seekers.models import Seeker


def phone_hash(phone: str) -> str:
    """The keyed hash a phone is found by (its digits only), or "" for none."""
    return keyed_hash("phone", "".join(c for c in phone if c.isdigit())) if phone else ""


def identity_hash(name: str, birth_date: date) -> str:
    """The keyed hash a person is found by from their name and birth date."""
    return keyed_hash("identity", name, birth_date.isoformat())


def visible_desks(user: User | None) -> set[int] | None:
    """The desks whose seekers ``user`` may see; ``None`` means all of them.

    ``None`` as the user is the operator at the command line, trusted like a manager (the
    command still writes the audit rows).
    """
    if user is not None and user.role not in CASEWORK:
        return set()
    return staff_desks(user)


def seekers_visible_to(user: User | None) -> QuerySet[Seeker]:
    """The seekers ``user`` may see, for counting and filtering: their desks; every desk for managers.

    Erased seekers are statistics only and never listed.
    """
    qs = Seeker.objects.exclude(status=Seeker.Status.ERASED)
    desks = visible_desks(user)
    return qs if desks is None else qs.filter(desk_id__in=desks)


def seekers_listed(*, user: User | Actor, seekers: Iterable[Seeker], purpose: str) -> list[Seeker]:
    """Audit that ``user`` is shown these seekers, and return them: for selectors that show seekers
    found through ``seekers_visible_to`` (a vacancy's candidates, today's work, a referral list);
    someone who is not staff (a company on the portal) is named as a string."""
    seekers = list(seekers)
    audit_record_many(actor=user, entries=(AuditEntry(Action.LIST, "seeker", s.pk, purpose) for s in seekers))
    return seekers


@dataclass(frozen=True)
class SeekerFilters:
    """What a counselor types or picks above the seeker list."""

    q: str = ""  # name or phone, whole or part
    job: str = ""
    dong: int | None = None
    group: str = ""
    status: str = ""


def seeker_search(
    *, user: User, filters: SeekerFilters, purpose: str, page: int | str | None = 1, per_page: int = 30
) -> Page:
    """One page of the seekers ``user`` may see that match the filters, newest first; each seeker on
    the page is audited as listed.

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
    qs = qs.select_related("home_dong", "desk", "counselor").prefetch_related("target_groups")
    shown = Paginator(qs, per_page).get_page(page)
    seekers_listed(user=user, seekers=shown, purpose=purpose)
    return shown


def _partial_matches(qs: QuerySet[Seeker], q: str, digits: str) -> list[int]:
    needle = normalize_for_lookup(q)
    found = []
    for pk, name, phone in qs.values_list("pk", "name", "phone").iterator(chunk_size=2000):
        if (name and needle in normalize_for_lookup(name)) or (
            len(digits) >= 3 and digits == q.strip() and phone and digits in phone.replace("-", "")
        ):
            found.append(pk)
    return found


def seeker_read(*, user: User | None, seeker_id: int, purpose: str) -> Seeker:
    """One seeker for ``user`` (``None``: the operator at the command line), writing the audit row.

    Raises ``Seeker.DoesNotExist`` alike for no such seeker and for one of a desk the user may not
    see, so no one learns which numbers belong to someone.
    """
    seeker = (
        seekers_visible_to(user)
        .select_related("home_dong", "desk", "counselor", "visa_type")
        .prefetch_related("target_groups", "licences")
        .get(pk=seeker_id)
    )
    audit_record(actor=user, action=Action.READ, object_type="seeker", object_id=seeker.pk, purpose=purpose)
    return seeker


def seeker_or_404(*, user: User, seeker_id: int, purpose: str) -> Seeker:
    """The seeker a page or an API call asked for, audited; ``Http404`` alike for none and another desk's."""
    try:
        return seeker_read(user=user, seeker_id=seeker_id, purpose=purpose)
    except Seeker.DoesNotExist:
        raise Http404("구직자를 찾을 수 없습니다.") from None


def seekers_exported(*, user: User | None, actor: Actor, purpose: str = "자료 내보내기") -> Iterator[Seeker]:
    """Every seeker ``user`` may see, oldest first, for an export file: each chunk is audited before
    any of its seekers is handed out."""
    qs = (
        seekers_visible_to(user)
        .select_related("home_dong", "visa_type", "desk")
        .prefetch_related(
            "licences",
            "target_groups",
            "desired_occupations",
            Prefetch("consents", Consent.objects.filter(granted=True, withdrawn_at__isnull=True), "active_consents"),
        )
        .order_by("id")
    )
    return audited_in_chunks(
        qs.iterator(chunk_size=1000), actor=actor, entry=lambda s: AuditEntry(Action.EXPORT, "seeker", s.pk, purpose)
    )


def masked_name(name: str | None) -> str:
    """홍길동 → 홍*동, 김현 → 김*: enough to greet someone at a door, not enough to identify them."""
    if not name:
        return "-"
    name = name.strip()
    if len(name) <= 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def registrants_shown(*, user: Actor, seekers: Iterable[Seeker], purpose: str) -> dict[int, str]:
    """The event-day rule's read: the masked name of each registrant shown to the staff of the event
    (whose scope the events app has checked) or to the holder of their ticket, each audited as
    listed; by seeker id."""
    seekers = {s.pk: s for s in seekers}
    audit_record_many(
        actor=user,
        entries=(AuditEntry(Action.LIST, "seeker", pk, purpose, {"masked": True}) for pk in seekers),
    )
    return {pk: masked_name(s.name) for pk, s in seekers.items()}


@dataclass(frozen=True)
class OnFile:
    """A person already registered: how they were recognised and at which desk."""

    seeker_id: int
    desk_id: int
    by: str  # "휴대전화" or "성명·생년월일"


def duplicate_message(*, on_file: OnFile, user: User | None) -> str:
    """What a counselor is told about a person already on file: the record when it is theirs to see,
    otherwise only that another desk has them (never which one), and whom to ask."""
    desks = visible_desks(user)
    if desks is None or on_file.desk_id in desks:
        return f"이미 등록된 구직자입니다({on_file.by} 일치, 구직자 #{on_file.seeker_id})."
    return (
        f"다른 창구에 이미 등록된 분입니다({on_file.by} 일치). "
        "담당 창구를 옮기거나 함께 상담하려면 센터 관리자에게 요청해 주십시오."
    )


def seeker_on_file(
    *, user: User | None, name: str, birth_date: date | None, phone: str, purpose: str, other_than: int | None = None
) -> OnFile | None:
    """The person already registered with this phone, or this name and birth date, if any; finding one
    is audited as a read by ``user`` (it tells them the person is a client). ``other_than`` is the
    seeker being corrected, who does not count."""
    active = Seeker.objects.exclude(status=Seeker.Status.ERASED).exclude(pk=other_than)
    found = None
    if phone:
        found = active.filter(phone_hash=phone_hash(phone)).values_list("pk", "desk_id").first()
        by = "휴대전화"
    if found is None and birth_date:
        found = active.filter(identity_hash=identity_hash(name, birth_date)).values_list("pk", "desk_id").first()
        by = "성명·생년월일"
    if found is None:
        return None
    duplicates_checked(actor=user, seeker_ids=[found[0]], purpose=purpose)
    return OnFile(found[0], found[1], by)


def duplicates_checked(*, actor: Actor, seeker_ids: Iterable[int], purpose: str) -> None:
    """Audit that a duplicate check recognised these seekers (a form, or an import's rows)."""
    audit_record_many(actor=actor, entries=(AuditEntry(Action.READ, "seeker", pk, purpose) for pk in seeker_ids))


def seeker_readers(*, seeker: Seeker, limit: int = 50) -> QuerySet[AuditEvent]:
    """Who read or changed this seeker's record, most recent first (the columns the page shows)."""
    return (
        AuditEvent.objects.filter(object_type="seeker", object_id=str(seeker.pk))
        .only("at", "actor_name", "action", "purpose")
        .order_by("-id")[:limit]
    )


def seeker_lapses_on(*, seeker: Seeker) -> date | None:
    """The day this 구직 신청 lapses if nobody contacts the seeker before (only while 구직 중)."""
    if seeker.status != Seeker.Status.ACTIVE:
        return None
    return months_later(seeker.last_contact_on or seeker.registered_on, current_city().seeker_validity_months)


def seekers_lapsing(*, user: User, today: date, purpose: str, limit: int = 20) -> list[Seeker]:
    """구직 중 seekers ``user`` may see whose 구직 신청 lapses within the city's reminder period, soonest
    first, each with ``lapses_on`` (a contact such as a counseling note restarts the clock); audited as listed."""
    city = current_city()
    cutoff = months_later(today + timedelta(days=city.lapse_reminder_days), -city.seeker_validity_months)
    seekers = list(
        seekers_visible_to(user)
        .filter(status=Seeker.Status.ACTIVE, last_contact_on__lte=cutoff)
        .select_related("counselor")
        .order_by("last_contact_on", "pk")[:limit]
    )
    for s in seekers:
        s.lapses_on = months_later(s.last_contact_on, city.seeker_validity_months)
    return seekers_listed(user=user, seekers=seekers, purpose=purpose)
