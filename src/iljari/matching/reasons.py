"""Reason codes from the engine, said in plain Korean a counselor can read aloud."""

from django.utils.translation import gettext as _

from iljari.matching.engine.reasons import Reason
from iljari.text.josa import particle


def _won(amount: int) -> str:
    man = abs(amount) // 10_000
    return f"{man:,}만원" if man else f"{abs(amount):,}원"


def reason_text(reason: Reason) -> str:
    p = reason.params
    match reason.code:
        case "occupation_match":
            return _("희망직종 '%(title)s'%(particle)s 일치") % {
                "title": p["title"],
                "particle": particle(p["title"], "과", "와"),
            }
        case "occupation_same_group":
            return _("같은 직종군(%(group)s)") % p
        case "occupation_related":
            return _("비슷한 직종군(%(group)s)") % p
        case "title_similar":
            return _("희망직종과 비슷한 모집직종 '%(title)s'") % p
        case "commute":
            if p["from"] and p["from"] == p["to"]:
                return _("집과 같은 동(%(to)s), 약 %(minutes)s분") % p
            if p["from"] and p["to"]:
                return _("집에서 약 %(minutes)s분 (%(from)s → %(to)s)") % p
            return _("약 %(minutes)s분 거리") % p
        case "licence_required_held":
            return _("%(name)s 보유 (필수)") % p
        case "licence_preferred_held":
            return _("%(name)s 보유 (우대)") % p
        case "wage_vs_reservation":
            if p["diff"] > 0:
                return _("희망임금보다 월 %(diff)s 높음") % {"diff": _won(p["diff"])}
            return (
                _("희망임금과 비슷함")
                if p["diff"] == 0
                else _("희망임금보다 월 %(diff)s 낮음") % {"diff": _won(p["diff"])}
            )
        case "korean_short":
            return _("요구하는 한국어 수준보다 한 단계 낮음")
        case "many_referrals":
            return _("이미 알선 %(count)s건 진행 중") % p
        case "visa_ok":
            return _("체류자격 %(code)s 채용 가능") % p
        case "missing_licence":
            return _("필수 자격증 없음: %(names)s") % {"names": ", ".join(p["names"])}
        case "missing_visa":
            return _("체류자격 %(code)s(으)로는 취업할 수 없는 일자리") % p
        case "missing_reservation_wage":
            return _("희망임금보다 월 %(diff)s 낮음") % {"diff": _won(p["diff"])}
        case "missing_minimum_wage":
            return _("최저임금에 미치지 못함")
        case "missing_hours":
            return _("희망 근무시간과 맞지 않음")
        case "missing_shift":
            return _("가능한 근무형태가 아님")
        case "missing_accessibility":
            return _("휠체어 접근이 가능한 사업장이 아님")
        case "missing_korean":
            return _("요구하는 한국어 수준에 미치지 못함")
        case "missing_closed":
            return _("모집 마감")
        case "missing_unrelated":
            return _("희망직종과 관련 없는 일")
    return reason.code
