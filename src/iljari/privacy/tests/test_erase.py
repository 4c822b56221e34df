"""`iljari erase seeker ID` removes personal data and keeps anonymous statistics."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from iljari.privacy.models import AuditEvent
from iljari.seekers.models import CounselingNote, Seeker
from iljari.seekers.selectors import seeker_on_file, seekers_visible_to
from iljari.seekers.services import counseling_note_create

pytestmark = pytest.mark.postgres


def test_erasing_a_seeker_keeps_statistics_but_no_personal_data(make_seeker, counselor, youth):
    seeker = make_seeker(name="박지우", phone="010-5555-6666", sex="F", target_groups=[youth], remarks="오전 근무 희망")
    counseling_note_create(seeker=seeker, author=counselor, text="지게차 자격 있음", channel="visit")

    call_command("erase", "seeker", str(seeker.pk), "--reason", "본인 요청", "--yes")

    erased = Seeker.objects.get(pk=seeker.pk)
    assert erased.status == Seeker.Status.ERASED and erased.erased_at
    assert (erased.name, erased.phone, erased.birth_date, erased.remarks) == (None, None, None, None)
    assert erased.phone_hash == erased.identity_hash == "" and erased.birth_year is None
    assert CounselingNote.objects.get(seeker=erased).text is None
    # What the city's statistics need stays.
    assert erased.desk == seeker.desk and erased.home_dong == seeker.home_dong
    assert list(erased.target_groups.all()) == [youth] and erased.sex == "F"
    assert erased not in seekers_visible_to(None)
    on_file = seeker_on_file(
        user=counselor, name="박지우", birth_date=seeker.birth_date, phone="010-5555-6666", purpose="중복 확인"
    )
    assert on_file is None
    event = AuditEvent.objects.get(action="erase", object_id=str(seeker.pk))
    assert event.purpose == "본인 요청"


def test_erasing_twice_or_an_unknown_seeker_is_refused(make_seeker):
    seeker = make_seeker()
    call_command("erase", "seeker", str(seeker.pk), "--yes")
    with pytest.raises(CommandError, match="이미 파기"):
        call_command("erase", "seeker", str(seeker.pk), "--yes")
    with pytest.raises(CommandError, match="찾을 수 없습니다"):
        call_command("erase", "seeker", "999999", "--yes")
