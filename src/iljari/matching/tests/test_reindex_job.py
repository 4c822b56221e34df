"""``iljari reindex --queue``: the rebuild runs as a queued job, with the embedding stage as its progress."""

from io import StringIO

from django.core.management import call_command

from iljari.core.models import Job
from iljari.matching.indexes import index_folder


def test_reindex_on_the_queue_rebuilds_and_saves_the_indexes(matching, make_vacancy, make_seeker):
    make_vacancy(title="아크용접원")
    make_seeker()
    out = StringIO()
    call_command("reindex", queue=True, stdout=out)
    record = Job.objects.get(label="매칭 색인 다시 만들기")
    assert f"매칭 색인 작업 {record.pk}을 대기열에 넣었습니다" in out.getvalue()
    assert record.status == Job.Status.SUCCEEDED and record.result == {"vacancies": 1, "seekers": 1}
    saved = index_folder() / (index_folder() / "current").read_text().strip()
    assert (saved / "state.json").exists()
