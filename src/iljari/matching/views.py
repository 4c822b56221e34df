"""Recommendation panels: a seeker's vacancies and a vacancy's seekers, loaded after their page."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from iljari.core.access import CASEWORK, OVERSIGHT, role_required
from iljari.matching.batch import seeker_matches_refresh
from iljari.matching.models import OccupationCorrection, StoredMatches
from iljari.matching.selectors import (
    correction_languages,
    corrections_list,
    occupation_reading,
    seekers_for_vacancy,
    stored_vacancies_for_seeker,
    vacancies_for_seeker,
)
from iljari.matching.services import MatchingError, correction_remove, record_correction
from iljari.reference.models import Occupation
from iljari.reference.selectors import occupation_for_text, occupations_by_title
from iljari.referrals.services import ACTIVE, ReferralError, referral_create
from iljari.seekers.models import Seeker
from iljari.seekers.selectors import seeker_or_404
from iljari.vacancies.models import Vacancy


@role_required(*CASEWORK)
def seeker_recommendations(request: HttpRequest, pk: int) -> HttpResponse:
    """The recommendation panel of the seeker page, loaded after the page so the page never waits."""
    seeker = seeker_or_404(user=request.user, seeker_id=pk, purpose="추천 구인표 조회")
    return _recommendations_panel(request, seeker)


@require_POST
@role_required(*CASEWORK)
def seeker_recommendations_refresh(request: HttpRequest, pk: int) -> HttpResponse:
    """다시 계산: this seeker's stored list computed now, then the panel with it."""
    seeker = seeker_or_404(user=request.user, seeker_id=pk, purpose="추천 구인표 다시 계산")
    seeker_matches_refresh(seeker=seeker)
    if not request.htmx:
        messages.success(request, "추천 목록을 다시 계산했습니다.")
        return redirect("seekers:detail", pk=pk)
    return _recommendations_panel(request, seeker)


def _recommendations_panel(
    request: HttpRequest, seeker: Seeker, error: str = "", typed: str = "", status: int = 200
) -> HttpResponse:
    """The stored list with its date when there is one (read at once), else one computed now; above it,
    how the seeker's 희망직종 was read, to confirm or correct."""
    stored = stored_vacancies_for_seeker(seeker=seeker, k=10)
    result = stored.result if stored else vacancies_for_seeker(seeker=seeker, k=10)
    referred = set(seeker.referrals.filter(status__in=ACTIVE).values_list("vacancy_id", flat=True))
    context = {
        "seeker": seeker,
        "result": result,
        "stored": stored,
        "referred": referred,
        "reading": occupation_reading(seeker=seeker),
        "reading_error": error,
        "reading_typed": typed,
    }
    return render(request, "matching/_seeker_recommendations.html", context, status=status)


@require_POST
@role_required(*CASEWORK)
def seeker_occupation(request: HttpRequest, pk: int) -> HttpResponse:
    """The counselor confirms the occupation the seeker's 희망직종 was read as, or corrects it to a
    job-dictionary title; the normalizer uses the pair from then on. Answers with the panel anew."""
    seeker = seeker_or_404(user=request.user, seeker_id=pk, purpose="희망직종 확인")
    reading = occupation_reading(seeker=seeker)
    title = request.POST.get("title", "").strip()
    occupation = (
        occupation_for_text(title, occupations_by_title())
        if title
        else Occupation.objects.filter(pk=request.POST.get("occupation") or None).first()
    )
    if reading is None or occupation is None:
        error = f"직업사전에서 ‘{title}’을(를) 찾지 못했습니다. 직업명을 확인해 주십시오." if title else ""
        return _recommendations_panel(request, seeker, error or "확인할 직업을 골라 주십시오.", title, status=400)
    record_correction(
        text=reading.text,
        occupation=occupation,
        source=OccupationCorrection.Source.SEEKER,
        actor=request.user,
        guessed=reading.guesses[0][0] if reading.guesses else None,
    )
    if StoredMatches.objects.filter(seeker=seeker).exists():  # the stored list read the words the old way
        seeker_matches_refresh(seeker=seeker)
    return _recommendations_panel(request, seeker)


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


@role_required(*OVERSIGHT)
def corrections(request: HttpRequest) -> HttpResponse:
    """직종 확인·정정: the pairs the normalizer learned, by source and language, to remove wrong ones."""
    source = request.GET.get("source", "")
    language = request.GET.get("language", "")
    removed = request.GET.get("state") == "removed"
    page = Paginator(corrections_list(source=source, language=language, removed=removed), 50).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "source": source,
        "language": language,
        "removed": removed,
        "sources": OccupationCorrection.Source.choices,
        "languages": correction_languages(),
    }
    return render(request, "matching/corrections.html", context)


@require_POST
@role_required(*OVERSIGHT)
def correction_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove a wrong pair (a reason is required); the normalizer stops using it at once."""
    try:
        pair = correction_remove(correction_id=pk, actor=request.user, reason=request.POST.get("reason", ""))
    except MatchingError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"‘{pair.phrase}’ → {pair.occupation.title} 짝을 삭제했습니다. 바로 쓰이지 않습니다.")
    return redirect(f"{reverse('matching:corrections')}?{request.POST.get('back', '')}")
