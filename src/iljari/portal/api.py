"""The public search API: the portal's search as JSON, for anyone (no token), rate-limited.

``GET /api/public/vacancies?q=TEXT&lang=LL[&dong=동]``: open vacancies only, public fields only
(occupation with its KECO code and Korean name, company, 동, wage, hours, shift, closing date) and
the reasons in ``LL``.
"""

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited
from ninja import Router, Status

from iljari.portal.selectors import search_cards
from iljari.reference.models import Dong

router = Router(auth=None, tags=["공개 검색"])
RATE = "60/m"


@router.get("/vacancies", response={200: dict, 429: dict}, url_name="public_vacancies")
def public_vacancies(request: HttpRequest, q: str = "", lang: str = "ko", dong: str = "") -> Status:
    """모집 중인 일자리 검색(공개): 아무 언어로 쓴 말과 동으로 찾고, 이유는 ``lang``으로 답합니다."""
    language = lang if lang in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    with translation.override(language):
        if is_ratelimited(request, group="public-api", key="ip", rate=RATE, method="GET", increment=True):
            return Status(429, {"detail": _("짧은 시간에 요청이 너무 많습니다. 몇 분 뒤에 다시 해 주십시오.")})
        place = Dong.objects.filter(name=dong.strip()).first() if dong.strip() else None
        cards = search_cards(text=q.strip()[:200], language=language, dong=place, k=20)
        found = {"q": q, "lang": language, "dong": place.name if place else None}
        return Status(200, {**found, "results": [c.as_json() for c in cards]})
