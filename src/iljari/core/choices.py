"""Choice lists that seekers and vacancies share, so both sides of a match speak alike."""

from django.db import models


class EmploymentType(models.TextChoices):
    REGULAR = "regular", "정규직"
    CONTRACT = "contract", "계약직"
    PART_TIME = "part_time", "시간제"
    DAILY = "daily", "일용직"
    ANY = "any", "무관"


class Shift(models.TextChoices):
    DAY = "day", "주간"
    NIGHT = "night", "야간"
    TWO_SHIFT = "two_shift", "2교대"
    THREE_SHIFT = "three_shift", "3교대"
    WEEKEND = "weekend", "주말"


class WageType(models.TextChoices):
    HOURLY = "hourly", "시급"
    DAILY = "daily", "일급"
    MONTHLY = "monthly", "월급"
    ANNUAL = "annual", "연봉"


class KoreanLevel(models.IntegerChoices):
    NONE = 0, "못함"
    BASIC = 1, "하(기초 의사소통)"
    INTERMEDIATE = 2, "중(업무 지시 이해)"
    ADVANCED = 3, "상(문서 작성 가능)"
    NATIVE = 4, "모국어 수준"


class Accessibility(models.TextChoices):
    WHEELCHAIR = "wheelchair", "휠체어 접근"
    VISUAL = "visual", "시각 보조"
    HEARING = "hearing", "청각 보조(수어·문자)"
    SEATED_WORK = "seated_work", "좌식 작업"
    FLEXIBLE_HOURS = "flexible_hours", "근무시간 조정"
