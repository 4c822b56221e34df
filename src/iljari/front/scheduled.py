"""The nightly jobs: vacancies past their 마감일 close as 기간 만료, 구직 신청 without contact lapse,
form submission keys too old for any open page are forgotten, a program's completers who found work
are recorded 취업, every active seeker's 추천 목록 is computed again (``matching/batch.py``).

Each is a service that is safe to run twice. The worker runs each as a periodic job on the queue
(registered in its app's ``AppConfig.ready``) and catches up a missed night when it starts;
``iljari nightly`` runs them all at once by hand, or from cron where no worker runs.
"""

from collections.abc import Callable
from datetime import date

from iljari.core.submissions import submissions_forget
from iljari.matching.batch import match_all_nightly
from iljari.seekers.services import seekers_lapse
from iljari.training.services import enrollments_place
from iljari.vacancies.services import vacancies_expire

NIGHTLY: dict[str, Callable[..., list[int]]] = {
    "구인표 기간 만료": vacancies_expire,
    "구직 신청 유효기간 만료": seekers_lapse,
    "지난 양식 키 정리": submissions_forget,
    "수료 후 취업 성과 기록": enrollments_place,
    "추천 목록 일괄 계산": match_all_nightly,  # last: it reads the vacancies the first job closed
}


def nightly_run(*, today: date) -> dict[str, int]:
    """Run every nightly job for ``today``; returns how many records each moved."""
    return {name: len(job(today=today)) for name, job in NIGHTLY.items()}
