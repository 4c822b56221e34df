"""The consent wording the portal shows, one text per purpose, each with its version and date.

개인정보 보호법 제15조·제22조: each purpose is asked for separately, with what is collected, for how
long it is kept, and that the person may refuse (and what refusing means). The Korean text is the
one agreed to; the translations are there so it is understood. A changed text gets a new version,
and each Consent row names the version the person read.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from iljari.privacy.models import Consent

P = Consent.Purpose


@dataclass(frozen=True)
class ConsentText:
    purpose: str
    version: str
    dated: date
    required: bool  # needed to use the portal at all (구직 알선); the others are optional
    title: Promise
    use: Promise
    items: Promise
    retention: Promise
    refusal: Promise


TEXTS = [
    ConsentText(
        P.EMPLOYMENT_SERVICES,
        "2026-12",
        date(2026, 12, 1),
        True,
        _("구직 알선"),
        _("일자리를 찾아 드리고(알선), 상담하고, 취업 뒤 1·3·6개월에 안부를 여쭙는 데 씁니다."),
        _("성명, 생년월일, 휴대전화, 사는 동, 희망 직종·임금·근무시간, 경력, 자격증, 한국어 수준, 체류자격"),
        _("구직 신청이 끝난 뒤 3년 동안 보관하고 파기합니다."),
        _("동의하지 않으실 수 있습니다. 다만 동의하지 않으시면 포털에서 구직 신청과 알선 신청을 하실 수 없습니다."),
    ),
    ConsentText(
        P.EVENTS,
        "2026-12",
        date(2026, 12, 1),
        False,
        _("채용행사"),
        _("채용박람회·채용의 날 참가 신청과 면접 시간표, 입장 확인에 씁니다."),
        _("성명, 휴대전화, 희망 직종, 참가 신청 내용"),
        _("행사가 끝난 뒤 1년 동안 보관하고 파기합니다."),
        _(
            "동의하지 않으셔도 됩니다. 채용행사 안내와 신청을 받으실 수 없을 뿐, 다른 서비스는 그대로 이용하실 수 있습니다."
        ),
    ),
    ConsentText(
        P.PROGRAMS,
        "2026-12",
        date(2026, 12, 1),
        False,
        _("교육·일자리 사업"),
        _(
            "교육 과정과 시의 일자리 사업에 참여 신청을 받고, 참여 자격을 확인하고, 선발하고, 운영 기관에 참여자 명단을 보내고, 출석과 수료를 확인하는 데 씁니다."
        ),
        _(
            "성명, 생년월일, 휴대전화, 사는 동, 대상계층, 체류자격, 신청하실 때 적어 주신 가구 소득과 1인 가구 여부, 출석·수료 기록"
        ),
        _("사업이 끝난 뒤 3년 동안 보관하고 파기합니다."),
        _(
            "동의하지 않으셔도 됩니다. 교육·일자리 사업에 신청하실 수 없을 뿐, 다른 서비스는 그대로 이용하실 수 있습니다."
        ),
    ),
    ConsentText(
        P.SHARE_WITH_EMPLOYERS,
        "2026-12",
        date(2026, 12, 1),
        False,
        _("기업에 요약 공개"),
        _(
            "구인업체가 기업 포털에서 내 이름과 연락처 없이 요약(희망 직종, 경력, 자격증, 사는 동)을 보고 면접을 요청할 수 있게 합니다."
        ),
        _("희망 직종, 경력 연수, 자격증, 사는 동, 잘 맞는 이유(이름, 연락처, 생년월일은 보이지 않습니다)"),
        _("동의를 거두시거나 구직 신청이 끝나면 바로 공개를 멈춥니다."),
        _("동의하지 않으셔도 됩니다. 상담사가 알선하는 일자리는 그대로 안내해 드립니다."),
    ),
]
BY_PURPOSE = {t.purpose: t for t in TEXTS}
