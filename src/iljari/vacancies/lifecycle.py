"""The vacancy's lifecycle: (게시 전 확인 →) 모집 중 → 마감 (채용 완료 / 모집 취소 / 기간 만료) → 재공고 (모집 중)."""

from iljari.core.lifecycles import Lifecycle, Move
from iljari.vacancies.models import Vacancy

S = Vacancy.Status
CLOSED = (S.FILLED, S.CANCELLED, S.EXPIRED)

VACANCY = Lifecycle(
    object_type="vacancy",
    noun="구인표",
    model=Vacancy,
    states=S,
    moves=(
        # A vacancy past its date can still be filled by the interviews that were under way.
        Move("fill", "채용 완료", (S.OPEN, S.EXPIRED), S.FILLED),
        # A company's portal posting is published once a counselor has checked it, or turned down.
        Move("publish", "게시", (S.DRAFT,), S.OPEN),
        Move("cancel", "모집 취소", (S.OPEN, S.DRAFT), S.CANCELLED),
        Move("expire", "기간 만료", (S.OPEN,), S.EXPIRED),
        Move("reopen", "재공고", CLOSED, S.OPEN),
        # A hire that filled it was corrected: open again, or 기간 만료 if its 마감일 has passed meanwhile.
        Move("unfill", "채용 완료 철회", (S.FILLED,), S.OPEN),
        Move("unfill_expired", "채용 완료 철회", (S.FILLED,), S.EXPIRED),
    ),
)

FILLED_BY_HIRES = "모집 인원 채용"  # the note of a 채용 완료 that the hires made (not a person's closing)

# How a person names the way a vacancy closed (the CLI's --reason, the API's "reason") → the move.
CLOSE_MOVES = {S.FILLED.value: "fill", S.CANCELLED.value: "cancel", S.EXPIRED.value: "expire"}
