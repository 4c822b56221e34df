"""Which counselor takes a new seeker: the desk's least loaded, by language, so caseloads stay even."""

from dataclasses import dataclass

from django.db.models import Count, Q

from iljari.accounts.models import User
from iljari.seekers.models import Seeker


@dataclass(frozen=True)
class CounselorSuggestion:
    counselor: User | None
    reason: str


def counselor_loads(*, desk_id: int) -> dict[int, int]:
    """Active seekers per active counselor of a desk (one query): the load new seekers are balanced by."""
    counselors = User.objects.filter(desk_id=desk_id, role=User.Role.COUNSELOR, is_active=True)
    return dict(
        counselors.annotate(n=Count("caseload", filter=Q(caseload__status=Seeker.Status.ACTIVE))).values_list("pk", "n")
    )


def counselor_suggestion(
    *, desk_id: int, language: str, registering: User | None = None, loads: dict[int, int] | None = None
) -> CounselorSuggestion:
    """Who should take a new seeker: the desk's least-loaded counselor who speaks the seeker's language,
    then the least loaded of the desk when no one does; ties go to the counselor registering them."""
    loads = counselor_loads(desk_id=desk_id) if loads is None else loads
    if not loads:
        mine = registering if registering is not None and registering.desk_id == desk_id else None
        return CounselorSuggestion(mine, "이 창구에 상담사가 없어 등록한 직원이 맡습니다." if mine else "")
    staff = {u.pk: u for u in User.objects.filter(pk__in=loads)}
    speakers = [pk for pk in loads if language == "ko" or language in (staff[pk].languages or [])]
    pool = speakers or list(loads)
    least = min(loads[pk] for pk in pool)
    tied = [pk for pk in pool if loads[pk] == least]
    chosen = registering.pk if registering is not None and registering.pk in tied else min(tied)
    if speakers and language != "ko":
        reason = f"{language} 상담이 가능한 상담사 중 맡은 구직자가 가장 적습니다({least}명)."
    elif language != "ko":
        reason = f"{language} 상담이 가능한 상담사가 없어, 맡은 구직자가 가장 적은 상담사를 제안합니다({least}명)."
    else:
        reason = f"창구에서 맡은 구직자가 가장 적은 상담사입니다({least}명)."
    return CounselorSuggestion(staff[chosen], reason)
