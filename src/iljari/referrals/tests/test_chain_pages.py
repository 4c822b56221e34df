"""The whole chain on one page: refer, interview, hire, follow up — from the seeker page."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from iljari.core.calendar import months_later
from iljari.referrals.models import FollowUp, Referral
from iljari.referrals.services import referral_create


def test_counselor_moves_a_referral_to_a_hire_and_records_the_first_follow_up(
    client, counselor, make_seeker, make_vacancy
):
    vacancy = make_vacancy()
    seeker = make_seeker()
    referral = referral_create(seeker=seeker, vacancy=vacancy, counselor=counselor)
    client.force_login(counselor)
    page = reverse("seekers:detail", args=[seeker.pk])
    refused = client.post(reverse("referrals:outcome", args=[seeker.pk, referral.pk]), {"hired": "1"}, follow=True)
    assert "면접 기록이 없는 채용" in refused.content.decode()
    interview_at = referral.referred_at.astimezone().strftime("%Y-%m-%dT%H:%M")
    client.post(reverse("referrals:interview", args=[seeker.pk, referral.pk]), {"interview_at": interview_at})
    before = (timezone.localdate() - timedelta(days=30)).isoformat()
    refused = client.post(
        reverse("referrals:outcome", args=[seeker.pk, referral.pk]), {"hired": "1", "started_on": before}, follow=True
    )
    assert "취업일은 면접일" in refused.content.decode()  # a hire is never dated before its interview
    started = timezone.localdate(Referral.objects.get(pk=referral.pk).interview_at)
    client.post(
        reverse("referrals:outcome", args=[seeker.pk, referral.pk]), {"hired": "1", "started_on": started.isoformat()}
    )
    assert Referral.objects.get(pk=referral.pk).status == "hired"
    html = client.get(page).content.decode()
    assert "세원테크 포장원" in html and f"1개월 사후관리 ({months_later(started, 1):%Y-%m-%d})" in html
    first = FollowUp.objects.get(placement__seeker=seeker, months_after=1)
    client.post(reverse("referrals:follow_up", args=[seeker.pk, first.pk]), {"still_employed": "1"})
    assert FollowUp.objects.get(pk=first.pk).still_employed is True
    vacancy_page = client.get(reverse("vacancies:detail", args=[vacancy.pk])).content.decode()
    assert "알선 현황" in vacancy_page and "채용" in vacancy_page
