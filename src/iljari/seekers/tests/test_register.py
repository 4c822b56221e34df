"""A counselor registers a seeker: the form validates as typed and refuses a 주민등록번호."""

from django.urls import reverse

from iljari.core.rrn import MASK
from iljari.privacy.models import AuditEvent
from iljari.reference.models import Dong
from iljari.seekers.models import Seeker


def _form(**overrides):
    data = {
        "name": "정새봄",
        "birth_date": "1992-05-14",
        "phone": "010-7777-1212",
        "sex": "F",
        "home_dong": Dong.objects.get(name="와동").pk,
        "desired_job_text": "사무보조",
        "reservation_wage": "230만",
        "licences": "컴퓨터활용능력 2급",
        "work_hours": "full_time",
        "employment_type": "any",
        "korean_level": "4",
        "remarks": "",
        "consent": "on",
    }
    data.update(overrides)
    return data


def test_counselor_registers_a_seeker(client, counselor):
    client.force_login(counselor)
    response = client.post(reverse("seekers:new"), _form())
    seeker = Seeker.objects.get()
    assert response.status_code == 302 and response.url == reverse("seekers:detail", args=[seeker.pk])
    assert (seeker.name, seeker.reservation_wage, seeker.desk, seeker.counselor) == (
        "정새봄",
        2_300_000,
        counselor.desk,
        counselor,
    )
    assert list(seeker.licences.values_list("name", flat=True)) == ["컴퓨터활용능력 2급"]
    assert seeker.consents.get().purpose == "employment_services"


def test_a_registration_number_in_remarks_is_refused_and_the_rest_is_kept(client, counselor):
    client.force_login(counselor)
    response = client.post(reverse("seekers:new"), _form(remarks="주민번호 920514-2345678 확인"))
    html = response.content.decode()
    assert response.status_code == 200 and not Seeker.objects.exists()
    assert "주민등록번호(외국인등록번호)는 입력하실 수 없습니다" in html
    assert "920514-2345678" not in html and MASK in html
    assert 'value="정새봄"' in html and 'value="010-7777-1212"' in html and 'value="230만"' in html


def test_the_same_person_is_not_registered_twice(client, counselor):
    client.force_login(counselor)
    client.post(reverse("seekers:new"), _form())
    first = Seeker.objects.get()
    again = client.post(reverse("seekers:new"), _form(phone="010-9999-0000"))
    assert f"이미 등록된 구직자입니다(성명·생년월일 일치, 구직자 #{first.pk})" in again.content.decode()
    assert Seeker.objects.count() == 1


def test_a_person_at_another_desk_is_refused_without_naming_the_desk_and_the_check_is_audited(
    client, counselor, other_counselor
):
    client.force_login(other_counselor)
    client.post(reverse("seekers:new"), _form())
    theirs = Seeker.objects.get()
    client.force_login(counselor)
    again = client.post(reverse("seekers:new"), _form(name="아무개"))  # someone else's phone number
    html = again.content.decode()
    assert "다른 창구에 이미 등록된 분입니다(휴대전화 일치)" in html and "센터 관리자" in html
    assert theirs.desk.name not in html and f"#{theirs.pk}" not in html and "정새봄" not in html
    assert Seeker.objects.count() == 1
    # Typing a number to learn whether its owner is a client leaves a trace in the log.
    checked = AuditEvent.objects.get(actor_id=counselor.pk, object_type="seeker", object_id=str(theirs.pk))
    assert (checked.action, checked.purpose) == ("read", "중복 확인")


def test_live_validation_answers_for_one_field(client, counselor):
    client.force_login(counselor)
    url = reverse("seekers:validate") + "?field=phone"
    assert "010-1234-5678 형식" in client.post(url, _form(phone="02-12")).content.decode()
    assert client.post(url, _form()).content.decode().strip() == ""
    assert client.post(reverse("seekers:validate") + "?field=name", _form(name="")).content.decode().strip() == ""
