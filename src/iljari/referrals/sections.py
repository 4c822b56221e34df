"""The referral chain on the seeker and vacancy pages (registered in ``ReferralsConfig.ready``)."""

from django.http import HttpRequest

from iljari.core.sections import section_add
from iljari.privacy.history import histories_of
from iljari.referrals.lifecycle import DONE
from iljari.referrals.models import Placement, Referral
from iljari.referrals.services import UNDO_MINUTES, referral_undoable
from iljari.seekers.models import Seeker
from iljari.seekers.selectors import seekers_listed, seekers_visible_to
from iljari.vacancies.models import Vacancy


def _seeker(request: HttpRequest, seeker: Seeker) -> dict:
    """The seeker's referrals, each with its history of changes (the page already checked access) and
    whether this person may still undo its outcome; the standing placements and, apart, the withdrawn ones."""
    referrals = list(seeker.referrals.select_related("vacancy__employer", "counselor")[:20])
    history = histories_of(records=referrals)
    for r in referrals:
        r.undoable = r.status in DONE and referral_undoable(referral=r, user=request.user)
    return {
        "referrals": [(r, history.get(r.pk, [])) for r in referrals],
        "placements": seeker.placements.prefetch_related("follow_ups")[:10],
        "withdrawn": Placement.every.filter(seeker=seeker, withdrawn_at__isnull=False)[:10],
        "reasons": Referral.Reason.choices,
        "undo_minutes": UNDO_MINUTES,
    }


def _vacancy(request: HttpRequest, vacancy: Vacancy) -> dict:
    """Who was referred to this vacancy: names only of the seekers this user may see, audited."""
    referrals = list(vacancy.referrals.select_related("seeker").order_by("-referred_at")[:50])
    visible = set(
        seekers_visible_to(request.user).filter(pk__in=[r.seeker_id for r in referrals]).values_list("pk", flat=True)
    )
    seekers_listed(
        user=request.user,
        seekers=[r.seeker for r in referrals if r.seeker_id in visible],
        purpose=f"구인표 #{vacancy.pk} 알선 현황",
    )
    return {"referrals": referrals, "visible": visible}


def register() -> None:
    section_add("seekers.detail", template="referrals/_seeker_section.html", context=_seeker, order=30)
    section_add("vacancies.detail", template="referrals/_vacancy_section.html", context=_vacancy, order=20)
