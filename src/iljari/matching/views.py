"""Recommendation panels: a seeker's vacancies and a vacancy's seekers, loaded after their page."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from iljari.core.access import CASEWORK, role_required
from iljari.matching.batch import seeker_matches_refresh
from iljari.matching.selectors import seekers_for_vacancy, stored_vacancies_for_seeker, vacancies_for_seeker
from iljari.referrals.services import ACTIVE, ReferralError, referral_create
from iljari.seekers.models import Seeker
from iljari.seekers.selectors import seeker_or_404
from iljari.vacancies.models import Vacancy


@role_required(*CASEWORK)
def seeker_recommendations(request: HttpRequest, pk: int) -> HttpResponse:
    """The recommendation panel of the seeker page, loaded after the page so the page never waits."""
    seeker = seeker_or_404(user=request.user, seeker_id=pk, purpose="추천 구인표 조회")
    return _seeker_panel(request, seeker)


@require_POST
@role_required(*CASEWORK)
def seeker_recommendations_refresh(request: HttpRequest, pk: int) -> HttpResponse:
    """다시 계산: this seeker's stored list computed now, then the panel with it."""
    seeker = seeker_or_404(user=request.user, seeker_id=pk, purpose="추천 구인표 다시 계산")
    seeker_matches_refresh(seeker=seeker)
    if not request.htmx:
        messages.success(request, "추천 목록을 다시 계산했습니다.")
        return redirect("seekers:detail", pk=pk)
    return _seeker_panel(request, seeker)


def _seeker_panel(request: HttpRequest, seeker: Seeker) -> HttpResponse:
    """The stored list with its date when there is one (read at once), else one computed now."""
    stored = stored_vacancies_for_seeker(seeker=seeker, k=10)
    result = stored.result if stored else vacancies_for_seeker(seeker=seeker, k=10)
    referred = set(seeker.referrals.filter(status__in=ACTIVE).values_list("vacancy_id", flat=True))
    return render(
        request,
        "matching/_seeker_recommendations.html",
        {"seeker": seeker, "result": result, "stored": stored, "referred": referred},
    )


@require_POST
@role_required(*CASEWORK)
def seeker_refer(request: HttpRequest, pk: int, vacancy_id: int) -> HttpResponse:
    """알선 in one click from a recommendation."""
    seeker = seeker_or_404(user=request.user, seeker_id=pk, purpose="알선")
    vacancy = get_object_or_404(Vacancy, pk=vacancy_id)
    try:
        referral_create(seeker=seeker, vacancy=vacancy, counselor=request.user)
    except ReferralError as exc:
        if request.htmx:
            return render(request, "matching/_refer_result.html", {"error": exc.message}, status=409)
        messages.error(request, exc.message)
    else:
        if request.htmx:
            return render(request, "matching/_refer_result.html", {"vacancy": vacancy})
        messages.success(request, f"{vacancy.employer} {vacancy.title}에 알선했습니다.")
    return redirect("seekers:detail", pk=pk)


@role_required(*CASEWORK)
def vacancy_candidates(request: HttpRequest, pk: int) -> HttpResponse:
    """Seekers who fit this vacancy, among those the user may see; each shown name is audited."""
    vacancy = get_object_or_404(Vacancy, pk=pk)
    matches = seekers_for_vacancy(user=request.user, vacancy=vacancy, k=10, purpose=f"구인표 #{pk} 추천 구직자 조회")
    return render(request, "matching/_vacancy_candidates.html", {"matches": matches})
