"""Demo staff care: the languages demo counselors counsel in, and a few abusive contacts with measures.

Synthetic, from a fixed seed, marked like the rest of the demo (every seeker and employer is a demo one).
"""

import random
from datetime import timedelta

from django.utils import timezone

from iljari.accounts.models import Desk, User
from iljari.employers.models import Employer
from iljari.safety.models import Incident
from iljari.safety.services import IncidentInput, incident_report, incident_respond
from iljari.seekers.models import Seeker

SEED = 19
# Where Ansan's foreign residents come to a desk, some counselors counsel in their languages.
LANGUAGES = [["zh-hans", "vi"], ["uz", "ru"], ["vi"], ["ne", "th"], ["zh-hans"], ["km", "mn"], ["en"]]
STORIES = [
    ("verbal", "desk", "알선 결과에 불만을 품고 창구에서 큰소리로 욕설을 반복함", ["two_person", "recording"]),
    ("long_call", "phone", "같은 질문으로 하루 세 번, 매번 40분 넘게 통화하며 담당자 교체를 요구함", ["recording"]),
    ("threat", "desk", "취업이 안 되면 센터에 찾아와 가만두지 않겠다고 말함", ["two_person", "appointment"]),
    ("demands", "message", "자격이 안 되는 구인표에 알선해 달라는 문자를 밤늦게 수십 통 보냄", ["portal_review"]),
    ("sexual", "phone", "채용 담당자가 상담사에게 외모에 관한 말을 반복함", ["recording"]),
    ("verbal", "phone", "번호를 밝히지 않은 사람이 상담 거절에 욕설을 하고 끊음", []),
]


def demo_safety_generate() -> dict[str, int]:
    """Counselors' languages at the busiest desks, then six incidents (some answered, one overdue)."""
    if Incident.objects.exists():
        return {}
    rng = random.Random(SEED)
    busy = Desk.objects.filter(kind__in=(Desk.Kind.CITY_HALL, Desk.Kind.PLUS_CENTER)) | Desk.objects.filter(
        dong__name__in=("원곡동", "선부1동", "고잔동")
    )
    counselors = list(User.objects.filter(role=User.Role.COUNSELOR, desk__in=busy).order_by("username"))
    for user, languages in zip(counselors, LANGUAGES, strict=False):
        user.languages = languages
        user.save(update_fields=["languages"])
    made = 0
    now = timezone.now()
    for n, (kind, channel, what, measures) in enumerate(STORIES):
        reporter = counselors[n % len(counselors)] if counselors else None
        if reporter is None:
            break
        seeker = employer = None
        if kind == "sexual":
            employer = Employer.objects.filter(is_demo=True).order_by("pk")[n]
        elif measures:
            seeker = Seeker.objects.filter(is_demo=True, desk=reporter.desk, status=Seeker.Status.ACTIVE).first()
        incident = incident_report(
            data=IncidentInput(
                kind=kind,
                channel=channel,
                occurred_at=now - timedelta(days=rng.randint(1, 40), hours=rng.randint(0, 6)),
                duration_minutes=rng.choice([5, 15, 40]),
                what_happened=what + " (시연용 가상 기록)",
                seeker=seeker,
                employer=employer,
                caller="" if (seeker or employer) else "발신번호 표시 제한",
                measures=measures if (seeker or employer) else [],
            ),
            reporter=reporter,
        )
        made += 1
        lead = (
            User.objects.filter(role=User.Role.DESK_LEAD, desk=reporter.desk).first()
            or User.objects.filter(role=User.Role.MANAGER).first()
        )
        if n % 3 != 2 and lead is not None:  # most are answered; the rest wait on 오늘의 업무
            incident_respond(
                incident=incident, actor=lead, response="당사자와 면담하고 보호 조치를 안내함", close=n % 2 == 0
            )
    return {"상담 언어를 등록한 상담사": min(len(counselors), len(LANGUAGES)), "악성 민원 기록": made}
