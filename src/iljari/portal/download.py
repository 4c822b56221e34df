"""내 정보 내려받기 — what iljari holds about the signed-in seeker, as one workbook in their language.

Read through the audited selectors (``own_record``, ``my_applications``) and written by the one export
writer (core.spreadsheets). The desk is named, never a staff member.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from iljari.core.spreadsheets import HEADER, sheet_append, workbook_bytes
from iljari.events.models import Registration
from iljari.portal.consents import BY_PURPOSE
from iljari.portal.selectors import my_applications, own_record
from iljari.portal.words import EMPLOYMENT_TYPES, KOREAN_LEVELS, SHIFTS, STEPS, WORK_HOURS
from iljari.privacy.models import Consent


def _sheet(book: Workbook, title: str, headers: list[str], rows: list[list]) -> None:
    sheet = book.create_sheet(title[:31])
    sheet_append(sheet, headers)
    for cell in sheet[1]:
        cell.fill = HEADER
    for row in rows:
        sheet_append(sheet, row)
    for column, width in zip("ABCDEF", (28, 40, 24, 24, 24, 24), strict=False):
        sheet.column_dimensions[column].width = width


def my_data_workbook(*, seeker_id: int) -> bytes:
    seeker = own_record(seeker_id=seeker_id, purpose="본인 정보 내려받기(포털)")
    languages = dict(settings.LANGUAGES)
    book = Workbook()
    book.remove(book.active)
    _sheet(
        book,
        _("내 정보"),
        [_("항목"), _("내용")],
        [
            [_("성명"), seeker.name],
            [_("휴대전화 번호"), seeker.phone],
            [_("생년월일"), seeker.birth_date],
            [_("주소"), seeker.address],
            [_("사는 동"), seeker.home_dong.name if seeker.home_dong else ""],
            [_("사용 언어"), languages.get(seeker.preferred_language, seeker.preferred_language)],
            [_("찾으시는 일(적으신 그대로)"), seeker.desired_job_text],
            [_("확인한 직종"), ", ".join(o.title for o in seeker.desired_occupations.all())],
            [_("희망 임금(한 달, 원)"), seeker.reservation_wage],
            [_("일하고 싶은 시간"), str(WORK_HOURS.get(seeker.work_hours, ""))],
            [_("할 수 있는 근무형태"), ", ".join(str(SHIFTS.get(s, s)) for s in seeker.shifts or [])],
            [_("고용 형태"), str(EMPLOYMENT_TYPES.get(seeker.employment_type, ""))],
            [_("경력(년)"), seeker.experience_years],
            [_("경력"), seeker.experience],
            [_("자격증"), ", ".join(lic.name for lic in seeker.licences.all())],
            [_("한국어"), str(KOREAN_LEVELS.get(seeker.korean_level, ""))],
            [_("체류자격"), seeker.visa_type.code if seeker.visa_type else ""],
            [_("비고"), seeker.remarks],
            [_("구직 등록일"), seeker.registered_on],
            [_("담당 창구"), seeker.desk.name],
        ],
    )
    consents = Consent.objects.filter(seeker_id=seeker_id).order_by("recorded_at")
    _sheet(
        book,
        _("동의"),
        [_("목적"), _("답"), _("기록 일시"), _("철회 일시"), _("동의서 판")],
        [
            [
                str(BY_PURPOSE[c.purpose].title) if c.purpose in BY_PURPOSE else c.get_purpose_display(),
                _("동의합니다") if c.granted else _("동의하지 않습니다"),
                timezone.localtime(c.recorded_at).replace(tzinfo=None),
                timezone.localtime(c.withdrawn_at).replace(tzinfo=None) if c.withdrawn_at else "",
                c.version,
            ]
            for c in consents
        ],
    )
    steps = dict(STEPS)
    _sheet(
        book,
        _("알선 신청과 진행 상황"),
        [_("일자리"), _("회사"), _("단계"), _("결과"), _("면접 일시")],
        [
            [
                str(a.occupation) if a.occupation else "",
                a.vacancy.employer.name if a.vacancy else "",
                str(steps[a.step]),
                a.outcome_text,
                timezone.localtime(a.interview_at).replace(tzinfo=None) if a.interview_at else "",
            ]
            for a in my_applications(seeker=seeker)
        ],
    )
    registrations = Registration.objects.filter(seeker_id=seeker_id).select_related("event").order_by("event__date")
    _sheet(
        book,
        _("채용행사"),
        [_("행사"), _("일자"), _("참가권 번호")],
        [[r.event.name, r.event.date, r.ticket] for r in registrations],
    )
    return workbook_bytes(book)
