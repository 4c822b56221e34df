"""A job seeker signs up for training and city job programs on the portal, in their own language:
the programs that would fit them for more vacancies first, each rule checked and said plainly, the
application through the programs' own enrollment service after the 교육·일자리 사업 consent, its
status on 나의 구직, taking it back before the selection, and the counselor's applicant list."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from iljari.core.models import StatusChange
from iljari.portal.services import SignUp, program_apply, seeker_sign_up
from iljari.privacy.models import Consent
from iljari.reference.models import Dong
from iljari.training.models import Enrollment
from iljari.training.rules import Declared
from iljari.training.services import ProgramError, program_select
from iljari.training.tests.conftest import forklift, forklift_jobs, senior_jobs  # noqa: F401  (the fixtures)

PHONE = "010-2345-6789"
pytestmark = pytest.mark.usefixtures("matching", "own_index")


def _age(born: date) -> int:
    today = timezone.localdate()
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def test_the_programs_page_puts_the_course_that_opens_vacancies_first_and_checks_each_rule_in_vietnamese(
    forklift,  # noqa: F811
    senior_jobs,  # noqa: F811
    make_seeker,
    sign_in,
):
    forklift_jobs(1)
    seeker = make_seeker(phone=PHONE, desired_job_text="지게차 운전", reservation_wage=2_500_000)
    client = Client()
    sign_in(client, PHONE, "vi")

    page = client.get("/vi/me/programs/")
    body = page.content.decode()
    assert page.status_code == 200
    assert body.index("지게차운전기능사 과정") < body.index("어르신 공공일자리(환경정비)")  # recommended first
    assert "Hoàn thành khóa này, bạn sẽ phù hợp thêm với 1 tin tuyển dụng đang mở." in body
    assert f'<h3 id="program-{forklift.pk}" lang="ko">지게차운전기능사 과정</h3>' in body  # city data, marked Korean
    assert "Chỉ người sống trong thành phố mới được tham gia." in body  # forklift: residents only, met
    age = _age(seeker.birth_date)
    assert f"Chương trình dành cho người từ 65 tuổi trở lên. Hiện bạn {age} tuổi." in body  # senior: refused, why
    assert 'Người cao tuổi (<span lang="ko">어르신</span>)' in body  # the target group in both languages
    assert f"/vi/me/programs/{forklift.pk}/" in body


def test_an_eligible_seeker_applies_after_the_consent_and_the_counselor_sees_one_application(
    client,
    forklift,  # noqa: F811
    make_seeker,
    counselor,
    sign_in,
):
    seeker = make_seeker(phone=PHONE)
    portal = Client()
    sign_in(portal, PHONE, "vi")
    url = f"/vi/me/programs/{forklift.pk}/"
    page = portal.get(url).content.decode()
    assert "Khóa đào tạo và chương trình việc làm (không bắt buộc)" in page  # the consent text, read first

    refused = portal.post(url, {})
    assert refused.status_code == 400 and not Enrollment.objects.exists()
    assert "vui lòng đồng ý thu thập và sử dụng thông tin cá nhân" in refused.content.decode()

    done = portal.post(url, {"consent": "on"})
    assert done.status_code == 302 and done["Location"] == "/vi/me/#programs"
    enrollment = Enrollment.objects.get()
    assert (enrollment.seeker, enrollment.status, enrollment.enrolled_by) == (seeker, "applied", None)
    consent = enrollment.consent
    assert (consent.purpose, consent.method, consent.version) == (Consent.Purpose.PROGRAMS, "online", "2026-12")
    assert consent.granted and consent.recorded_by is None

    twice = portal.post(url, {"consent": "on"}, follow=True)
    assert "Bạn đã đăng ký chương trình này rồi." in twice.content.decode()
    assert Enrollment.objects.count() == 1
    with pytest.raises(ProgramError) as again:  # a second post that reaches the service says the same
        program_apply(seeker=seeker, program=forklift, declared=Declared())
    assert again.value.code == "already_enrolled" and Enrollment.objects.count() == 1

    client.force_login(counselor)
    desk_page = client.get(reverse("training:program", args=[forklift.pk])).content.decode()
    assert desk_page.count(f'href="{reverse("seekers:detail", args=[seeker.pk])}"') == 1  # arrived, once
    assert "신청" in desk_page


def test_an_ineligible_application_is_refused_with_the_rule_that_failed_and_nothing_is_saved(
    senior_jobs,  # noqa: F811
    make_seeker,
    sign_in,
):
    seeker = make_seeker(phone=PHONE)
    client = Client()
    sign_in(client, PHONE, "ru")
    url = f"/ru/me/programs/{senior_jobs.pk}/"
    assert 'name="income_percent"' in client.get(url).content.decode()  # the program's income rule asks

    refused = client.post(url, {"consent": "on", "income_percent": "40"})
    body = refused.content.decode()
    assert refused.status_code == 400
    assert "Вы не подходите под условия участия в этой программе, поэтому заявка не подана." in body
    assert f"Программа для людей в возрасте от 65 лет. Вам сейчас {_age(seeker.birth_date)}." in body
    assert "Ничего не сохранено." in body and 'value="40"' in body  # what was typed stays
    assert not Enrollment.objects.exists()
    assert not Consent.objects.filter(seeker=seeker, purpose=Consent.Purpose.PROGRAMS).exists()

    older = make_seeker(phone="010-2345-6790", birth_date=date(1950, 3, 1))
    other = Client()
    sign_in(other, "010-2345-6790", "ru")
    over = other.post(url, {"consent": "on", "income_percent": "200"}).content.decode()
    assert "Доход семьи выше допустимого (не выше 150% базового медианного дохода). Вы указали: 200%" in over
    assert not Enrollment.objects.filter(seeker=older).exists()
    assert other.post(url, {"consent": "on", "income_percent": "90"}).status_code == 302
    assert Enrollment.objects.get(seeker=older).status == Enrollment.Status.APPLIED


def test_the_seeker_follows_the_status_in_uzbek_and_takes_back_an_application_not_yet_selected(
    forklift,  # noqa: F811
    senior_jobs,  # noqa: F811
    make_seeker,
    manager,
    sign_in,
):
    seeker = make_seeker(phone=PHONE, birth_date=date(1955, 6, 1))
    client = Client()
    sign_in(client, PHONE, "uz")
    client.post(f"/uz/me/programs/{forklift.pk}/", {"consent": "on"})
    client.post(f"/uz/me/programs/{senior_jobs.pk}/", {"consent": "on", "income_percent": "60"})
    page = client.get("/uz/me/").content.decode()
    assert page.count("Ariza berdingiz. Saralash natijasi chiqqach, sizga xabar beramiz.") == 2
    assert '<li aria-current="step">Ariza</li>' in page

    program_select(program=forklift, actor=manager)
    chosen = Enrollment.objects.get(program=forklift)
    assert chosen.status == Enrollment.Status.SELECTED
    refused = client.post(f"/uz/me/programs/applications/{chosen.pk}/withdraw/", follow=True).content.decode()
    assert "Saralash natijasi chiqqanidan keyin arizani oʻzingiz bekor qila olmaysiz." in refused
    assert "Siz saralandingiz. Iltimos, birinchi mashgʻulotga keling." in refused
    assert Enrollment.objects.get(pk=chosen.pk).status == Enrollment.Status.SELECTED

    waiting = Enrollment.objects.get(program=senior_jobs)
    done = client.post(f"/uz/me/programs/applications/{waiting.pk}/withdraw/", follow=True).content.decode()
    assert "Dasturga ariza bekor qilindi." in done and "Ariza bekor qilindi." in done
    assert Enrollment.objects.get(pk=waiting.pk).status == Enrollment.Status.DROPPED
    move = StatusChange.objects.get(object_type="enrollment", object_id=waiting.pk, move="drop")
    assert (move.reason, move.actor_name) == ("own_request", f"portal:seeker:{seeker.pk}")

    stranger = make_seeker(phone="010-2345-6791")
    other = Client()
    sign_in(other, "010-2345-6791", "uz")
    assert other.post(f"/uz/me/programs/applications/{chosen.pk}/withdraw/").status_code == 404
    assert stranger.enrollments.count() == 0


def test_a_seeker_who_took_an_application_back_applies_again_and_the_history_keeps_both(
    forklift,  # noqa: F811
    make_seeker,
    sign_in,
):
    seeker = make_seeker(phone=PHONE)
    client = Client()
    sign_in(client, PHONE, "uz")
    client.post(f"/uz/me/programs/{forklift.pk}/", {"consent": "on"})
    first = Enrollment.objects.get(seeker=seeker, program=forklift)
    client.post(f"/uz/me/programs/applications/{first.pk}/withdraw/")
    assert Enrollment.objects.get(pk=first.pk).status == Enrollment.Status.DROPPED

    listed = client.get("/uz/me/programs/").content.decode()
    assert "Siz bu dasturga ariza bergansiz." not in listed  # offered again, not shown as applied
    page = client.get(f"/uz/me/programs/{forklift.pk}/").content.decode()
    assert "Siz bu arizani bekor qilgansiz. Quyida qaytadan ariza bera olasiz." in page
    assert client.post(f"/uz/me/programs/{forklift.pk}/", {}).status_code == 400  # the consent is still asked
    assert Enrollment.objects.get(pk=first.pk).status == Enrollment.Status.DROPPED

    assert client.post(f"/uz/me/programs/{forklift.pk}/", {"consent": "on"}).status_code == 302
    again = Enrollment.objects.get(seeker=seeker, program=forklift)
    assert (again.pk, again.status) == (first.pk, Enrollment.Status.APPLIED)
    assert again.applied_at > first.applied_at and again.consent_id != first.consent_id
    moves = StatusChange.objects.filter(object_type="enrollment", object_id=first.pk).order_by("pk")
    assert [m.move for m in moves] == ["drop", "reapply"]
    assert client.post(f"/uz/me/programs/{forklift.pk}/", {"consent": "on"}).status_code == 302  # a second tap
    assert Enrollment.objects.filter(seeker=seeker, program=forklift).count() == 1
    assert StatusChange.objects.filter(object_type="enrollment", object_id=first.pk).count() == 2


def test_a_new_foreign_resident_chooses_korean_level_and_residence_status_nothing_is_preselected(db, sign_in):
    seeker_sign_up(
        data=SignUp(
            phone=PHONE,
            name="Nguyễn Văn An",
            birth_date=date(1990, 5, 1),
            home_dong=Dong.objects.get(name="원곡동"),
            desired_job_text="hàn",
            language="vi",
        )
    )
    client = Client()
    sign_in(client, PHONE, "vi")
    page = client.get("/vi/me/profile/")
    form = page.context["form"]
    assert form["korean_level"].value() is None and form["visa_type"].value() == ""
    assert not [w for w in form["korean_level"].subwidgets if w.data["selected"]]  # no level chosen for them

    data = {
        "guessed_for": "hàn",
        "desired_job_text": "hàn",
        "work_hours": "full_time",
        "employment_type": "regular",
        "experience_years": "2",
        "version": page.context["version"],
    }
    refused = client.post("/vi/me/profile/", data)
    body = refused.content.decode()
    assert refused.status_code == 400
    assert "Vui lòng chọn mức độ tiếng Hàn của bạn." in body
    assert "Vui lòng chọn tư cách lưu trú. Nếu bạn là công dân Hàn Quốc" in body
    assert 'value="hàn"' in body and 'value="2"' in body  # what was typed stays

    saved = client.post("/vi/me/profile/", {**data, "korean_level": "1", "visa_type": "E-9"})
    assert saved.status_code == 302
    again = client.get("/vi/me/profile/").context["form"]
    assert (again["korean_level"].value(), again["visa_type"].value()) == (1, "E-9")  # now theirs, shown

    citizen = client.post(
        "/vi/me/profile/",
        {
            **data,
            "korean_level": "4",
            "visa_type": "citizen",
            "version": client.get("/vi/me/profile/").context["version"],
        },
    )
    assert citizen.status_code == 302
    after = client.get("/vi/me/profile/").context["form"]
    assert (after["korean_level"].value(), after["visa_type"].value()) == (4, "citizen")
