"""Text messages are sent by the worker, so a slow provider never holds a page and a restart loses none."""

from iljari.core.jobs import JobRun, job
from iljari.notify.services import message_deliver_now


@job(label="문자 발송", priority=50, keep_record=False)  # ahead of imports and reports: a code is awaited on a phone
def message_deliver(run: JobRun, message_id: int) -> dict:
    return {"status": message_deliver_now(message_id=message_id)}
