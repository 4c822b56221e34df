"""Which language a short query is in: the user's choice first, the script as strong evidence.

Language detection on one or two words is unreliable, so the detector is the last resort;
retrieval must stay robust when the guess is wrong (the multilingual embeddings do not
need the language, only the lexical side does).
"""

import functools
import unicodedata

# Scripts that identify the language on their own for Ansan's residents.
_SCRIPT_LANGUAGE = {
    "HANGUL": "ko",
    "DEVANAGARI": "ne",
    "KHMER": "km",
    "THAI": "th",
    "MYANMAR": "my",
    "LAO": "lo",
    "SINHALA": "si",
    "BENGALI": "bn",
    "GEORGIAN": "ka",
    "ARMENIAN": "hy",
}


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    if name.startswith("CJK"):
        return "HAN"
    return name.split(" ")[0]


def dominant_script(text: str) -> str:
    counts: dict[str, int] = {}
    for char in text:
        if char.isalpha():
            script = _script(char)
            counts[script] = counts.get(script, 0) + 1
    return max(counts, key=counts.get) if counts else ""


# Latin-script languages a query is likely to be in (residents, staff, catalogues).
LATIN_LANGUAGES = ("en", "es", "de", "fr", "it", "pt", "nl", "vi", "id", "tl", "ms", "uz", "tr")


@functools.cache
def _classify():
    """py3langid restricted to the likely languages: far fewer wild guesses on short text."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages([code for code in LATIN_LANGUAGES if code in identifier.labels])
    return identifier.rank


# English is the lingua franca of job titles; a short Latin-script text is taken as English
# unless another language scores clearly higher (margin measured on the MELO development sets).
ENGLISH_PRIOR = 2.0


def _vietnamese(text: str) -> bool:
    """Letters only Vietnamese uses among Latin scripts (ơ, ư, đ and the stacked tone marks)."""
    return any(c in "ơưđƠƯĐ" or "\u1ea0" <= c <= "\u1ef9" for c in text)


def _uzbek(text: str) -> bool:
    return any(c in "ʻʼ‘’" for c in text) and any(w in text.casefold() for w in ("oʻ", "gʻ", "o'", "g'"))


def detect_language(text: str, hint: str | None = None) -> str:
    """ISO 639-1 code of ``text``; ``hint`` is the language the user chose in the interface."""
    script = dominant_script(text)
    if script in _SCRIPT_LANGUAGE:
        return _SCRIPT_LANGUAGE[script]
    if script == "HAN":
        return (
            "ja"
            if any("HIRAGANA" in unicodedata.name(c, "") or "KATAKANA" in unicodedata.name(c, "") for c in text)
            else "zh"
        )
    if script == "CYRILLIC":
        return hint if hint in ("ru", "uz", "kk", "mn", "uk") else "ru"
    if _vietnamese(text):
        return "vi"
    if _uzbek(text):
        return "uz"
    if hint and hint != "ko":
        return hint
    scores = dict(_classify()(text.lower() if text.isupper() else text))
    best = max(scores, key=scores.get)
    return "en" if scores.get("en", float("-inf")) >= scores[best] - ENGLISH_PRIOR else best
