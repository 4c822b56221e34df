"""구직자 정기 작업 — 구직 신청 without contact lapse; personal data kept no longer than the city's 보유기간."""

from django.utils import timezone

from iljari.core.jobs import JobRun, job
from iljari.seekers.services import seekers_lapse


@job(label="유효기간 지난 구직 신청 만료")
def lapse_nightly(run: JobRun) -> dict:
    return {"lapsed": len(seekers_lapse(today=timezone.localdate()))}


def retention_apply() -> int:
    """Hook point for issue 15 (Build 4): anonymize seekers inactive past the 보유기간, with notice first.

    The retention rule (the city's period as data, the notice, the erasure through
    ``privacy``) comes with that issue; this is where the nightly job calls it. Until then it
    erases nothing.
    """
    return 0


@job(label="보유기간 지난 개인정보 정리")
def retention_nightly(run: JobRun) -> dict:
    return {"anonymized": retention_apply()}
