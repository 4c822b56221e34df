"""A counselor corrects a seeker's record; the history keeps who changed what, and a stale save is refused."""

import pytest
from django.db import connection

from iljari.core.errors import StaleRecord
from iljari.privacy.history import record_history
from iljari.privacy.models import AuditEvent, RecordChange
from iljari.reference.models import Licence
from iljari.seekers.models import Seeker
from iljari.seekers.services import SeekerError, seeker_erase, seeker_update

pytestmark = pytest.mark.postgres


def test_counselor_corrects_phone_and_wage_and_the_history_says_who_changed_what(make_seeker, counselor):
    seeker = make_seeker(phone="010-1111-2222", reservation_wage=2_500_000)
    assert seeker.version == 1

    saved = seeker_update(
        seeker=seeker,
        changes={
            "phone": "010-3333-4444",
            "reservation_wage": 2_800_000,
            "licences": [Licence.objects.get(name="용접기능사")],
        },
        actor=counselor,
        version=1,
    )

    assert (saved.phone, saved.reservation_wage, saved.version) == ("010-3333-4444", 2_800_000, 2)
    assert list(saved.licences.values_list("name", flat=True)) == ["용접기능사"]
    [entry] = record_history(record=saved)
    assert entry.by == "counselor1" and entry.purpose == "구직자 정보 수정" and entry.version == 2
    lines = {c.label: c for c in entry.changes}
    assert lines["휴대전화"].personal and lines["휴대전화"].old == lines["휴대전화"].new == ""
    assert (lines["희망임금(월, 원)"].old, lines["희망임금(월, 원)"].new) == ("2,500,000", "2,800,000")
    assert (lines["자격증"].old, lines["자격증"].new) == ("", "용접기능사")
    # The history table holds no phone number, old or new, in any form.
    with connection.cursor() as cursor:
        cursor.execute("SELECT changes FROM privacy_recordchange")
        stored = " ".join(str(row[0]) for row in cursor.fetchall())
    assert "1111" not in stored and "3333" not in stored
    audited = AuditEvent.objects.get(action="update", object_id=str(seeker.pk))
    assert audited.detail == {"fields": ["licences", "phone", "reservation_wage"]}


def test_a_save_on_a_stale_version_is_refused_with_what_the_other_counselor_changed(make_seeker, counselor):
    seeker = make_seeker(reservation_wage=2_500_000, desired_job_text="포장")
    seeker_update(
        seeker=seeker, changes={"reservation_wage": 2_800_000, "phone": "010-7777-8888"}, actor=counselor, version=1
    )

    with pytest.raises(StaleRecord) as refused:
        seeker_update(seeker=seeker, changes={"reservation_wage": 3_000_000}, actor="second", version=1)

    changes = {c.label: c for c in refused.value.changes}
    assert (changes["희망임금(월, 원)"].old, changes["희망임금(월, 원)"].new) == ("2,500,000", "2,800,000")
    assert changes["휴대전화"].personal and changes["휴대전화"].by == "counselor1"
    assert "counselor1님이 먼저" in refused.value.message
    now = Seeker.objects.get(pk=seeker.pk)
    assert (now.reservation_wage, now.version) == (2_800_000, 2)  # nothing overwritten
    assert RecordChange.objects.filter(record_id=seeker.pk).count() == 1


def test_status_and_unknown_fields_are_not_edited_and_nothing_changes(make_seeker, counselor):
    seeker = make_seeker()
    with pytest.raises(SeekerError, match="수정할 수 없는 항목입니다: 상태"):
        seeker_update(
            seeker=seeker, changes={"status": Seeker.Status.PLACED, "remarks": "x"}, actor=counselor, version=1
        )
    assert Seeker.objects.get(pk=seeker.pk).version == 1 and not RecordChange.objects.exists()


def test_a_phone_or_identity_already_on_file_for_another_seeker_is_refused(make_seeker, counselor):
    first = make_seeker(name="김하나", phone="010-1212-3434")
    second = make_seeker(name="이둘")
    with pytest.raises(SeekerError, match="휴대전화 일치") as phone:
        seeker_update(seeker=second, changes={"phone": "010-1212-3434"}, actor=counselor, version=1)
    assert phone.value.field == "phone"
    with pytest.raises(SeekerError, match="성명·생년월일 일치"):
        seeker_update(
            seeker=second, changes={"name": "김하나", "birth_date": first.birth_date}, actor=counselor, version=1
        )
    # Saving one's own phone again is no duplicate and no change.
    same = seeker_update(seeker=first, changes={"phone": "010-1212-3434"}, actor=counselor, version=1)
    assert same.version == 1


def test_an_unchanged_save_writes_nothing(make_seeker, counselor):
    seeker = make_seeker(desired_job_text="용접")
    assert seeker_update(seeker=seeker, changes={"desired_job_text": "용접"}, actor=counselor, version=1).version == 1
    assert not RecordChange.objects.exists()


def test_erasing_a_seeker_removes_the_values_from_the_history_too(make_seeker, counselor):
    seeker = make_seeker(desired_job_text="용접")
    seeker_update(seeker=seeker, changes={"desired_job_text": "베트남어 통역"}, actor=counselor, version=1)
    seeker_erase(seeker_id=seeker.pk, actor=counselor, reason="본인 요청")
    entries = record_history(record=seeker)
    assert [e.purpose for e in entries] == ["구직자 개인정보 파기", "구직자 정보 수정"]
    assert all(c.personal and not c.old and not c.new for e in entries for c in e.changes)
    assert "통역" not in str(list(RecordChange.objects.values_list("changes", flat=True)))
