"""A company on the portal: signs in by 사업자등록번호 and a code to its phone (or joins), posts a vacancy
with the staff checks, and it opens only once a counselor has confirmed the company and the posting."""

from django.test import Client

from iljari.conftest import _staff
from iljari.employers.models import Employer
from iljari.employers.services import EmployerInput, employers_create
from iljari.portal.models import EmployerAccount, PortalRequest
from iljari.portal.tests.conftest import sent_code
from iljari.reference.models import Dong
from iljari.safety.models import Measure
from iljari.safety.services import measure_set
from iljari.vacancies.models import Vacancy

NUMBER = "220-81-62517"  # a valid check digit
PHONE = "010-3456-7890"
VACANCY = {
    "title": "사출 생산직",
    "duties": "사출기 운전, 제품 검사",
    "wage_type": "monthly",
    "wage_amount": "250만",
    "hours_start": "08:30",
    "hours_end": "17:30",
    "weekly_hours": "40",
    "shift": "day",
    "employment_type": "regular",
    "openings": "2",
}


def _join(client: Client, outbox, language: str = "en") -> None:
    client.post(f"/{language}/company/signin/", {"business_number": NUMBER})
    company = {"business_number": NUMBER, "name": "한빛정밀", "dong": Dong.objects.get(name="원곡동").pk}
    company.update(contact_name="이채용", phone=PHONE)
    client.post(f"/{language}/company/join/", company)
    client.post(f"/{language}/company/join/", {**company, "step": "code", "otp": sent_code(outbox)})


def test_a_wrong_check_digit_is_refused_in_the_readers_language(db):
    page = Client().post("/vi/company/signin/", {"business_number": "220-81-62518"})
    body = page.content.decode()
    assert page.status_code == 400 and "Số đăng ký kinh doanh không hợp lệ" in body and "220-81-62518" in body


def test_a_new_company_joins_posts_a_vacancy_and_a_counselor_confirms_both(db, desk, sms_outbox, waiting):
    client = Client()
    _join(client, sms_outbox)
    account = EmployerAccount.objects.get()
    assert account.status == EmployerAccount.Status.PENDING and account.employer.name == "한빛정밀"
    home = client.get("/en/company/").content.decode()
    assert "A counselor is checking your company" in home

    low = client.post("/en/company/vacancies/new/", {**VACANCY, "wage_amount": "150만"})
    assert low.status_code == 400 and "Below the minimum wage" in low.content.decode()
    biased = client.post("/en/company/vacancies/new/", {**VACANCY, "duties": "남자만, 40세 이하"})
    body = biased.content.decode()
    assert biased.status_code == 400 and "may not require or prefer a sex" in body and "남자만, 40세 이하" in body
    assert not Vacancy.objects.exists()

    assert client.post("/en/company/vacancies/new/", VACANCY).status_code == 302
    vacancy = Vacancy.objects.get()
    assert vacancy.status == Vacancy.Status.DRAFT and vacancy.source == Vacancy.Source.EMPLOYER
    assert vacancy.wage_amount == 2_500_000 and vacancy.openings == 2
    assert Client().get(f"/en/jobs/{vacancy.pk}/").status_code == 404  # not public before a counselor's check

    counselor = _staff("wongok", "counselor", waiting(PortalRequest.Kind.COMPANY).desk)
    staff = Client()
    staff.force_login(counselor)
    listed = staff.get("/portal-requests/").content.decode()
    assert "기업 가입 확인" in listed and "구인표 게시 확인" in listed
    refused = staff.post(f"/portal-requests/{waiting(PortalRequest.Kind.VACANCY).pk}/decide/", {"decision": "accept"})
    assert refused.status_code == 302 and Vacancy.objects.get().status == Vacancy.Status.DRAFT  # company first
    staff.post(f"/portal-requests/{waiting(PortalRequest.Kind.COMPANY).pk}/decide/", {"decision": "accept"})
    staff.post(f"/portal-requests/{waiting(PortalRequest.Kind.VACANCY).pk}/decide/", {"decision": "accept"})
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.OPEN and Client().get(f"/en/jobs/{vacancy.pk}/").status_code == 200
    told = sms_outbox()[-1]
    assert told["to"] == PHONE and "Our company" in told["text"] and "wongok" not in told["text"]
    assert "Open" in client.get("/en/company/").content.decode()


def test_a_company_on_file_signs_in_with_the_phone_on_its_record(db, sms_outbox):
    [employer] = employers_create(
        inputs=[EmployerInput(name="세원테크", business_number=NUMBER, contact_phone=PHONE)], actor="t"
    )
    client = Client()
    step = client.post("/ko/company/signin/", {"business_number": NUMBER})
    assert step.status_code == 200 and "010-****-7890" in step.content.decode()
    assert sms_outbox()[-1]["to"] == PHONE
    wrong = client.post("/ko/company/signin/", {"business_number": NUMBER, "step": "code", "otp": "000000"})
    assert wrong.status_code == 400 and "인증번호가 맞지 않습니다" in wrong.content.decode()
    done = client.post("/ko/company/signin/", {"business_number": NUMBER, "step": "code", "otp": sent_code(sms_outbox)})
    assert done.status_code == 302
    account = EmployerAccount.objects.get(employer=employer)
    assert account.status == EmployerAccount.Status.CONFIRMED  # the center knows it already
    assert Employer.objects.count() == 1


def test_a_request_under_the_portal_review_measure_waits_for_the_desk_lead(
    db, make_seeker, make_vacancy, sign_in, waiting
):
    seeker = make_seeker(phone="010-2345-6789")
    vacancy = make_vacancy()
    lead = _staff("lead", "desk_lead", seeker.desk)
    measure_set(kind=Measure.Kind.PORTAL_REVIEW, actor=lead, seeker=seeker)
    client = Client()
    sign_in(client, "010-2345-6789", "ko")
    client.post(f"/ko/jobs/{vacancy.pk}/apply/", {"message": "밤 11시에 또 문자 드립니다"})
    request = waiting(PortalRequest.Kind.REFERRAL)
    assert request.held

    counselor = Client()
    counselor.force_login(_staff("plain", "counselor", seeker.desk))
    page = counselor.get("/portal-requests/").content.decode()
    assert "포털 메시지 검토 후 전달" in page and "밤 11시" not in page
    counselor.post(f"/portal-requests/{request.pk}/decide/", {"decision": "accept"})
    assert waiting(PortalRequest.Kind.REFERRAL).pk == request.pk  # still waiting

    desk_lead = Client()
    desk_lead.force_login(lead)
    assert "밤 11시" in desk_lead.get("/portal-requests/").content.decode()
    desk_lead.post(f"/portal-requests/{request.pk}/decide/", {"decision": "decline", "note": "자격 요건 미달"})
    request.refresh_from_db()
    assert request.status == PortalRequest.Status.DECLINED and request.decided_by == lead
