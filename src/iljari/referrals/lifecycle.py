"""The referral's lifecycle: 알선 → 면접 예정 → 채용 / 불채용 / 취소, and the corrections of an outcome.

A recorded outcome is not final: a wrong one is corrected with the reason written down (채용 ↔
불채용, a cancel that should not have been), or undone within a few minutes by the person who
recorded it (a wrong tap at a booth). Either way the services make the placement, the seeker and
the vacancy follow (``referrals/services.py``).
"""

from iljari.core.lifecycles import Lifecycle, Move
from iljari.referrals.models import Referral

S = Referral.Status
ACTIVE = (S.REFERRED, S.INTERVIEW)
DONE = (S.HIRED, S.NOT_HIRED, S.CANCELLED)
REASONS = tuple(Referral.Reason.choices)

REFERRAL = Lifecycle(
    object_type="referral",
    noun="알선",
    model=Referral,
    states=S,
    moves=(
        Move("interview", "면접 일정", ACTIVE, S.INTERVIEW),
        Move("hire", "채용", ACTIVE, S.HIRED),
        Move("reject", "불채용", ACTIVE, S.NOT_HIRED, reasons=REASONS),
        Move("cancel", "알선 취소", ACTIVE, S.CANCELLED, reasons=REASONS),
        Move("correct_hire", "채용으로 정정", (S.NOT_HIRED, S.CANCELLED), S.HIRED, needs_note=True),
        Move(
            "correct_reject", "불채용으로 정정", (S.HIRED, S.CANCELLED), S.NOT_HIRED, reasons=REASONS, needs_note=True
        ),
        Move("correct_cancel", "취소로 정정", (S.HIRED, S.NOT_HIRED), S.CANCELLED, reasons=REASONS, needs_note=True),
        # Back to 진행 중: the interview stays on record if there was one.
        Move("reopen_interview", "진행 중으로 정정", DONE, S.INTERVIEW, needs_note=True),
        Move("reopen_referred", "진행 중으로 정정", DONE, S.REFERRED, needs_note=True),
        Move("undo_interview", "되돌리기", DONE, S.INTERVIEW),
        Move("undo_referred", "되돌리기", DONE, S.REFERRED),
    ),
)

OUTCOME_MOVES = ("hire", "reject", "cancel")  # what an undo takes back
# What a correction asks for (the page's choice, the API's "to") → the move.
CORRECTIONS = {S.HIRED.value: "correct_hire", S.NOT_HIRED.value: "correct_reject", S.CANCELLED.value: "correct_cancel"}
REOPEN = "active"  # the correction back to 진행 중
