"""Caseloads, incidents and measures, read through the rules written once here.

Incidents are sensitive: only the person who reported one, the lead of that desk and the managers may
read it, and every read is audited. Measures are for everyone who opens the record — the measure
only, never what happened.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from iljari.accounts.models import Desk, User
from iljari.core.calendar import moments
from iljari.employers.models import Employer
from iljari.events.models import Interview
from iljari.privacy.audit import Action, audit_record
from iljari.referrals.models import FollowUp, Referral
from iljari.safety.models import Incident, Measure
from iljari.seekers.models import Seeker
from iljari.seekers.selectors import visible_desks

SMALL = 5  # no figure about fewer people than this names a counselor


@dataclass(frozen=True)
class CounselorLoad:
    counselor: User
    active_seekers: int
    open_referrals: int
    follow_ups_due: int
    appointments: int


def _by_counselor(qs: QuerySet, field: str, counselors: list[int]) -> dict[int, int]:
    """How many rows of ``qs`` belong to each counselor: one GROUP BY pass over the rows.

    (A subquery per counselor would read the whole month's referrals once for every counselor.)
    """
    rows = qs.filter(**{f"{field}__in": counselors}).order_by().values_list(field).annotate(n=Count("pk"))
    return dict(rows.values_list(field, "n"))


def caseload(*, user: User | None, desk: Desk | None = None, today: date | None = None) -> list[CounselorLoad]:
    """Each counselor of the desks ``user`` may see (or of ``desk``): active seekers, open referrals,
    follow-ups due within a week and this week's interviews — a query a figure, each a single pass."""
    today = today or timezone.localdate()
    week_start = today - timedelta(days=today.weekday())
    since, until = moments(week_start, week_start + timedelta(days=6))
    counselors = User.objects.filter(role=User.Role.COUNSELOR, is_active=True).select_related("desk")
    desks = visible_desks(user)
    if desks is not None:
        counselors = counselors.filter(desk_id__in=desks)
    if desk is not None:
        counselors = counselors.filter(desk=desk)
    people = list(counselors.order_by("desk__name", "first_name", "username"))
    ids = [c.pk for c in people]
    active = _by_counselor(Seeker.objects.filter(status=Seeker.Status.ACTIVE), "counselor", ids)
    referrals = _by_counselor(
        Referral.objects.filter(status__in=(Referral.Status.REFERRED, Referral.Status.INTERVIEW)),
        "seeker__counselor",
        ids,
    )
    due = _by_counselor(
        FollowUp.objects.filter(done_on__isnull=True, due_on__lte=today + timedelta(days=7)),
        "placement__seeker__counselor",
        ids,
    )
    interviews = _by_counselor(
        Referral.objects.filter(interview_at__gte=since, interview_at__lt=until), "seeker__counselor", ids
    )
    at_events = _by_counselor(
        Interview.objects.filter(starts_at__gte=since, starts_at__lt=until).exclude(status=Interview.Status.CANCELLED),
        "registration__seeker__counselor",
        ids,
    )
    return [
        CounselorLoad(
            c,
            active.get(c.pk, 0),
            referrals.get(c.pk, 0),
            due.get(c.pk, 0),
            interviews.get(c.pk, 0) + at_events.get(c.pk, 0),
        )
        for c in people
    ]


@dataclass(frozen=True)
class Spread:
    counselors: int
    maximum: int
    median: float
    minimum: int


def spread(loads: list[CounselorLoad]) -> Spread:
    values = [load.active_seekers for load in loads] or [0]
    return Spread(len(loads), max(values), median(values), min(values))


def incidents_visible_to(user: User) -> QuerySet[Incident]:
    """The reporter's own; a desk lead's desk's; everything for managers. Nobody else reads any."""
    qs = Incident.objects.select_related("reporter", "desk", "seeker", "employer", "handed_to")
    if user.role == User.Role.MANAGER:
        return qs
    if user.role == User.Role.DESK_LEAD:
        return qs.filter(Q(desk_id=user.desk_id) | Q(reporter=user))
    return qs.filter(reporter=user)


def incident_read(*, user: User, incident_id: int, purpose: str = "악성 민원 열람") -> Incident | None:
    incident = incidents_visible_to(user).filter(pk=incident_id).first()
    if incident is not None:
        audit_record(actor=user, action=Action.READ, object_type="incident", object_id=incident.pk, purpose=purpose)
    return incident


def incidents_awaiting(*, user: User) -> list[Incident]:
    """For a desk lead or manager: reports with no response yet, the oldest deadline first."""
    if user.role not in (User.Role.DESK_LEAD, User.Role.MANAGER):
        return []
    return list(incidents_visible_to(user).filter(status=Incident.Status.REPORTED).order_by("respond_by")[:20])


def measures_active(*, seeker: Seeker | None = None, employer: Employer | None = None) -> list[Measure]:
    """The protective measures in force on a record, for every staff member who opens it."""
    if seeker is None and employer is None:
        return []
    where = Q(seeker=seeker) if seeker is not None else Q(employer=employer)
    return list(Measure.objects.filter(where, ended_at__isnull=True).order_by("kind"))


@dataclass(frozen=True)
class SafetyFigures:
    """What a manager sees: counts by kind, channel, desk and month, response times, measures in
    force, and caseload balance by desk — never a counselor's name."""

    total: int
    by_kind: list[tuple[str, int | None]]
    by_channel: list[tuple[str, int | None]]
    by_desk: list[tuple[str, int | None]]
    by_month: list[tuple[str, int]]
    median_response_hours: float | None
    overdue: int
    measures: list[tuple[str, int]]
    desks: list[tuple[str, Spread]]


def _small(n: int) -> int | None:
    return None if 0 < n < SMALL else n


def safety_figures(*, start: date, end: date) -> SafetyFigures:
    since, until = moments(start, end)
    incidents = Incident.objects.filter(occurred_at__gte=since, occurred_at__lt=until)
    kinds = dict(Incident.Kind.choices)
    channels = dict(Incident.Channel.choices)
    by_kind = [(kinds[k], _small(n)) for k, n in incidents.values_list("kind").annotate(n=Count("pk")).order_by("kind")]
    by_channel = [
        (channels[c], _small(n))
        for c, n in incidents.values_list("channel").annotate(n=Count("pk")).order_by("channel")
    ]
    by_desk = [
        (d, _small(n)) for d, n in incidents.values_list("desk__name").annotate(n=Count("pk")).order_by("desk__name")
    ]
    months: dict[str, int] = {}
    for at in incidents.values_list("occurred_at", flat=True):
        key = f"{timezone.localtime(at):%Y-%m}"
        months[key] = months.get(key, 0) + 1
    hours = [
        (r - s).total_seconds() / 3600
        for s, r in incidents.filter(responded_at__isnull=False).values_list("reported_at", "responded_at")
    ]
    overdue = incidents.filter(status=Incident.Status.REPORTED, respond_by__lt=timezone.now()).count()
    measure_kinds = dict(Measure.Kind.choices)
    measures = [
        (measure_kinds[k], n)
        for k, n in Measure.objects.filter(ended_at__isnull=True)
        .values_list("kind")
        .annotate(n=Count("pk"))
        .order_by("kind")
    ]
    loads = caseload(user=None)  # the whole center: aggregated by desk below, no names
    desks: dict[str, list[CounselorLoad]] = {}
    for load in loads:
        desks.setdefault(load.counselor.desk.name if load.counselor.desk else "-", []).append(load)
    return SafetyFigures(
        total=incidents.count(),
        by_kind=by_kind,
        by_channel=by_channel,
        by_desk=by_desk,
        by_month=sorted(months.items()),
        median_response_hours=round(median(hours), 1) if hours else None,
        overdue=overdue,
        measures=measures,
        desks=[(name, spread(rows)) for name, rows in sorted(desks.items())],
    )
