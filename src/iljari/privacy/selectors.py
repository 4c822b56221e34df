"""Reading consent: whether a person's data may be used for a purpose now."""

from collections.abc import Sequence
from typing import Any

from iljari.privacy.models import Consent


def consent_given(*, seeker: Any, purpose: str = Consent.Purpose.EMPLOYMENT_SERVICES) -> bool:
    """A consent to ``purpose`` on record and not withdrawn (imported rows may have none: 동의 미확인)."""
    return seeker.consents.filter(purpose=purpose, granted=True, withdrawn_at__isnull=True).exists()


def consents_in_force(*, seeker: Any, purposes: Sequence[str] = Consent.Purpose.values) -> dict[str, bool]:
    """For each purpose, whether a consent is in force (the portal's consent page, in one query)."""
    given = set(
        seeker.consents.filter(purpose__in=list(purposes), granted=True, withdrawn_at__isnull=True).values_list(
            "purpose", flat=True
        )
    )
    return {p: p in given for p in purposes}
