"""What went wrong, said in the reader's language: the domain services raise Korean messages with a
``code``, and the portal says each code here (an unknown one falls back to a plain apology)."""

from django.utils.translation import gettext as _

from iljari.core.errors import IljariError, StaleRecord


def said(error: IljariError) -> str:
    p = error.params
    if isinstance(error, StaleRecord):
        return said(IljariError("", code="stale"))
    match error.code:
        case "resend_wait":
            return _("인증번호를 방금 보냈습니다. %(seconds)s초 뒤에 다시 요청해 주십시오.") % {
                "seconds": p.get("seconds", 60)
            }
        case "number_limit":
            return _("이 번호로 인증번호를 너무 많이 요청하셨습니다. 한 시간 뒤에 다시 해 주십시오.")
        case "address_limit":
            return _("이 기기에서 인증번호 요청이 너무 많습니다. 한 시간 뒤에 다시 해 주십시오.")
        case "send_failed":
            return _("인증번호 문자를 보내지 못했습니다. 잠시 뒤에 다시 해 주십시오.")
        case "none":
            return _("유효한 인증번호가 없습니다. 인증번호를 다시 받아 주십시오.")
        case "expired":
            return _("인증번호의 유효 시간(5분)이 지났습니다. 인증번호를 다시 받아 주십시오.")
        case "too_many_tries":
            return _("인증번호를 여러 번 틀리셨습니다. 인증번호를 다시 받아 주십시오.")
        case "wrong":
            return _("인증번호가 맞지 않습니다. %(left)s번 더 입력하실 수 있습니다.") % {"left": p.get("left", 0)}
        case "phone_on_file":
            return _("이미 등록된 휴대전화입니다. 로그인해 주십시오.")
        case "vacancy_closed":
            return _("모집이 끝난 일자리입니다.")
        case "no_consent":
            return _("이 신청을 하시려면 먼저 '개인정보 동의'에서 동의해 주십시오.")
        case "already_asked":
            return _("이미 신청하셨습니다. '나의 구직'에서 진행 상황을 보실 수 있습니다.")
        case "not_open":
            return _("이미 처리되어 바꿀 수 없습니다.")
        case "business_number":
            return _(
                "사업자등록번호가 올바르지 않습니다. 10자리 숫자를 다시 확인해 주십시오(마지막 자리는 검증번호입니다)."
            )
        case "company_on_file":
            return _("이미 등록된 사업자등록번호입니다. 로그인해 주십시오.")
        case "stale":
            return _(
                "그사이 다른 곳에서 이 정보가 바뀌었습니다. 바뀐 내용을 확인하신 뒤 다시 저장해 주십시오. 입력하신 내용은 그대로 두었습니다."
            )
        case "candidate_gone":
            return _("이 후보에게는 지금 면접을 요청하실 수 없습니다. 목록을 새로 고쳐 주십시오.")
        case "company_unconfirmed":
            return _("상담사가 회사를 확인한 뒤에 하실 수 있습니다.")
        case "already_enrolled":
            return _("이미 신청하신 사업입니다. '나의 구직'에서 진행 상황을 보실 수 있습니다.")
        case "ineligible":
            return _("이 사업의 참여 조건에 맞지 않아 신청하지 않았습니다.")
        case "program_over":
            return _("이미 끝난 사업입니다.")
        case "seeker_inactive":
            return _("지금은 구직 신청이 멈춘 상태라 신청하실 수 없습니다. 일자리센터로 전화해 주십시오.")
        case "selection_done":
            return _("선발 결과가 나온 뒤에는 직접 취소하실 수 없습니다. 일자리센터로 전화해 주십시오.")
        case "minimum_wage":
            return _("최저임금보다 적습니다. 올해 최저시급은 %(hourly)s원입니다.") % {"hourly": p.get("hourly", "")}
    return _("요청을 처리하지 못했습니다. 입력하신 내용은 그대로 있습니다. 계속되면 일자리센터로 전화해 주십시오.")
