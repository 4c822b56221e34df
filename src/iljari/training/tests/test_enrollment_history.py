"""A counselor opens one enrollment's status history from the applicant list or the seeker's
programs panel: every move, who made it, when and why; the read is audited; another desk gets 404."""

import pytest

from iljari.privacy.models import AuditEvent
from iljari.training.services import program_select


@pytest.mark.usefixtures("matching")
def test_counselor_follows_an_enrollment_from_the_lists_to_its_history_and_another_desk_gets_404(
    enroll, forklift, make_seeker, counselor, other_counselor, manager, client
):
    seeker = make_seeker(name="정수아")
    enrollment = enroll(forklift, seeker)
    program_select(program=forklift, actor=manager)
    url = f"/programs/enrollments/{enrollment.pk}/"

    client.force_login(counselor)
    assert f'href="{url}"' in client.get(f"/programs/{forklift.pk}/").content.decode()
    assert f'href="{url}"' in client.get(f"/seekers/{seeker.pk}/programs/").content.decode()
    page = client.get(url)
    body = page.content.decode()
    assert page.status_code == 200 and "정수아" in body and "지게차운전기능사 과정" in body
    assert "신청 → 선발" in body and "정원 이내 전원 선발" in body and "manager1" in body
    assert AuditEvent.objects.filter(
        actor_id=counselor.pk,
        object_type="seeker",
        object_id=str(seeker.pk),
        purpose=f"참여 신청 #{enrollment.pk} 상태 이력 조회",
    ).exists()

    client.force_login(other_counselor)
    assert client.get(url).status_code == 404
    assert client.get("/programs/enrollments/999999/").status_code == 404
