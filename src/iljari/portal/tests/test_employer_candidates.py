"""A company on the portal sees anonymous candidates who agreed to be shown (what they want and can do,
the 동 they live in, why they fit; never a name or a phone), asks to interview one, and once the
counselor refers them and sets the interview, records the result (the referral chain) and closes."""

from django.test import Client
from django.utils import timezone

from iljari.employers.services import EmployerInput, employers_create
from iljari.portal.models import EmployerAccount, PortalRequest
from iljari.portal.services import request_decide
from iljari.portal.tests.conftest import sent_code
from iljari.privacy.models import AuditEvent, Consent
from iljari.privacy.services import consent_record
from iljari.reference.models import Dong, Occupation
from iljari.referrals.models import Placement, Referral
from iljari.referrals.services import referral_schedule_interview
from iljari.vacancies.models import Vacancy

PHONE = "010-3456-7890"


def test_a_company_interviews_an_anonymous_candidate_records_the_hire_and_closes(
    db, desk, counselor, matching, own_index, make_seeker, make_vacancy, sms_outbox
):
    welding = Occupation.objects.get(title="이산화탄소가스아크용접원")
    [company] = employers_create(
        inputs=[EmployerInput(name="한빛정밀", business_number="2208162517", contact_phone=PHONE)], actor="t"
    )
    vacancy = make_vacancy(
        title="CO2 용접공", occupation=welding, employer=company, dong=Dong.objects.get(name="원곡동")
    )
    shown = make_seeker(name="김비밀", phone="010-7777-0001", desired_job_text="용접", experience_years=4)
    hidden = make_seeker(name="박숨김", phone="010-7777-0002", desired_job_text="용접")
    for seeker in (shown, hidden):
        seeker.desired_occupations.set([welding])
    consent_record(
        seeker=shown,
        purposes=[Consent.Purpose.SHARE_WITH_EMPLOYERS],
        method=Consent.Method.ONLINE,
        given_on=timezone.localdate(),
        actor="t",
    )
    client = Client()
    client.post("/vi/company/signin/", {"business_number": "2208162517"})
    client.post("/vi/company/signin/", {"business_number": "2208162517", "step": "code", "otp": sent_code(sms_outbox)})
    assert EmployerAccount.objects.get().status == EmployerAccount.Status.CONFIRMED

    page = client.get(f"/vi/company/vacancies/{vacancy.pk}/").content.decode()
    assert "Ứng viên A" in page and "Ứng viên B" not in page  # only the one who agreed
    assert "김비밀" not in page and "7777" not in page and "박숨김" not in page  # never who they are
    assert '<span lang="ko">와동</span>' in page  # the 동 they live in
    listed = AuditEvent.objects.filter(object_type="seeker", object_id=str(shown.pk), purpose__contains="기업 포털")
    assert {(e.actor_id, e.actor_name) for e in listed} == {(None, f"portal:employer:{company.pk}")}  # who looked
    token = page.split('name="candidate" value="')[1].split('"')[0]
    assert str(shown.pk) not in token.split(":")[0]

    forged = client.post(f"/vi/company/vacancies/{vacancy.pk}/", {"action": "interview", "candidate": "x:y"})
    assert forged.status_code == 400 and not PortalRequest.objects.filter(kind="interview").exists()
    asked = client.post(f"/vi/company/vacancies/{vacancy.pk}/", {"action": "interview", "candidate": token})
    assert asked.status_code == 302
    request = PortalRequest.objects.get(kind=PortalRequest.Kind.INTERVIEW)
    assert request.seeker == shown and request.vacancy == vacancy
    again = client.post(f"/vi/company/vacancies/{vacancy.pk}/", {"action": "interview", "candidate": token})
    assert again.status_code == 400 and PortalRequest.objects.filter(kind="interview").count() == 1

    request_decide(request=request, user=counselor, accept=True)  # the counselor refers them: the seeker is told
    referral = Referral.objects.get(seeker=shown, vacancy=vacancy)
    referral_schedule_interview(referral=referral, at=timezone.now(), actor=counselor)
    page = client.get(f"/vi/company/vacancies/{vacancy.pk}/").content.decode()
    assert "Người được giới thiệu 1" in page and "김비밀" not in page

    unsaid = client.post(
        f"/vi/company/vacancies/{vacancy.pk}/", {"action": "outcome", "referral": referral.pk, "hired": "no"}
    )
    assert unsaid.status_code == 400  # 불채용 needs its reason
    hired = client.post(
        f"/vi/company/vacancies/{vacancy.pk}/", {"action": "outcome", "referral": referral.pk, "hired": "yes"}
    )
    assert hired.status_code == 302
    referral.refresh_from_db()
    assert referral.status == Referral.Status.HIRED and Placement.objects.filter(referral=referral).exists()
    assert AuditEvent.objects.filter(actor_name=f"portal:employer:{company.pk}", purpose="알선 결과").exists()

    vacancy.refresh_from_db()
    if vacancy.status == Vacancy.Status.OPEN:  # more openings than hires: the company closes it itself
        closed = client.post(f"/vi/company/vacancies/{vacancy.pk}/", {"action": "close", "reason": "filled"})
        assert closed.status_code == 302
        vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.FILLED

    other = make_vacancy(title="다른 회사 구인표")
    assert client.get(f"/vi/company/vacancies/{other.pk}/").status_code == 404  # another company's
