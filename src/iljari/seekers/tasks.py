"""구직자 정기 작업 — 구직 신청 without contact lapse; personal data kept no longer than the city's 보유기간."""

from django.utils import timezone

from iljari.core.jobs import JobRun, job
from iljari.seekers.retention import seekers_retention
from iljari.seekers.services import seekers_lapse


@job(label="유효기간 지난 구직 신청 만료")
def lapse_nightly(run: JobRun) -> dict:
    return {"lapsed": len(seekers_lapse(today=timezone.localdate()))}


@job(label="보유기간 지난 개인정보 파기")
def retention_nightly(run: JobRun) -> dict:
    done = seekers_retention(today=timezone.localdate())
    return {"noticed": len(done.noticed), "erased": len(done.erased)}
