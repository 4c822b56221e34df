"""Giving, refusing and withdrawing consent, one purpose at a time, and reading what is in force.

Every answer is a new row (who, when, how, which wording), so the history of what a person agreed to
stays whole; withdrawing stamps the rows it ends. The referral rules and the portal read the same
``consent_in_force``.
"""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from iljari.privacy.audit import Action, Actor, audit_record
from iljari.privacy.models import Consent


def consent_in_force(*, seeker_id: int, purposes: Iterable[str] = Consent.Purpose.values) -> dict[str, bool]:
    """For each purpose: whether the seeker's latest answer is a consent not withdrawn since."""
    latest: dict[str, Consent] = {}
    for row in Consent.objects.filter(seeker_id=seeker_id, purpose__in=list(purposes)).order_by("recorded_at", "pk"):
        latest[row.purpose] = row
    return {p: bool((c := latest.get(p)) and c.granted and c.withdrawn_at is None) for p in purposes}


def consented(*, purpose: str, seeker_ids: Iterable[int]) -> set[int]:
    """Which of these seekers' latest answer for ``purpose`` is a consent in force (one query)."""
    latest: dict[int, Consent] = {}
    for row in Consent.objects.filter(seeker_id__in=list(seeker_ids), purpose=purpose).order_by("recorded_at", "pk"):
        latest[row.seeker_id] = row
    return {pk for pk, c in latest.items() if c.granted and c.withdrawn_at is None}


def consent_record(
    *, seeker_id: int, purpose: str, granted: bool, method: str, actor: Actor, version: str = ""
) -> Consent:
    """Record an answer for one purpose; a refusal also withdraws what was given before."""
    if purpose not in Consent.Purpose.values:
        raise ValueError(purpose)
    now = timezone.now()
    with transaction.atomic():
        if not granted:
            Consent.objects.filter(
                seeker_id=seeker_id, purpose=purpose, granted=True, withdrawn_at__isnull=True
            ).update(withdrawn_at=now)
        consent = Consent.objects.create(
            seeker_id=seeker_id,
            purpose=purpose,
            granted=granted,
            method=method,
            recorded_at=now,
            version=version,
            recorded_by=None,
        )
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            object_type="seeker",
            object_id=seeker_id,
            purpose="개인정보 동의" if granted else "개인정보 동의 거부·철회",
            detail={"purpose": purpose, "version": version},
        )
    return consent
