"""JSON API for recommendations: a seeker's vacancies and a vacancy's seekers, with reasons."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from iljari.core.access import CASEWORK
from iljari.core.api import RecordId, Top, answers, require_role
from iljari.matching.selectors import seekers_for_vacancy, vacancies_for_seeker
from iljari.seekers.selectors import seeker_or_404
from iljari.vacancies.models import Vacancy

router = Router(tags=["매칭"])


class MatchOut(Schema):
    vacancy_id: int
    title: str
    employer: str
    dong: str | None
    score: float
    reasons: list[str]
    cautions: list[str]
    missing: list[str]
    history: list[str]  # this seeker's earlier referrals to the vacancy: "2026-10 알선 취소"


class CandidateOut(Schema):
    seeker_id: int
    name: str | None
    home_dong: str | None
    desired_job_text: str
    score: float
    reasons: list[str]
    cautions: list[str]
    history: list[str]


@router.get("/seekers/{seeker_id}/matches", response=answers(list[MatchOut], 404), summary="추천 구인표와 이유")
def seeker_matches(request: HttpRequest, seeker_id: RecordId, top: Top = 20) -> list[MatchOut]:
    require_role(request, CASEWORK)
    seeker = seeker_or_404(user=request.user, seeker_id=seeker_id, purpose="추천 구인표 조회(API)")
    result = vacancies_for_seeker(seeker=seeker, k=top)
    return [
        MatchOut(
            vacancy_id=r.vacancy.pk,
            title=r.vacancy.title,
            employer=r.vacancy.employer.name,
            dong=r.vacancy.dong.name if r.vacancy.dong else None,
            score=r.score,
            reasons=r.reasons,
            cautions=r.cautions,
            missing=r.missing,
            history=r.history,
        )
        for r in result.matches
    ]


@router.get(
    "/vacancies/{vacancy_id}/matches", response=answers(list[CandidateOut], 404), summary="맞는 구직자(볼 수 있는 범위)"
)
def vacancy_matches(request: HttpRequest, vacancy_id: RecordId, top: Top = 20) -> list[CandidateOut]:
    require_role(request, CASEWORK)
    vacancy = get_object_or_404(Vacancy, pk=vacancy_id)
    matches = seekers_for_vacancy(user=request.user, vacancy=vacancy, k=top, purpose=f"구인표 #{vacancy_id} 추천(API)")
    return [
        CandidateOut(
            seeker_id=r.seeker.pk,
            name=r.seeker.name,
            home_dong=r.seeker.home_dong.name if r.seeker.home_dong else None,
            desired_job_text=r.seeker.desired_job_text,
            score=r.score,
            reasons=r.reasons,
            cautions=r.cautions,
            history=r.history,
        )
        for r in matches
    ]
