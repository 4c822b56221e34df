"""What the matching app writes: the occupations counselors and seekers confirm or correct, and the
outcome-learned ranker's retraining."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from iljari.accounts.models import User
from iljari.core.errors import IljariError
from iljari.matching.catalogue import correction_phrase
from iljari.matching.engine.outcomes import FEATURES
from iljari.matching.indexes import matching_indexes
from iljari.matching.models import OccupationCorrection, OccupationGuess, RankerModel
from iljari.matching.ranker import DONE, MIN_EXAMPLES, Examples, beats_v1, outcome_examples, time_split
from iljari.privacy.audit import Actor
from iljari.reference.models import Occupation
from iljari.referrals.models import Referral
from iljari.seekers.models import Seeker
from iljari.text.language import detect_language
from iljari.vacancies.models import Vacancy


class MatchingError(IljariError):
    """A pair that cannot be recorded or removed, a ranker that cannot be retrained: why, in Korean."""


def _reread(phrase: str) -> None:
    """Records whose own words are this phrase are read again by every process's matching index
    (its sync looks at ``updated_at``), so a new or removed pair reaches their recommendations."""
    now = timezone.now()
    OccupationGuess.objects.filter(text__iexact=phrase).delete()
    Seeker.objects.filter(desired_job_text__iexact=phrase).update(updated_at=now)
    Vacancy.objects.filter(occupation__isnull=True, title__iexact=phrase).update(updated_at=now)


def record_correction(
    *,
    text: str,
    occupation: Occupation,
    source: str,
    actor: Actor,
    guessed: Occupation | None = None,
    language: str = "",
) -> OccupationCorrection | None:
    """Keep that ``text`` names ``occupation``, as someone confirmed (it was the guess) or corrected it.

    The same pair confirmed again counts once more. From now on the normalizer reads the phrase as
    this occupation and knows it as one of its names. Nothing is kept for an empty phrase or one
    that is already the occupation's own title.
    """
    phrase = correction_phrase(text)
    if not phrase or phrase.replace(" ", "") == occupation.title.replace(" ", ""):
        return None
    if source not in OccupationCorrection.Source.values:
        raise MatchingError(f"알 수 없는 출처입니다: {source}")
    with transaction.atomic():
        standing = OccupationCorrection.objects.select_for_update().filter(
            phrase=phrase, occupation=occupation, removed_at__isnull=True
        )
        if standing.update(confirmations=F("confirmations") + 1, updated_at=timezone.now()):
            return standing.get()
        pair = OccupationCorrection.objects.create(
            phrase=phrase,
            occupation=occupation,
            guessed=guessed,
            language=language or detect_language(phrase),
            source=source,
            recorded_by=actor if isinstance(actor, User) else None,
        )
        _reread(phrase)
    return pair


def correction_remove(*, correction_id: int, actor: User, reason: str) -> OccupationCorrection:
    """Stop using a wrong pair at once; the row stays with who removed it, when and why."""
    reason = (reason or "").strip()
    if not reason:
        raise MatchingError("삭제 사유를 입력해 주십시오.")
    with transaction.atomic():
        pair = OccupationCorrection.objects.select_for_update().filter(pk=correction_id).first()
        if pair is None:
            raise MatchingError("찾을 수 없는 확인·정정 기록입니다.")
        if pair.removed_at is not None:
            raise MatchingError("이미 삭제된 기록입니다.")
        pair.removed_at, pair.removed_by, pair.removed_reason = timezone.now(), actor, reason[:200]
        pair.save(update_fields=["removed_at", "removed_by", "removed_reason", "updated_at"])
        _reread(pair.phrase)
    return pair


def ranker_retrain(*, examples: Examples | None = None, train_share: float = 0.7) -> RankerModel:
    """Retrain the outcome-learned ranker on a time split and keep it with its holdout figures and
    v1's; it orders recommendations from now on only if it beats v1 there (``beats_v1``), else v1
    stays in charge. ``examples`` default to every referral with a result."""
    if examples is None:
        done = Referral.objects.filter(status__in=DONE).count()
        if done < MIN_EXAMPLES:  # said before the indexes are loaded: a new installation's weekly job is quick
            raise MatchingError(f"결과가 기록된 알선이 {done}건뿐입니다(최소 {MIN_EXAMPLES}건).")
        examples = outcome_examples(Referral.objects.all(), matching_indexes())
    try:
        result, booster = time_split(examples, train_share)
    except ValueError as exc:
        raise MatchingError(str(exc)) from exc
    return RankerModel.objects.create(
        train_examples=result.train,
        test_examples=result.test,
        auc_v1=result.auc_v1,
        auc_model=result.auc_ranker,
        ndcg5_v1=result.ndcg5_v1,
        ndcg5_model=result.ndcg5_ranker,
        features=list(FEATURES),
        live=beats_v1(result),
        booster=booster.model_to_string(),
    )
