"""Recording consent (개인정보 수집·이용 동의): one row per purpose, audited like every write."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from iljari.privacy.audit import Action, Actor, audit_record
from iljari.privacy.crypto import PrivacyError
from iljari.privacy.models import Consent


def consent_rows(
    *, seeker: Any, purposes: Sequence[str], method: str, given_on: date | None, actor: Actor, version: str = ""
) -> list[Consent]:
    """Unsaved consent rows for one person (registration saves many people's at once); ``version``
    names the wording read, when it has one (the portal's)."""
    recorder = actor if isinstance(actor, AbstractBaseUser) else None
    now = timezone.now()
    return [
        Consent(
            seeker=seeker,
            purpose=purpose,
            granted=True,
            method=method,
            given_on=given_on,
            version=version,
            recorded_at=now,
            recorded_by=recorder,
        )
        for purpose in dict.fromkeys(purposes)
    ]


def consent_record(
    *, seeker: Any, purposes: Sequence[str], method: str, given_on: date, actor: Actor, version: str = ""
) -> list[Consent]:
    """Record the consent a person gave (on paper, by phone, online) for each of ``purposes``."""
    if not purposes:
        raise PrivacyError("동의한 목적을 하나 이상 골라 주십시오.", field="purposes")
    if given_on > timezone.localdate():
        raise PrivacyError("동의일은 오늘 이후일 수 없습니다.", field="given_on")
    with transaction.atomic():
        rows = Consent.objects.bulk_create(
            consent_rows(
                seeker=seeker, purposes=purposes, method=method, given_on=given_on, actor=actor, version=version
            )
        )
        audit_record(
            actor=actor,
            action=Action.CREATE,
            object_type="consent",
            object_id=seeker.pk,
            purpose="개인정보 동의 기록",
            detail={"purposes": list(dict.fromkeys(purposes)), "method": method, "given_on": given_on.isoformat()},
        )
    return rows


def consent_refuse(*, seeker: Any, purpose: str, method: str, actor: Actor, version: str = "") -> Consent:
    """The person refuses or withdraws consent for ``purpose``: what they gave is stamped withdrawn,
    and the refusal is kept as a row of its own, so the history of their answers stays whole."""
    now = timezone.now()
    with transaction.atomic():
        Consent.objects.filter(seeker=seeker, purpose=purpose, granted=True, withdrawn_at__isnull=True).update(
            withdrawn_at=now
        )
        row = Consent.objects.create(
            seeker=seeker,
            purpose=purpose,
            granted=False,
            method=method,
            given_on=timezone.localdate(),
            version=version,
            recorded_at=now,
            recorded_by=actor if isinstance(actor, AbstractBaseUser) else None,
        )
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            object_type="consent",
            object_id=seeker.pk,
            purpose="개인정보 동의 거부·철회",
            detail={"purpose": purpose, "method": method, "version": version},
        )
    return row
