"""Normalization applied to every text before it is tokenized or embedded.

Field notes and Excel sheets mix full-width characters, odd spacing, decorative symbols
and common misspellings; two spellings of the same job must produce the same tokens.
"""

import re
import unicodedata

# Frequent variant spellings in job titles and field notes (표준어 on the right).
_VARIANTS = {
    "컨텍": "콘택트",
    "콘텍": "콘택트",
    "써비스": "서비스",
    "메니저": "매니저",
    "매니져": "매니저",
    "엔지니워": "엔지니어",
    "테크니션": "기술자",
    "알바": "아르바이트",
    "경리직": "경리",
    "쎈터": "센터",
    "셋팅": "세팅",
    "후렛샤": "플래셔",
    "용접공": "용접원",
    "미싱": "재봉",
    "캐셔": "계산원",
    "케셔": "계산원",
    "요양사": "요양보호사",
    "지게차기사": "지게차운전원",
}
_VARIANT_RE = re.compile("|".join(map(re.escape, sorted(_VARIANTS, key=len, reverse=True))))
_SPACES = re.compile(r"\s+")
_DECORATION = re.compile(r"[○●◎◇◆□■△▲▽▼※★☆♡♥~`^|]+")


def normalize(text: str) -> str:
    """NFKC (full-width → half-width), decoration removed, variants unified, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _DECORATION.sub(" ", text)
    text = _VARIANT_RE.sub(lambda m: _VARIANTS[m.group(0)], text)
    return _SPACES.sub(" ", text).strip()


def fold(text: str) -> str:
    """Normalized and case-folded, accents removed: for comparing Latin-script words."""
    decomposed = unicodedata.normalize("NFKD", normalize(text).casefold())
    # Recompose: NFKD also splits Hangul syllables into jamo, which must come back whole.
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))
