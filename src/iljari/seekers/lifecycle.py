"""The seeker's lifecycle: 구직 중 → 취업 / 구직 중단 / 유효기간 만료 → 재등록 (구직 중); 개인정보 파기 ends it."""

from iljari.core.lifecycles import Lifecycle, Move
from iljari.seekers.models import Seeker

S = Seeker.Status
NOT_SEEKING = (S.PLACED, S.WITHDRAWN, S.LAPSED)

# Why a person stops looking, as a list: the log is not encrypted, so it holds no free text about a seeker.
WITHDRAW_REASONS = (
    ("own_request", "본인 요청"),
    ("unreachable", "연락 두절"),
    ("moved", "타 지역 이주"),
    ("training", "진학·직업훈련"),
    ("other", "기타"),
)

SEEKER = Lifecycle(
    object_type="seeker",
    noun="구직자",
    model=Seeker,
    states=S,
    moves=(
        # A seeker who had stopped or lapsed may still turn out to have been hired.
        Move("place", "취업", (S.ACTIVE, S.WITHDRAWN, S.LAPSED), S.PLACED),
        Move("withdraw", "구직 중단", (S.ACTIVE,), S.WITHDRAWN, reasons=WITHDRAW_REASONS),
        Move("lapse", "유효기간 만료", (S.ACTIVE,), S.LAPSED),
        Move("reactivate", "재등록", NOT_SEEKING, S.ACTIVE),
        # The placement that made them 취업 was withdrawn (a corrected outcome) and no other stands.
        Move("unplace", "취업 철회", (S.PLACED,), S.ACTIVE),
        Move("erase", "개인정보 파기", (S.ACTIVE, *NOT_SEEKING), S.ERASED),
    ),
)

# The status a person asks for (the CLI, the API, the page's buttons) → the move that reaches it.
STATUS_MOVES = {S.ACTIVE.value: "reactivate", S.WITHDRAWN.value: "withdraw", S.LAPSED.value: "lapse"}
