"""Reading consent: whether a person's data may be used for a purpose now."""

from typing import Any

from iljari.privacy.models import Consent


def consent_given(*, seeker: Any, purpose: str = Consent.Purpose.EMPLOYMENT_SERVICES) -> bool:
    """A consent to ``purpose`` on record and not withdrawn (imported rows may have none: 동의 미확인)."""
    return seeker.consents.filter(purpose=purpose, granted=True, withdrawn_at__isnull=True).exists()
