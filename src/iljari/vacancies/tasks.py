"""구인표 정기 작업 — vacancies past their 마감일 close overnight (and at once when a night was missed)."""

from iljari.core.jobs import JobRun, job


def expire_overdue() -> int:
    """Hook point for issue 14 (item 4): close open vacancies past their 마감일 as 기간 만료.

    The vacancy lifecycle (its state machine and ``vacancies.services.vacancies_expire()``) is being
    written with that issue; this is where the nightly job calls it. Until then it closes nothing.
    """
    return 0


@job(label="마감일 지난 구인표 마감")
def expire_nightly(run: JobRun) -> dict:
    return {"closed": expire_overdue()}
