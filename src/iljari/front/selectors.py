"""What a staff member's first page shows: today's work, scoped like everything else."""

from datetime import timedelta

from django.utils import timezone

from iljari.accounts.models import User
from iljari.employers.models import Employer
from iljari.reference.models import Occupation
from iljari.referrals.models import FollowUp, Referral
from iljari.seekers.selectors import seekers_lapsing, seekers_listed, seekers_visible_to
from iljari.vacancies.selectors import vacancies_open


def center_counts(*, user: User) -> dict[str, int]:
    return {
        "seekers": seekers_visible_to(user).count(),
        "employers": Employer.objects.count(),
        "open_vacancies": vacancies_open(on=timezone.localdate()).count(),
        "occupations": Occupation.objects.count(),
    }


def todays_work(*, user: User) -> dict[str, list]:
    """New seekers of the last week, follow-ups due within a week, referrals still open, and 구직 신청
    about to lapse (the reminder before the nightly job lapses them); every seeker named is audited."""
    today = timezone.localdate()
    visible = seekers_visible_to(user)
    work = {
        "lapsing": seekers_lapsing(user=user, today=today, purpose="오늘의 업무(구직 신청 만료 예정)"),
        "new_seekers": list(
            visible.filter(registered_on__gte=today - timedelta(days=7)).select_related("home_dong")[:20]
        ),
        "follow_ups": list(
            FollowUp.objects.filter(
                placement__seeker__in=visible, done_on__isnull=True, due_on__lte=today + timedelta(days=7)
            )
            .select_related("placement__seeker")
            .order_by("due_on")[:20]
        ),
        "open_referrals": list(
            Referral.objects.filter(
                seeker__in=visible, status__in=(Referral.Status.REFERRED, Referral.Status.INTERVIEW)
            )
            .select_related("seeker", "vacancy__employer")
            .order_by("-referred_at")[:20]
        ),
    }
    named = [
        *work["new_seekers"],
        *(f.placement.seeker for f in work["follow_ups"]),
        *(r.seeker for r in work["open_referrals"]),
    ]
    seekers_listed(user=user, seekers={s.pk: s for s in named}.values(), purpose="오늘의 업무")
    return work
