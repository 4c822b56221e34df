"""The words of the records as the public reads them, each through gettext.

The records keep codes (``night``, ``monthly``, ``F-2``); staff pages show the Korean labels of the
models, and the portal shows these, in the reader's language. One table per field, written once.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from iljari.core.choices import EmploymentType, KoreanLevel, Shift, WageType

SHIFTS = {
    Shift.DAY: _("주간"),
    Shift.NIGHT: _("야간"),
    Shift.TWO_SHIFT: _("2교대"),
    Shift.THREE_SHIFT: _("3교대"),
    Shift.WEEKEND: _("주말"),
}
EMPLOYMENT_TYPES = {
    EmploymentType.REGULAR: _("정규직"),
    EmploymentType.CONTRACT: _("계약직"),
    EmploymentType.PART_TIME: _("시간제"),
    EmploymentType.DAILY: _("일용직"),
    EmploymentType.ANY: _("상관없음"),
}
# "%(amount)s" is the number of won, already grouped (2,600,000).
WAGES = {
    WageType.HOURLY: _("시급 %(amount)s원"),
    WageType.DAILY: _("일급 %(amount)s원"),
    WageType.MONTHLY: _("월급 %(amount)s원"),
    WageType.ANNUAL: _("연봉 %(amount)s원"),
}
WAGE_TYPES = {
    WageType.HOURLY: _("시급"),
    WageType.DAILY: _("일급"),
    WageType.MONTHLY: _("월급"),
    WageType.ANNUAL: _("연봉"),
}
KOREAN_LEVELS = {
    KoreanLevel.NONE: _("한국어를 거의 못 합니다"),
    KoreanLevel.BASIC: _("간단한 대화를 할 수 있습니다"),
    KoreanLevel.INTERMEDIATE: _("일하면서 하는 지시를 알아듣습니다"),
    KoreanLevel.ADVANCED: _("한국어로 글을 쓸 수 있습니다"),
    KoreanLevel.NATIVE: _("모국어처럼 합니다"),
}
WORK_HOURS = {
    "full_time": _("전일제(하루 8시간 정도)"),
    "part_time": _("시간제(짧은 시간)"),
    "any": _("상관없음"),
}
BENEFITS = {
    "dormitory": _("기숙사"),
    "commuter_bus": _("통근버스"),
    "meals": _("식사 제공"),
    "social_insurance": _("4대보험"),
    "severance": _("퇴직금"),
    "bonus": _("상여금"),
}
# Where a portal request or a referral stands, as the seeker follows it: 신청 → 알선 → 면접 → 결과.
STEPS = [
    ("requested", pgettext_lazy("referral step", "신청")),
    ("referred", pgettext_lazy("referral step", "알선")),
    ("interview", pgettext_lazy("referral step", "면접")),
    ("result", pgettext_lazy("referral step", "결과")),
]
OUTCOMES = {
    "hired": _("채용되었습니다"),
    "not_hired": _("이번에는 채용되지 않았습니다"),
    "cancelled": _("알선이 취소되었습니다"),
    "declined": _("상담사가 알선하지 않기로 했습니다"),
    "withdrawn": _("신청을 취소하셨습니다"),
}
# Why a company did not hire someone it interviewed (the referral's 불채용 사유).
NOT_HIRED_REASONS = {
    "wage": _("임금이 맞지 않음"),
    "hours": _("근무시간이 맞지 않음"),
    "distance": _("거리가 멂"),
    "qualification": _("자격이 부족함"),
    "seeker_withdrew": _("구직자가 포기함"),
    "employer": _("회사 사정"),
    "other": _("기타"),
}
APPLICANT_STEPS = {
    "referred": _("상담사가 소개했습니다"),
    "interview": _("면접 예정"),
    "hired": _("채용"),
    "not_hired": _("불채용"),
    "cancelled": _("알선 취소"),
}
