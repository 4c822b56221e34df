"""Lexical tokens for retrieval: morphemes for Korean, stemmed words for other scripts, and
character n-grams, which catch compound job titles ("(고무제품명)성형작업자" → 고무제품성형원)
and spelling variants that whole words miss.
"""

import functools
import re

from iljari.text.korean import analyze_many
from iljari.text.normalize import fold, normalize

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_CJK_RUN = re.compile(r"[\uac00-\ud7a3\u3400-\u9fff\u3040-\u30ff]+")
# Brahmic scripts (Devanagari … Sinhala, Thai, Lao, Myanmar, Khmer) write vowels and virama as
# combining marks, which are not word characters to ``re`` and which accent folding would strip:
# 'वेल्डिङ' must stay one word, 'ช่างเชื่อม' keep its tone marks. (Dandas ।॥ still separate.)
_BRAHMIC = "\u0900-\u0963\u0966-\u0dff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
_BRAHMIC_CHAR = re.compile(f"[{_BRAHMIC}]")
_WORD = re.compile(f"(?:[^\\W_]|[{_BRAHMIC}])+")
_NON_CJK_WORD = re.compile(f"(?:[^\\W\\d_\\uac00-\\ud7a3\\u3400-\\u9fff\\u3040-\\u30ff]|[{_BRAHMIC}])+")
_STEMMER_NAMES = {
    "en": "english",
    "es": "spanish",
    "de": "german",
    "fr": "french",
    "it": "italian",
    "pt": "portuguese",
    "nl": "dutch",
    "ru": "russian",
    "id": "indonesian",
    "ne": "nepali",
    "tr": "turkish",
    "ro": "romanian",
    "sv": "swedish",
    "da": "danish",
    "no": "norwegian",
    "fi": "finnish",
    "hu": "hungarian",
    "pl": "polish",
    "cs": "czech",
    "el": "greek",
}


# Words every job-seeking phrase has ("…하는 일", "… 구합니다"): they match everything.
KOREAN_STOPWORDS = frozenset(
    {
        "일",
        "것",
        "곳",
        "등",
        "및",
        "관련",
        "업무",
        "직무",
        "희망",
        "구하",
        "모집",
        "하",
        "되",
        "있",
        "없",
        "사람",
        "분",
        "직원",
        "근무",
        "가능",
        "원하",
    }
)


def _fold(text: str) -> str:
    """Case- and accent-folded, except in Brahmic scripts, whose marks are letters."""
    return normalize(text).casefold() if _BRAHMIC_CHAR.search(text) else fold(text)


_LATIN_HANGUL_HAN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff\uac00-\ud7a3\u3400-\u9fff\u3040-\u30ff]")


# Text made only of these (ASCII, Latin, Hangul, Han, kana, punctuation, full-width forms) has no such words.
_COMMON_SCRIPTS_ONLY = re.compile(
    r"[\x00-\u024f\u1100-\u11ff\u2000-\u206f\u3000-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7a3\uff00-\uffef]*"
)


def _other_script_words(text: str) -> list[str]:
    """Words in scripts the Korean analyzer drops as symbols (Cyrillic, Devanagari, Thai, Khmer...)."""
    if _COMMON_SCRIPTS_ONLY.fullmatch(text):
        return []  # the common case, and folding a long 수행직무 text costs seconds
    return [w for w in _WORD.findall(_fold(text)) if not _LATIN_HANGUL_HAN.search(w) and not w.isdigit()]


@functools.cache
def _stemmer(lang: str):
    import Stemmer

    name = _STEMMER_NAMES.get(lang)
    return Stemmer.Stemmer(name) if name else None


def word_tokens(texts: list[str], lang: str) -> list[list[str]]:
    """Words of each text: Kiwi morphemes where there is Hangul, else folded and stemmed words."""
    return words_and_ngrams(texts, lang, ngrams=False)[0]


def ngram_tokens_many(texts: list[str]) -> list[list[str]]:
    """N-grams of many texts; Korean grammar (particles, endings) is removed first."""
    return words_and_ngrams(texts, "", words=False)[1]


def words_and_ngrams(
    texts: list[str], lang: str, *, words: bool = True, ngrams: bool = True
) -> tuple[list[list[str]], list[list[str]]]:
    """``word_tokens`` and ``ngram_tokens_many`` of the same texts from one Korean analysis."""
    normalized = [normalize(t) for t in texts]
    korean = [i for i, t in enumerate(normalized) if _HANGUL.search(t)]
    analyses = dict(zip(korean, analyze_many([normalized[i] for i in korean]), strict=True))
    word_rows: list[list[str]] = []
    if words:
        stemmer = _stemmer(lang)
        for i, text in enumerate(normalized):
            if i in analyses:
                others = _other_script_words(text)
                word_rows.append([t for t in analyses[i][0] if t not in KOREAN_STOPWORDS] + others)
                continue
            found = []
            for run in _WORD.findall(_fold(text)):
                # Chinese and Japanese have no spaces: their characters are the words.
                found += list(run) if _CJK_RUN.fullmatch(run) else [run]
            word_rows.append(stemmer.stemWords(found) if stemmer else found)
    gram_rows: list[list[str]] = []
    if ngrams:
        for i, text in enumerate(normalized):
            cleaned = " ".join([*analyses[i][1], *_other_script_words(text)]) if i in analyses else text
            gram_rows.append(ngram_tokens(cleaned))
    return word_rows, gram_rows


def ngram_tokens(text: str) -> list[str]:
    """Character 2- and 3-grams of Hangul/Han runs; 3- and 4-grams (with word edges) elsewhere."""
    folded = _fold(text)
    grams: list[str] = []
    for run in _CJK_RUN.findall(folded):
        if len(run) == 1:
            grams.append(run)
        grams += [run[i : i + 2] for i in range(len(run) - 1)]
        grams += [run[i : i + 3] for i in range(len(run) - 2)]
    for word in _NON_CJK_WORD.findall(folded):
        edged = f"<{word}>"
        grams += [edged[i : i + 3] for i in range(len(edged) - 2)]
        grams += [edged[i : i + 4] for i in range(len(edged) - 3)]
    return grams


_BRACKETED = re.compile(r"\([^)]*\)")
_NOT_WORD = re.compile(f"(?:[^\\w{_BRAHMIC}]|_)+")


def compact(text: str) -> str:
    """Folded, without bracketed qualifiers, spaces or punctuation: '수동포장원(일반)' → '수동포장원'.

    What overlap features compare, so "플라스틱 금형조립원" and "플라스틱금형조립원" are one string.
    """
    return _NOT_WORD.sub("", _BRACKETED.sub("", _fold(text)))
