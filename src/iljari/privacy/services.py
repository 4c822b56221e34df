"""Personal-data operations: erasure (파기) of a seeker, keeping anonymous statistics."""

from django.db import transaction
from django.utils import timezone

from iljari.core.versions import data_changed
from iljari.privacy.audit import Action, Actor, audit_record
from iljari.privacy.crypto import PrivacyError
from iljari.seekers.models import CounselingNote, Seeker


def seeker_erase(*, seeker_id: int, actor: Actor, reason: str) -> Seeker:
    """Remove everything that identifies the seeker; keep what the city's statistics need.

    Kept: desk, home 동, target groups, sex, desired occupations, dates, referrals and
    placements. Removed: name, phone, birth date and year, address, remarks, counseling
    note texts, nationality, visa, language and accessibility needs, and the look-up hashes.
    """
    if not reason.strip():
        raise PrivacyError("파기 사유를 입력해 주십시오.")
    with transaction.atomic():
        data_changed()
        seeker = Seeker.objects.select_for_update().filter(pk=seeker_id).first()
        if seeker is None:
            raise PrivacyError(f"구직자 #{seeker_id}을(를) 찾을 수 없습니다.")
        if seeker.status == Seeker.Status.ERASED:
            raise PrivacyError(f"구직자 #{seeker_id}의 개인정보는 이미 파기되었습니다.")
        Seeker.objects.filter(pk=seeker_id).update(
            name=None,
            phone=None,
            birth_date=None,
            address=None,
            remarks=None,
            name_hash="",
            phone_hash="",
            identity_hash="",
            birth_year=None,
            nationality="",
            preferred_language="",
            visa_type=None,
            accessibility_needs=[],
            experience="",
            status=Seeker.Status.ERASED,
            erased_at=timezone.now(),
            updated_at=timezone.now(),
        )
        CounselingNote.objects.filter(seeker_id=seeker_id).update(text=None)
        audit_record(actor=actor, action=Action.ERASE, object_type="seeker", object_id=seeker_id, purpose=reason)
    return Seeker.objects.get(pk=seeker_id)
