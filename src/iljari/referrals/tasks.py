"""알선 정기 작업 — reminders of the 1·3·6-month follow-ups (사후관리) that fall due."""

from iljari.core.jobs import JobRun, job


def follow_ups_remind() -> int:
    """Hook point for issue 14 (item 4): remind each counselor of follow-ups and lapsing 구직 신청 due soon.

    The reminder a counselor receives (a task on their list) comes with that issue; this is where the
    nightly job asks for them. Until then it sends none (the home page lists what is due this week).
    """
    return 0


@job(label="사후관리 알림")
def remind_nightly(run: JobRun) -> dict:
    return {"reminded": follow_ups_remind()}
