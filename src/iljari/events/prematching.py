"""Pre-matching: for each registered seeker, the booths whose vacancies fit them (the matching
engine's rules, scores and reasons) and the booths they picked themselves.

A booth's value for the timetable is its best vacancy's score, with a bonus when the seeker
picked it: their own choice counts. A picked booth the rules do not support still gets a
small value (the seeker wants to talk to them) and a caution for the interviewer.
"""

from collections.abc import Sequence

from django.db import transaction

from iljari.events.models import Booth, HiringEvent, Prematch, Registration
from iljari.matching.selectors import fits_among

MAX_BOOTHS = 6  # fitting booths kept per seeker (besides their picks): more is noise on a timetable
PICK_BONUS = 0.3
PICK_ONLY = 0.25
PICK_CAUTION = "본인이 고른 부스입니다. 매칭 조건에 맞지 않는 점이 있어 면접 때 확인이 필요합니다."


def prematch(*, event: HiringEvent, registrations: Sequence[Registration] | None = None) -> int:
    """(Re)compute the pre-matches of these registrations (all of the event's by default); returns pairs kept."""
    booths = list(event.booths.prefetch_related("vacancies"))
    booth_of = {v.pk: b for b in booths for v in b.vacancies.all() if v.status == v.Status.OPEN}
    if registrations is None:
        registrations = list(event.registrations.filter(no_show=False).select_related("seeker"))
    registrations = list(registrations)
    picks = {r.pk: set(r.picks.values_list("pk", flat=True)) for r in registrations}
    fits = fits_among(seekers=[r.seeker for r in registrations], vacancy_ids=list(booth_of))
    rows = []
    for registration in registrations:
        best: dict[int, Prematch] = {}
        for rec in fits.get(registration.seeker_id, []):
            booth = booth_of[rec.record_id]
            if booth.pk not in best:  # recommendations come best first: keep each booth's best vacancy
                best[booth.pk] = Prematch(
                    registration=registration,
                    booth=booth,
                    vacancy_id=rec.record_id,
                    score=rec.score / 100,
                    reasons=rec.reasons,
                    cautions=rec.cautions,
                )
        chosen = sorted(best.values(), key=lambda p: -p.score)
        kept = [p for p in chosen[:MAX_BOOTHS]] + [
            p for p in chosen[MAX_BOOTHS:] if p.booth_id in picks[registration.pk]
        ]
        for booth in booths:
            if booth.pk in picks[registration.pk] and booth.pk not in best:
                first = next((v for v in booth.vacancies.all() if v.status == v.Status.OPEN), None)
                kept.append(
                    Prematch(registration=registration, booth=booth, vacancy=first, score=0, cautions=[PICK_CAUTION])
                )
        for p in kept:
            p.picked = p.booth_id in picks[registration.pk]
            p.value = PICK_ONLY if p.score == 0 else p.score + (PICK_BONUS if p.picked else 0)
        rows += kept
    with transaction.atomic():
        Prematch.objects.filter(registration__in=registrations).delete()
        Prematch.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def booth_choices(event: HiringEvent) -> list[Booth]:
    """The booths a seeker can pick, with their vacancies, in booth order."""
    return list(event.booths.select_related("employer").prefetch_related("vacancies"))
