"""JSON API for programs: the programs that would open vacancies for a seeker."""

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from iljari.core.access import CASEWORK
from iljari.core.api import RecordId, answers, require_role
from iljari.seekers.selectors import seeker_or_404
from iljari.training.recommend import programs_for_seeker

router = Router(tags=["교육·일자리 사업"])


class ProgramFitOut(Schema):
    program: int
    name: str
    program_type: str | None
    starts_on: str
    eligible: bool
    failing: list[str]  # each rule the seeker does not meet, in Korean
    vacancies: list[int]  # open vacancies the seeker would newly fit after completing it
    best_score: float


@router.get(
    "/seekers/{seeker_id}/programs",
    response=answers(list[ProgramFitOut], 404),
    summary="마치면 새로 맞는 구인표가 많은 사업 순",
)
def seeker_programs(request: HttpRequest, seeker_id: RecordId) -> list[ProgramFitOut]:
    require_role(request, CASEWORK)
    seeker = seeker_or_404(user=request.user, seeker_id=seeker_id, purpose="교육·일자리 사업 추천(API)")
    return [
        ProgramFitOut(
            program=f.program.pk,
            name=f.program.name,
            program_type=str(f.program.program_type) if f.program.program_type else None,
            starts_on=f.program.starts_on.isoformat(),
            eligible=f.eligible,
            failing=f.failing,
            vacancies=f.vacancy_ids,
            best_score=f.best_score,
        )
        for f in programs_for_seeker(seeker=seeker, today=timezone.localdate())
    ]
