"""Field notes into a 구인표 draft: rules over the way discovery teams write, no Django inside.

A note such as "반월공단 ○○정밀 사출 2명 주간 8-17 월 230 기숙사O E-9 지게차 우대" becomes
fields, each with the words it came from, so the team member sees why and corrects what is
wrong. A field the note does not state stays empty: the draft never guesses. Conditions on
sex, age or nationality are flagged with the law they break and never become requirements.
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from iljari.discovery.typos import TypoMender

SPACE = r"[ \t]*"
NUM = r"\d+(?:[.,]\d+)*"
HANGUL_OR_WORD = r"[가-힣A-Za-z0-9]"


@dataclass(frozen=True)
class JobTerm:
    term: str
    keco_code: str
    title: str
    label: str
    place: bool = False  # names the workplace or trade more than the work ("물류", "택배")


@dataclass
class Vocabulary:
    """What the parser knows of the city: job words, licences, visas, 동 names, the minimum wage."""

    job_terms: list[JobTerm]
    licence_aliases: dict[str, str]
    licence_names: set[str]
    visa_codes: set[str]
    visa_names: dict[str, str]
    dong_names: list[str]
    minimum_hourly_wage: int
    # A fallback for job words the list does not know: text → (keco_code, title) or None.
    guess_occupation: Callable[[str], tuple[str, str] | None] | None = None
    # 한국직업사전 titles and their one-occupation 유사명칭, spaces removed: name → (keco_code, title).
    occupation_names: dict[str, tuple[str, str]] = field(default_factory=dict)
    # Whether a string is a real Korean word (so a "typo" of a job word that is a word is left alone).
    is_word: Callable[[str], bool] | None = None
    # The city's own place words (안산시, 안산, 상록구...): beside one, "이동" is the 동, not "moving".
    place_names: list[str] = field(default_factory=list)


@dataclass
class Evidence:
    """Where in the note a field came from."""

    field: str
    start: int
    end: int
    text: str


@dataclass
class Flag:
    """A discriminatory condition found in the note, with the law it breaks."""

    kind: str
    text: str
    law: str
    message: str


@dataclass
class Draft:
    company: str | None = None
    occupation: dict | None = None
    openings: int | None = None
    wage: dict | None = None
    hours: dict | None = None
    shift: str | None = None
    benefits: list[str] = field(default_factory=list)
    visa_types: list[str] = field(default_factory=list)
    licences: list[str] = field(default_factory=list)
    dong: str | None = None
    flags: list[Flag] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    wage_below_minimum: bool = False

    def as_json(self) -> dict:
        return {
            "company": self.company,
            "occupation": self.occupation,
            "openings": self.openings,
            "wage": self.wage,
            "hours": self.hours,
            "shift": self.shift,
            "benefits": self.benefits,
            "visa_types": self.visa_types,
            "licences": self.licences,
            "dong": self.dong,
            "flags": [f.__dict__ for f in self.flags],
            "wage_below_minimum": self.wage_below_minimum,
            "evidence": [e.__dict__ for e in self.evidence],
        }


def normalize_note(text: str) -> str:
    """NFKC (full-width digits and letters, ㈜) and one kind of tilde and dash."""
    text = unicodedata.normalize("NFKC", text)
    return text.replace("〜", "~").replace("∼", "~").replace("–", "-").replace("—", "-").replace("－", "-")


class NoteParser:
    """One parser per vocabulary; ``parse`` is fast (regular expressions, no model unless asked)."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.v = vocabulary
        terms = sorted(vocabulary.job_terms, key=lambda t: -len(t.term))
        # "주방 보조" and "주방보조" are one word in a field note.
        self.job_re = re.compile("|".join(r"\s?".join(map(re.escape, t.term)) for t in terms), re.IGNORECASE)
        self.job_by_term = {t.term.casefold(): t for t in terms}
        aliases = sorted(vocabulary.licence_aliases, key=len, reverse=True)
        names = sorted((n for n in vocabulary.licence_names if len(n) >= 5 and _LICENCE_SUFFIX.search(n)), key=len)
        self.licence_names_re = re.compile("|".join(re.escape(n) for n in reversed(names))) if names else None
        self.licence_alias_re = re.compile(
            "(" + "|".join(re.escape(a) for a in aliases) + r")" + SPACE + _LICENCE_CONTEXT, re.IGNORECASE
        )
        self.licence_word_re = re.compile("|".join(re.escape(a) for a in aliases), re.IGNORECASE) if aliases else None
        dongs = sorted(vocabulary.dong_names, key=len, reverse=True)
        self.dong_re = re.compile(r"(?<![가-힣])(" + "|".join(map(re.escape, dongs)) + r")(?![가-힣0-9])")
        places = sorted(vocabulary.place_names, key=len, reverse=True)
        self.dong_context = re.compile("(?:" + "".join(re.escape(p) + "|" for p in places) + _DONG_CONTEXT_WORDS + ")")
        visa_names = sorted(vocabulary.visa_names, key=len, reverse=True)
        self.visa_name_re = re.compile("|".join(map(re.escape, visa_names))) if visa_names else None
        self.typos = TypoMender([t.term for t in terms] + _TYPO_PRONE_WORDS, vocabulary.is_word)

    def parse(self, note: str) -> Draft:
        written = normalize_note(note)
        # The rules read a copy with slips such as "용졉"/"주갼" mended; it has the same length, so the
        # evidence still quotes the note as it was written.
        text = self.typos.mend(written)
        draft = Draft()
        taken: list[tuple[int, int]] = []

        def keep(name: str, m_start: int, m_end: int) -> None:
            draft.evidence.append(Evidence(name, m_start, m_end, written[m_start:m_end]))
            if name != "flags":  # "남 2명" is a flag and still two openings
                taken.append((m_start, m_end))

        self._company(text, draft, keep)
        self._flags(text, draft, keep)
        self._wage(text, draft, keep)
        self._hours(text, draft, keep, taken)
        self._openings(text, draft, keep, taken)
        self._shift(text, draft, keep)
        self._benefits(text, draft, keep)
        self._visas(text, draft, keep)
        licence_spans = self._licences(text, draft, keep)
        self._dong(text, draft, keep)
        self._occupation(text, draft, keep, taken, licence_spans)
        return draft

    # Each field ------------------------------------------------------------------------------

    def _company(self, text: str, draft: Draft, keep: Callable) -> None:
        m = _COMPANY.search(text)
        if m:
            draft.company = m.group(0).strip()
            keep("company", m.start(), m.end())

    def _flags(self, text: str, draft: Draft, keep: Callable) -> None:
        for kind, start, end in _flags_pass(text):
            law, message = _FLAG_LAWS[kind]
            draft.flags.append(Flag(kind, text[start:end], law, message))
            keep("flags", start, end)

    def _wage(self, text: str, draft: Draft, keep: Callable) -> None:
        m = _MIN_WAGE.search(text)
        if m:
            draft.wage = {"type": "hourly", "amount": self.v.minimum_hourly_wage}
            keep("wage", m.start(), m.end())
            return
        # "월 230" first; then "급여는 경력 따라 300~350", a few words between the word and the amount.
        for m in [*_WAGE.finditer(text), *_WAGE_WORDS_BETWEEN.finditer(text)]:
            kind = _WAGE_KIND[m.group("kind").casefold()]
            if m.group("kind") == "하루" and not m.group("unit"):
                continue  # "하루 8시간" is hours, "하루 15만원" is a daily wage
            amount = _amount(m.group("num"), m.group("unit") or "", m.group("rest") or "", kind)
            if amount is None:
                continue
            draft.wage = {"type": kind, "amount": amount}
            keep("wage", m.start(), m.end())
            return self._below_minimum(draft)
        for m in _WAGE_AFTER.finditer(text):
            # "15,000 won hourly", "2.6M KRW monthly": the amount first, with a currency or unit.
            if not (m.group("unit") or m.group("currency")):
                continue
            kind = _WAGE_KIND_AFTER[m.group("kind").casefold()]
            unit = m.group("unit") or ""
            num = m.group("num")
            if unit.casefold() == "m":
                num, unit = str(float(num.replace(",", "")) * 100), "만"
            amount = _amount(num, unit, "", kind)
            if amount is not None:
                draft.wage = {"type": kind, "amount": amount}
                keep("wage", m.start(), m.end())
                break
        self._below_minimum(draft)

    def _below_minimum(self, draft: Draft) -> None:
        if draft.wage:
            hourly = _hourly_equivalent(draft.wage)
            draft.wage_below_minimum = hourly is not None and hourly < self.v.minimum_hourly_wage

    def _hours(self, text: str, draft: Draft, keep: Callable, taken: list) -> None:
        for m in _HOURS.finditer(text):
            if _overlaps(m.start(), m.end(), taken):
                continue
            start_h, end_h = int(m.group("h1")), int(m.group("h2"))
            start_m, end_m = _minutes(m, 1), _minutes(m, 2)
            if _BREAK_BEFORE.search(text, max(0, m.start() - 6), m.start()):
                continue  # "점심시간 12-13시" is a break, not the working hours
            if m.group("p1") in _AFTERNOON and start_h < 12:
                start_h += 12
            if m.group("p2") in _AFTERNOON and end_h < 12:
                end_h += 12
            elif end_h <= start_h and start_h < end_h + 12 <= 24 and not m.group("p2"):
                end_h += 12  # "9-6" is nine to six in the evening; "22-06" stays a night shift
            if not (0 <= start_h <= 24 and 0 <= end_h <= 24 and start_m < 60 and end_m < 60) or start_h == end_h:
                continue
            marked = any(m.group(g) for g in ("u1", "u2", "c1", "c2", "p1", "p2"))
            if not marked and _HOURS_NOT_AFTER.match(text, m.end()):
                continue  # "2-3년", "1~2명": not a time
            draft.hours = {"start": f"{start_h % 24:02d}:{start_m:02d}", "end": f"{end_h % 24:02d}:{end_m:02d}"}
            keep("hours", m.start(), m.end())
            return

    def _openings(self, text: str, draft: Draft, keep: Callable, taken: list) -> None:
        english = _OPENINGS_EN.search(text)
        if english and not _OPENINGS.search(text):
            draft.openings = int(english.group(1) or english.group(2))
            keep("openings", english.start(), english.end())
            return
        for m in _OPENINGS.finditer(text):
            if _overlaps(m.start(), m.end(), taken):
                continue
            raw = m.group("n")
            number = _KOREAN_COUNTS.get(raw) if not raw.isdigit() else int(raw)
            if _STAFF_SIZE.search(text, max(0, m.start() - 6), m.start()) or _SIZE_AFTER.match(text, m.end()):
                continue  # "직원 30명 규모" is the company's size
            if number and 0 < number < 1000:
                end = m.end()
                if _GROUP_BEFORE.search(text, max(0, m.start() - 6), m.start()):
                    # "남 2명 여 1명", "주간 3명 야간 2명": one job, counted by group.
                    while more := _MORE_OPENINGS.match(text, end):
                        number, end = number + int(more.group(1)), more.end()
                draft.openings = number
                keep("openings", m.start(), end)
                return

    def _shift(self, text: str, draft: Draft, keep: Callable) -> None:
        for pattern, value in _SHIFTS:
            m = pattern.search(text)
            if m:
                draft.shift = value
                keep("shift", m.start(), m.end())
                return
        day, night = _DAY.search(text), _NIGHT.search(text)
        if day and night:
            draft.shift = "two_shift"
            keep("shift", min(day.start(), night.start()), max(day.end(), night.end()))
        elif night:
            draft.shift = "night"
            keep("shift", night.start(), night.end())
        elif day:
            draft.shift = "day"
            keep("shift", day.start(), day.end())

    def _benefits(self, text: str, draft: Draft, keep: Callable) -> None:
        for code, pattern in _BENEFITS:
            for m in pattern.finditer(text):
                if _NEGATED.match(text, m.end()):
                    continue
                if code == "meals" and _NO_MEAL_CONTEXT.match(text, m.end()):
                    continue
                if code not in draft.benefits:
                    draft.benefits.append(code)
                keep("benefits", m.start(), m.end())
                break
        if _LODGING_AND_BOARD.search(text):
            for code in ("dormitory", "meals"):
                if code not in draft.benefits:
                    draft.benefits.append(code)

    def _visas(self, text: str, draft: Draft, keep: Callable) -> None:
        found: list[tuple[int, str]] = []
        for m in _VISA.finditer(text):
            if _NEGATED.match(text, m.end()):
                continue  # "E-9 불가"
            code = f"{m.group(1).upper()}-{int(m.group(2))}"
            if code in self.v.visa_codes:
                found.append((m.start(), code))
                keep("visa_types", m.start(), m.end())
        if self.visa_name_re:
            for m in self.visa_name_re.finditer(text):
                found.append((m.start(), self.v.visa_names[m.group(0)]))
                keep("visa_types", m.start(), m.end())
        for _, code in sorted(found):
            if code not in draft.visa_types:
                draft.visa_types.append(code)

    def _licences(self, text: str, draft: Draft, keep: Callable) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        found: list[tuple[int, str]] = []
        if self.licence_names_re:
            for m in self.licence_names_re.finditer(text):
                if not _overlaps(m.start(), m.end(), spans):
                    found.append((m.start(), m.group(0)))
                    spans.append((m.start(), m.end()))
        for m in self.licence_alias_re.finditer(text):
            if _overlaps(m.start(1), m.end(1), spans):
                continue
            name = self.v.licence_aliases[_alias_key(m.group(1), self.v.licence_aliases)]
            found.append((m.start(), name))
            spans.append((m.start(1), m.end(1)))
        for start, name in sorted(found):
            if name not in draft.licences:
                draft.licences.append(name)
                end = next(e for s, e in spans if s == start or s <= start < e)
                keep("licences", start, end)
        self._licence_of_the_job(text, draft, keep, spans)
        return spans

    def _licence_of_the_job(self, text: str, draft: Draft, keep: Callable, spans: list) -> None:
        """ "요양보호사 2명 … 자격증 필수": a licence asked for without its name is the job's own."""
        if not self.licence_word_re:
            return
        for cue in _BARE_LICENCE.finditer(text):
            if any(s <= cue.start() <= e + 1 for s, e in spans):
                continue  # "지게차 자격증 우대" was read above
            word = next((m for m in self.licence_word_re.finditer(text) if not _overlaps(*m.span(), spans)), None)
            if word is None:
                return
            name = self.v.licence_aliases[_alias_key(word.group(0), self.v.licence_aliases)]
            if name not in draft.licences:
                draft.licences.append(name)
                keep("licences", cue.start(), cue.end())  # the word stays the job's, too
            return

    def _dong(self, text: str, draft: Draft, keep: Callable) -> None:
        for m in self.dong_re.finditer(text):
            name = m.group(1)
            if name in _COMMON_WORD_DONGS and not self.dong_context.search(text[max(0, m.start() - 4) : m.end() + 3]):
                continue
            draft.dong = name
            keep("dong", m.start(), m.end())
            return

    def _occupation(self, text: str, draft: Draft, keep: Callable, taken: list, licence_spans: list) -> None:
        company = next(((e.start, e.end) for e in draft.evidence if e.field == "company"), None)
        found: list[JobTerm] = []
        spans: list[tuple[int, int]] = []
        for m in self.job_re.finditer(text):
            if company and company[0] <= m.start() < company[1]:
                continue
            if _overlaps(m.start(), m.end(), licence_spans):
                continue
            if m.group(0).isascii() and (_letter_at(text, m.start() - 1) or _letter_at(text, m.end())):
                continue  # "press" in "pressure"
            found.append(self.job_by_term[re.sub(r"\s", "", m.group(0)).casefold()])
            spans.append((m.start(), m.end()))
        if found:
            # The work beats the workplace: "택배 분류 상하차" is loading work, not parcel delivery.
            i = next((i for i, t in enumerate(found) if not t.place), 0)
            term = found[i]
            draft.occupation = {"keco_code": term.keco_code, "title": term.title, "label": term.label}
            keep("occupation", *spans[i])
            return
        skip = [*taken, *licence_spans, *([company] if company else [])]
        named = self._dictionary_name(text, skip)
        if named:
            (code, title), start, end = named
            draft.occupation = {"keco_code": code, "title": title, "label": text[start:end]}
            keep("occupation", start, end)
            return
        if self.v.guess_occupation is None or draft.openings is None:
            return
        spans = [(e.start, e.end) for e in draft.evidence]
        words = _words_before(text, next(e.start for e in draft.evidence if e.field == "openings"), spans)
        if words and not re.search(r"[가-힣]", words):
            # Only words in another language go to the model: a Korean word the list does not know is
            # left for the team member rather than guessed (measured: guesses on Korean words were
            # wrong more often than right).
            guessed = self.v.guess_occupation(words)
            if guessed:
                code, title = guessed
                draft.occupation = {"keco_code": code, "title": title, "label": words}
                start = text.find(words)
                keep("occupation", start, start + len(words))

    def _dictionary_name(self, text: str, skip: list) -> tuple[tuple[str, str], int, int] | None:
        """A 직업사전 title or 유사명칭 written in the note ("세차원", "타일공") — a name, not a guess.

        Just before the count, a word may also lack the name's last syllable ("타일 3명" → 타일공).
        """
        names = self.v.occupation_names
        if not names:
            return None
        counts = [m.start() for m in _OPENINGS.finditer(text)]
        words = [m for m in re.finditer(r"[가-힣]{2,}", text) if not _overlaps(m.start(), m.end(), skip)]
        for i, m in enumerate(words):
            forms = [(m.group(0), m.end())]
            if i + 1 < len(words) and _JOINED.fullmatch(text, m.end(), words[i + 1].start()):
                forms.insert(0, (m.group(0) + words[i + 1].group(0), words[i + 1].end()))
            for form, end in forms:
                bare = _PARTICLE.sub("", form)
                before_count = any(0 <= c - end <= 1 for c in counts)
                for name, stop in ((form, end), (bare, end - (len(form) - len(bare)))):
                    for suffix in ("", "원", "공", "사") if before_count else ("",):
                        hit = names.get(name + suffix)
                        if hit and len(name + suffix) >= 3 and not _PERSON_MET.match(text, stop):
                            return hit, m.start(), stop
        return None


# Patterns ------------------------------------------------------------------------------------

# Words the rules key on besides the job words; their slips are mended too.
_SHIFT_AND_BENEFIT_WORDS = ["주간", "야간", "교대", "기숙사", "통근버스", "숙소", "식사"]
_TYPO_PRONE_WORDS = [*_SHIFT_AND_BENEFIT_WORDS, "급구", "구함", "시급", "일당", "월급", "연봉"]
_JOINED = re.compile(r" ?")  # two words of one name: "자동차 정비"
_PERSON_MET = re.compile(r"\s*(?:님|만남|면담|미팅|통화|와\s|과\s)")  # "공장장 면담": who was met
_PARTICLE = re.compile(r"(?:을|를|이|가|은|는|도|만)$")


def _letter_at(text: str, i: int) -> bool:
    return 0 <= i < len(text) and text[i].isascii() and text[i].isalpha()


_LICENCE_SUFFIX = re.compile(r"(기능사|산업기사|기사|기능장|면허|자격|관리사)")
_LICENCE_CONTEXT = r"(?:자격증?|면허증?|소지자?|우대|필수|보유자?|있는\s?분|가능자|기능사)"
_BARE_LICENCE = re.compile(r"(?<![가-힣])(?:자격증?|면허증?)\s*(?:필수|필요|우대|소지|보유|있는\s*분)")
_COMPANY = re.compile(
    r"(?:\(주\)|㈜|주식회사|\(유\)|유한회사)" + SPACE + r"[가-힣A-Za-z0-9○◯]{1,15}"
    r"|[가-힣A-Za-z○◯]{1,12}(?:정밀|산업|전자|테크|텍|기계|금속|화학|식품|물산|공업|산전|요양원|요양병원|푸드|"
    r"물류|엔지니어링|케미칼|플라스틱|기공|인더스트리|코리아|상사|마트|식당|가든|베이커리|제과|유통|하이텍|"
    r"전기|오토|메탈|어패럴|섬유|병원|의원|어린이집|센터|호텔|반점|치킨|분식|카페|세탁소|미용실)"
    r"(?:" + SPACE + r"(?:주식회사|\(주\)|㈜))?(?![가-힣])"
)
_MIN_WAGE = re.compile(r"최저\s?(?:시급|임금)|최저임금")
_WAGE_KIND = {
    "시급": "hourly",
    "시간당": "hourly",
    "hourly": "hourly",
    "일당": "daily",
    "일급": "daily",
    "daily": "daily",
    "하루": "daily",
    "월급여": "monthly",
    "월급": "monthly",
    "월": "monthly",
    "급여": "monthly",
    "실수령": "monthly",
    "세전": "monthly",
    "monthly": "monthly",
    "연봉": "annual",
    "연": "annual",
    "annual": "annual",
}
_WAGE = re.compile(
    r"(?<![0-9])(?<!개)(?P<kind>시급|시간당|hourly|일당|일급|하루|daily|월급여|월급|실수령|세전|급여|월|monthly|연봉|연|annual)"
    r"\s*(?:월\s*)?[:은는]?\s*(?:약|최소|평균)?\s*"
    r"(?P<num>" + NUM + r")\s*(?P<unit>만\s*원|만|천\s*원|천|원(?![가-힣])|k\b|K\b)?"
    r"(?P<rest>\s*\d{1,2}\s*천)?",
    re.IGNORECASE,
)
_WAGE_WORDS_BETWEEN = re.compile(
    r"(?<![가-힣])(?P<kind>시급|일당|일급|월급여|월급|급여|연봉)(?:[은는이가]|\s*[:：])?\s+"
    r"(?:(?!협의|미정|면접|추후)[가-힣]+\s+){1,3}?"  # "급여 협의 2명" states no amount
    r"(?P<num>\d{2,}(?:[.,]\d+)*)\s*(?P<unit>만\s*원|만|천\s*원|천|원(?![가-힣]))?(?P<rest>\s*\d{1,2}\s*천)?"
    r"(?!\s*(?:명|인|시|세|살|년|개월|%|대|조|층|호))"
)
_WAGE_AFTER = re.compile(
    r"(?<![\d.,])(?P<num>" + NUM + r")\s*(?P<unit>M\b|만\s*원|만|천\s*원|k\b)?\s*(?P<currency>KRW|won|원)?\s*"
    r"(?:/\s*|per\s+|an?\s+)?(?P<kind>monthly|month|hourly|hour|h\b|daily|day|annually|annual|year)\b",
    re.IGNORECASE,
)
_WAGE_KIND_AFTER = {
    "monthly": "monthly",
    "month": "monthly",
    "hourly": "hourly",
    "hour": "hourly",
    "h": "hourly",
    "daily": "daily",
    "day": "daily",
    "annually": "annual",
    "annual": "annual",
    "year": "annual",
}
_PERIOD = r"오전|오후|저녁|밤|새벽|아침|am|pm|AM|PM"


def _clock(n: int) -> str:
    """ "8", "08:30", "8시", "8시 30분", "8시반": the hour in ``h{n}``, minutes in ``m{n}``/``mm{n}``/``half{n}``."""
    return (
        rf"(?P<p{n}>{_PERIOD})?\s*(?P<h{n}>\d{{1,2}})"
        rf"(?:(?P<c{n}>:)(?P<m{n}>\d{{2}})|\s*(?P<u{n}>시(?!급|간))(?:\s*(?P<mm{n}>\d{{2}})\s*분|(?P<half{n}>반))?)?"
    )


_HOURS = re.compile(r"(?<![\d.,:A-Za-z\-])" + _clock(1) + r"\s*(?:~|-|부터|to)\s*" + _clock(2) + r"(?!\d)")
_HOURS_NOT_AFTER = re.compile(r"(?:월|일|\s*(?:명|인|만|원|년|개월|세|살|대|천|주|%|차|층|호|번|kg|톤|t\b))")
_AFTERNOON = {"오후", "저녁", "밤", "pm", "PM"}
_BREAK_BEFORE = re.compile(r"점심|휴게|식사|쉬는")
_OPENINGS = re.compile(
    r"(?<![\d.])(?P<n>\d{1,3}|한|두|세|네|다섯|여섯|일곱|여덟|아홉|열)\s*(?:~\s*\d+\s*)?(?:명|인(?![실1-9]))(?!\s*[1-9]\s*실)"
)
_OPENINGS_EN = re.compile(r"(?<![A-Za-z0-9])x\s?(\d{1,3})\b|\b(\d{1,3})\s*(?:persons?|people|workers?|pax)\b", re.I)
_GROUPS = r"(?:남|여|남자|여자|남성|여성|주간|야간|오전|오후)"
_GROUP_BEFORE = re.compile(r"(?<![가-힣])" + _GROUPS + r"\s*$")
_MORE_OPENINGS = re.compile(r"\s*[,/+]?\s*" + _GROUPS + r"\s*(\d{1,3})\s*명")
_STAFF_SIZE = re.compile(r"(?<![가-힣])(?:직원|근로자|종업원|상시\s*근로자)\s*(?:수\s*)?$")
_SIZE_AFTER = re.compile(r"\s*(?:규모|정도\s*근무|근무\s*중|재직)")
_KOREAN_COUNTS = {"한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10}
_SHIFTS = [
    (re.compile(r"[34]\s*조\s*3\s*교대|3\s*교대|삼교대"), "three_shift"),
    (
        re.compile(
            r"2\s*조\s*2\s*교대|주\s*야\s*(?:2\s*)?교대|주야간\s*교대|주야\s*맞교대|맞교대|2\s*교대|이교대|주야간(?!\s*보호)"
        ),
        "two_shift",
    ),
]
_DAY = re.compile(r"주간(?!\s*보호)(?:\s*근무|조)?|(?<![A-Za-z])day\b", re.IGNORECASE)
_NIGHT = re.compile(r"야간(?!\s*(?:수당|근로\s*수당|할증|보호))(?:\s*근무|조)?|(?<![A-Za-z])night\b", re.IGNORECASE)
_NEGATED = re.compile(r"\s*[:：]?\s*(?:x|X|×|없음|없|미제공|불가|안\s?됨|안\s?줌|無|no\b|별도\s*없)")
_NO_MEAL_CONTEXT = re.compile(r"\s*(?:시간|비\s*본인)")
_BENEFITS = [
    ("dormitory", re.compile(r"기숙사|숙소|원룸\s*제공|dormitory|dorm\b", re.IGNORECASE)),
    ("commuter_bus", re.compile(r"통근\s*버스|통근\s*차량?|출퇴근\s*버스|셔틀(?:\s*버스)?|shuttle", re.IGNORECASE)),
    (
        "meals",
        re.compile(
            r"식사|중식|석식|조식|식대|삼시\s*세끼|점심\s*제공|밥\s*(?:줌|제공)|구내\s*식당|meals?\b", re.IGNORECASE
        ),
    ),
    ("social_insurance", re.compile(r"4\s*대\s*보험")),
    ("severance", re.compile(r"퇴직금")),
    ("bonus", re.compile(r"상여(?:금)?|보너스|성과급")),
]
_LODGING_AND_BOARD = re.compile(r"숙식\s*(?:제공|O|o|가능|해결)")
_VISA = re.compile(r"(?<![A-Za-z0-9])([CDEFGHcdefgh])\s?-?\s?(\d{1,2})(?![\d])(?:\s*비자)?")
_COMMON_WORD_DONGS = {"이동", "일동"}  # also everyday words: "이동 가능", "직원 일동"
_DONG_CONTEXT_WORDS = r"소재|위치|[동]\s*\d|^\S*동\s*[가-힣]*(?:공장|사업장|매장)"

_FLAG_LAWS = {
    "sex": (
        "남녀고용평등과 일·가정 양립 지원에 관한 법률 제7조",
        "모집·채용에서 성별을 조건으로 하거나 우대할 수 없습니다. 구인표에 넣지 않고 업체에 안내해 주십시오.",
    ),
    "age": (
        "고용상 연령차별금지 및 고령자고용촉진에 관한 법률 제4조의4",
        "모집·채용에서 합리적 이유 없이 나이를 조건으로 할 수 없습니다. 구인표에 넣지 않고 업체에 안내해 주십시오.",
    ),
    "nationality": (
        "근로기준법 제6조(균등한 처우)",
        "국적을 이유로 차별할 수 없습니다. 체류자격(취업 가능 여부)은 확인하되 국적 조건은 넣지 않습니다.",
    ),
}
_FLAGS = [
    (
        "sex",
        re.compile(
            r"(?:남자|남성|여자|여성|아주머니|아줌마|이모님?|주부|여직원|남직원|여사님)\s*(?:만|only|우대|선호|환영|구함|구인|직원|분|위주|\d|가능)"
        ),
    ),
    ("sex", re.compile(r"(?<![가-힣])(?:남|여)\s*(?:\d+\s*명|\d|만\b|우대|선호|자\s*(?:우대|만|구함))")),
    ("age", re.compile(r"(?:만\s*)?\d{2}\s*(?:세|살)\s*(?:이하|미만|이상|까지|~|-|부터|전후|정도)")),
    ("age", re.compile(r"\d{2}\s*(?:~|-)\s*\d{2}\s*(?:세|살)")),
    ("age", re.compile(r"(?<!\d)[2-6]0\s*대\s*(?:만|까지|우대|선호|초반|중반|후반|가능|~|-|구함|환영|남|여|분)")),
    (
        "age",
        re.compile(
            r"젊은\s*(?:분|사람|친구|직원|인력)|나이\s*(?:제한|\d+|무관X|상관\s*있)|연령\s*제한|청년\s*만|고령자?\s*(?:불가|사절|x)"
        ),
    ),
    (
        "nationality",
        re.compile(r"(?:한국인|내국인|한국\s*사람)\s*(?:만|only|우대|선호)|외국인\s*(?:불가|사절|안\s?됨|x|X|no\b)"),
    ),
    (
        "nationality",
        re.compile(
            r"(?:중국|베트남|네팔|우즈벡|필리핀|조선족|고려인|동남아|태국|캄보디아)(?:인|동포)?\s*(?:만|우대|선호|불가|사절|x|X|안\s?됨)"
        ),
    ),
]


def discriminatory_conditions(text: str) -> list[Flag]:
    """성별·나이·국적 conditions in any vacancy text (a company's own posting too), each with the law it
    breaks: the field-note rules, read once here."""
    written = normalize_note(text)
    return [Flag(kind, written[start:end], *_FLAG_LAWS[kind]) for kind, start, end in _flags_pass(written)]


def _flags_pass(text: str) -> list[tuple[str, int, int]]:
    hits: list[tuple[str, int, int]] = []
    for kind, pattern in _FLAGS:
        for m in pattern.finditer(text):
            if not any(s <= m.start() < e for _, s, e in hits):
                hits.append((kind, m.start(), m.end()))
    return sorted(hits, key=lambda h: h[1])


def _amount(num: str, unit: str, rest: str, kind: str) -> int | None:
    """Won from "230", "230만", "1만2천", "10,030원", "1.1만", "3000(연봉, 만원)"."""
    unit = unit.replace(" ", "").casefold()
    try:
        value = float(num.replace(",", "")) if num.count(",") == 0 or re.fullmatch(r"\d{1,3}(,\d{3})+", num) else None
    except ValueError:
        return None
    if value is None:
        return None
    if unit in ("만", "만원"):
        value *= 10_000
        if rest:
            value += int(re.sub(r"\D", "", rest)) * 1000
    elif unit in ("천", "천원", "k"):
        value *= 1000
    elif unit == "원":
        pass
    elif kind == "monthly" and value < 2000:
        value *= 10_000  # "월 230": 230만원
    elif kind == "annual" and value < 100_000:
        value *= 10_000  # "연봉 3000": 3,000만원
    elif kind == "daily" and value < 100:
        value *= 10_000  # "일당 13": 13만원
    elif kind == "hourly" and value < 10:
        value *= 10_000  # "시급 1.1": 1.1만원
    amount = round(value)
    plausible = {
        "hourly": (5_000, 100_000),
        "daily": (50_000, 1_000_000),
        "monthly": (500_000, 20_000_000),
        "annual": (10_000_000, 200_000_000),
    }[kind]
    return amount if plausible[0] <= amount <= plausible[1] else None


def _minutes(m: re.Match, n: int) -> int:
    if m.group(f"half{n}"):
        return 30
    return int(m.group(f"m{n}") or m.group(f"mm{n}") or 0)


def _hourly_equivalent(wage: dict) -> float | None:
    """Roughly: 8 hours a day, 209 paid hours a month (주휴 included), 12 months a year."""
    per = {"hourly": 1, "daily": 8, "monthly": 209, "annual": 209 * 12}
    return wage["amount"] / per[wage["type"]]


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _alias_key(found: str, aliases: dict[str, str]) -> str:
    folded = found.casefold()
    return next(a for a in aliases if a.casefold() == folded)


_STOP_WORDS = {
    "보유자",
    "소지자",
    "가능자",
    "경력자",
    "우대",
    "구함",
    "모집",
    "채용",
    "급구",
    "인원",
    "직원",
    "사원",
    "신입",
    "경력",
    "근무",
    "공단",
    "반월공단",
    "시화공단",
}


def _words_before(text: str, end: int, taken: list[tuple[int, int]]) -> str:
    """The one or two words just before "N명": in field notes that is where the job is written."""
    words = []
    for m in reversed(list(re.finditer(r"[가-힣A-Za-z]{2,}", text[:end]))):
        if _overlaps(m.start(), m.end(), taken) or m.group(0) in _STOP_WORDS:
            if words:
                break
            continue
        words.insert(0, m.group(0))
        if len(words) == 2 or end - m.end() > 12:
            break
    return " ".join(words)
