"""A program enrollment's lifecycle: 신청 → 선발 / 미선발 → 참여 중 → 수료 → 취업, or 중도 포기·취소."""

from iljari.core.lifecycles import Lifecycle, Move
from iljari.training.models import Enrollment

S = Enrollment.Status

DROP_REASONS = (
    ("own_request", "본인 요청"),
    ("employed", "취업"),
    ("unreachable", "연락 두절"),
    ("absence", "출석 미달"),
    ("other", "기타"),
)

ENROLLMENT = Lifecycle(
    object_type="enrollment",
    noun="참여 신청",
    model=Enrollment,
    states=S,
    moves=(
        Move("select", "선발", (S.APPLIED,), S.SELECTED),
        Move("reject", "미선발", (S.APPLIED,), S.NOT_SELECTED),
        Move("start", "참여 시작", (S.SELECTED,), S.ATTENDING),
        Move("complete", "수료", (S.ATTENDING,), S.COMPLETED),
        Move("drop", "중도 포기·취소", (S.APPLIED, S.SELECTED, S.ATTENDING), S.DROPPED, reasons=DROP_REASONS),
        Move("place", "취업", (S.COMPLETED,), S.PLACED),
        # A selection redone (a correction): the earlier result goes back to 신청 with why.
        Move("reopen", "선발 정정", (S.SELECTED, S.NOT_SELECTED), S.APPLIED, needs_note=True),
        # An application that ended before the course (taken back, or dropped by the desk) is made again
        # while the program takes applications; the selection then ranks it like any other.
        Move("reapply", "재신청", (S.DROPPED,), S.APPLIED),
    ),
)
