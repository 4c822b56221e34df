"""What the matching app stores: the occupation normalizer's answers for texts it has seen."""

import json

from django.db import models

from iljari.core.fields import SafeCharField


class OccupationGuess(models.Model):
    """직종 추정 — the catalogue occupations a free text most likely names, with confidences.

    Cached by text so that a thousand seekers who typed "용접" cost one look-up, and an
    import never waits for the normalizer.
    """

    text = SafeCharField("입력 직종", max_length=200, unique=True)
    matches = models.JSONField("추정 직업", default=list, help_text="[[occupation pk, confidence], ...] best first")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "직종 추정"

    def __str__(self) -> str:
        return self.text


class OccupationCorrection(models.Model):
    """직종 확인·정정 — a phrase someone confirmed or corrected to an occupation, which the normalizer
    then reads as that occupation (an exact hit first, an extra name of it in retrieval).

    A wrong pair is removed, not deleted: who removed it, when and why stay on the row, and the
    normalizer stops using it at once.
    """

    class Source(models.TextChoices):
        SEEKER = "seeker", "구직자 등록·수정(상담사)"
        PORTAL = "portal", "구직자 본인(포털)"
        FIELD_NOTE = "field_note", "현장 메모(발굴)"
        IMPORT = "import", "가져오기"

    phrase = SafeCharField("입력 표현", max_length=200, help_text="정규화한 입력(직종 추정 캐시와 같은 형태)")
    occupation = models.ForeignKey(
        "reference.Occupation", on_delete=models.PROTECT, related_name="corrections", verbose_name="직업"
    )
    guessed = models.ForeignKey(
        "reference.Occupation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="처음 추정한 직업",
    )
    language = models.CharField("언어", max_length=12, blank=True)
    source = models.CharField("출처", max_length=12, choices=Source.choices)
    recorded_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="기록한 직원"
    )
    confirmations = models.PositiveIntegerField("확인 횟수", default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    removed_at = models.DateTimeField("삭제 일시", null=True, blank=True)
    removed_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="삭제한 직원"
    )
    removed_reason = SafeCharField("삭제 사유", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "직종 확인·정정"
        constraints = [
            models.UniqueConstraint(
                fields=["phrase", "occupation"],
                condition=models.Q(removed_at__isnull=True),
                name="one_standing_pair_per_phrase_and_occupation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.phrase} → {self.occupation_id}"

    @property
    def corrected(self) -> bool:
        """The phrase had been read as another occupation (a correction, not a confirmation)."""
        return self.guessed_id is not None and self.guessed_id != self.occupation_id


class RankerModel(models.Model):
    """학습 순위 모델 — a ranker retrained on referral outcomes, with its time-split holdout figures
    beside the v1 score's. It orders recommendations only while it is the latest one and ``live``."""

    trained_at = models.DateTimeField("학습 일시", auto_now_add=True)
    train_examples = models.PositiveIntegerField("학습 알선 수")
    test_examples = models.PositiveIntegerField("검증 알선 수")
    auc_v1 = models.FloatField("AUC(기본)")
    auc_model = models.FloatField("AUC(학습 모델)")
    ndcg5_v1 = models.FloatField("nDCG@5(기본)")
    ndcg5_model = models.FloatField("nDCG@5(학습 모델)")
    features = models.JSONField("입력 특징", default=list)
    live = models.BooleanField("순위에 사용", default=False)
    booster = models.TextField("모델(LightGBM)")

    class Meta:
        verbose_name = verbose_name_plural = "학습 순위 모델"
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"v{self.pk} ({'사용' if self.live else '미사용'})"


class MatchRun(models.Model):
    """일괄 추천 실행 — one run of ``iljari match --all``: its shards, and the process that drives it.

    The driving process is recorded as the queue records a worker (host, boot, pid and when it started),
    so a run whose driver was killed is known dead at once on this machine and is continued, not restarted.
    """

    class Status(models.TextChoices):
        RUNNING = "running", "실행 중"
        DONE = "done", "완료"

    status = models.CharField("상태", max_length=10, choices=Status.choices, default=Status.RUNNING)
    backend = SafeCharField("실행 방식", max_length=200, blank=True)  # "local×2", "ray:local", "ray:ray://…"
    k = models.PositiveSmallIntegerField("구직자별 추천 수", default=50)
    shard_size = models.PositiveIntegerField("묶음 크기")
    seekers = models.PositiveIntegerField("대상 구직자 수", default=0)
    snapshot = SafeCharField("색인 사본 폴더", max_length=500, blank=True)
    snapshot_seconds = models.FloatField("색인 사본 시간(초)", null=True, blank=True)
    started_at = models.DateTimeField("시작", auto_now_add=True)
    finished_at = models.DateTimeField("완료", null=True, blank=True)
    driver_host = SafeCharField(max_length=255, blank=True)
    driver_boot_id = SafeCharField(max_length=64, blank=True)
    driver_pid = models.PositiveIntegerField(null=True, blank=True)
    driver_pid_started = SafeCharField(max_length=32, blank=True)
    beat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "일괄 추천 실행"

    def __str__(self) -> str:
        return f"일괄 추천 #{self.pk} ({self.get_status_display()})"


class MatchShard(models.Model):
    """일괄 추천 묶음 — the active seekers of one id range; done only once its lists are all written."""

    class Status(models.TextChoices):
        PENDING = "pending", "대기"
        RUNNING = "running", "계산 중"
        DONE = "done", "완료"

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="shards")
    number = models.PositiveIntegerField("번호")
    first_seeker = models.BigIntegerField("첫 구직자 번호")
    last_seeker = models.BigIntegerField("끝 구직자 번호")
    seekers = models.PositiveIntegerField("구직자 수")
    status = models.CharField("상태", max_length=10, choices=Status.choices, default=Status.PENDING)
    worker = SafeCharField("처리한 곳", max_length=200, blank=True)
    seconds = models.FloatField("계산 시간(초)", null=True, blank=True)
    write_seconds = models.FloatField("저장 시간(초)", null=True, blank=True)
    peak_rss_mb = models.FloatField("작업자 최대 메모리(MB)", null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "일괄 추천 묶음"
        constraints = [models.UniqueConstraint(fields=["run", "number"], name="match_shard_unique_number")]
        ordering = ["run", "number"]

    def __str__(self) -> str:
        return f"{self.run_id}-{self.number}"


class _Unescaped(json.JSONEncoder):
    """Korean as UTF-8, not ``\\uXXXX``: half the bytes of a stored list on SQLite."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**{**kwargs, "ensure_ascii": False})


class StoredMatches(models.Model):
    """저장된 추천 목록 — a seeker's top vacancies with their reasons as the engine's codes, and when.

    ``items``: ``[[vacancy id, score, [[code, params, positive], ...]], ...]`` best first; the page says
    the reasons in Korean (``reasons.reason_text``) and drops what closed since. A commute's places
    are not stored (50 times the seeker's 동 per list): the page has both 동 at hand.
    """

    seeker = models.OneToOneField(
        "seekers.Seeker", primary_key=True, on_delete=models.CASCADE, related_name="stored_matches"
    )
    run = models.ForeignKey(MatchRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    computed_at = models.DateTimeField("계산 시각")
    items = models.JSONField("추천 목록", default=list, encoder=_Unescaped)

    class Meta:
        verbose_name = verbose_name_plural = "저장된 추천 목록"

    def __str__(self) -> str:
        return f"{self.seeker_id} @ {self.computed_at:%Y-%m-%d %H:%M}"
