"""Lexical tokens for retrieval: morphemes for Korean, stemmed words for other scripts, and
character n-grams, which catch compound job titles ("(고무제품명)성형작업자" → 고무제품성형원)
and spelling variants that whole words miss.
"""

import functools
import re

from iljari.text.korean import content_words_many, morphemes_many
from iljari.text.normalize import fold, normalize

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_CJK_RUN = re.compile(r"[\uac00-\ud7a3\u3400-\u9fff\u3040-\u30ff]+")
_WORD = re.compile(r"[^\W_]+")
_NON_CJK_WORD = re.compile(r"[^\W\d_\uac00-\ud7a3\u3400-\u9fff\u3040-\u30ff]+")
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


@functools.cache
def _stemmer(lang: str):
    import Stemmer

    name = _STEMMER_NAMES.get(lang)
    return Stemmer.Stemmer(name) if name else None


def word_tokens(texts: list[str], lang: str) -> list[list[str]]:
    """Words of each text: Kiwi morphemes where there is Hangul, else folded and stemmed words."""
    normalized = [normalize(t) for t in texts]
    korean = [i for i, t in enumerate(normalized) if _HANGUL.search(t)]
    result: list[list[str]] = [[] for _ in texts]
    for i, tokens in zip(korean, morphemes_many([normalized[i] for i in korean]), strict=True):
        result[i] = [t for t in tokens if t not in KOREAN_STOPWORDS]
    stemmer = _stemmer(lang)
    for i, text in enumerate(normalized):
        if i in korean:
            continue
        words = []
        for run in _WORD.findall(fold(text)):
            # Chinese and Japanese have no spaces: their characters are the words.
            words += list(run) if _CJK_RUN.fullmatch(run) else [run]
        result[i] = stemmer.stemWords(words) if stemmer else words
    return result


def ngram_tokens_many(texts: list[str]) -> list[list[str]]:
    """N-grams of many texts; Korean grammar (particles, endings) is removed first."""
    normalized = [normalize(t) for t in texts]
    korean = [i for i, t in enumerate(normalized) if _HANGUL.search(t)]
    cleaned = list(normalized)
    for i, words in zip(korean, content_words_many([normalized[i] for i in korean]), strict=True):
        cleaned[i] = " ".join(words)
    return [ngram_tokens(t) for t in cleaned]


def ngram_tokens(text: str) -> list[str]:
    """Character 2- and 3-grams of Hangul/Han runs; 3- and 4-grams (with word edges) elsewhere."""
    folded = fold(text)
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
