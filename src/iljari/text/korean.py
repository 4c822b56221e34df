"""Korean morphemes with kiwipiepy, one analyzer per process (it takes seconds and ~500 MB)."""

import functools
import threading
from collections.abc import Iterable

# Content morphemes: nouns, verb and adjective stems, roots, foreign words, numbers, hanja.
CONTENT_TAGS = frozenset({"NNG", "NNP", "NR", "VV", "VA", "XR", "SL", "SN", "SH", "W_SERIAL"})
_lock = threading.Lock()


@functools.cache
def kiwi():  # noqa: ANN201 - kiwipiepy has no type stubs
    from kiwipiepy import Kiwi

    return Kiwi(num_workers=2)


def add_user_words(words: Iterable[tuple[str, str]]) -> None:
    """Teach the analyzer words it splits badly (occupation titles, licence names)."""
    with _lock:
        analyzer = kiwi()
        for word, tag in words:
            analyzer.add_user_word(word, tag)


def morphemes(text: str) -> list[str]:
    """Content morphemes of ``text``: '공장 사출기 돌리는 일' → ['공장', '사출', '돌리', '일']."""
    if not text:
        return []
    with _lock:
        tokens = kiwi().tokenize(text)
    return [t.form.casefold() if t.tag == "SL" else t.form for t in tokens if t.tag in CONTENT_TAGS]


def is_dictionary_word(text: str) -> bool:
    """Whether Kiwi's dictionary has ``text`` as one word: '야근' does, '야깐' (a slip) does not."""
    with _lock:
        tokens = kiwi().tokenize(text)
    return len(tokens) == 1 and tokens[0].form == text and not tokens[0].oov


# Grammatical morphemes: particles (J…), endings (E…), copula, punctuation and symbols.
_GRAMMAR_PREFIXES = ("J", "E", "VCP", "VCN", "S", "W_")


def morphemes_many(texts: list[str]) -> list[list[str]]:
    """Morphemes of many texts at once (kiwi's batch mode is faster than a loop)."""
    return [m for m, _ in analyze_many(texts)]


# Grammatical morphemes: particles (J…), endings (E…), copula, punctuation and symbols.
_GRAMMAR_PREFIXES = ("J", "E", "VCP", "VCN", "S", "W_")


def content_words_many(texts: list[str]) -> list[list[str]]:
    """Each text's words with particles and endings removed: '공장에서 돌리는 일' → ['공장', '돌리', '일'].

    Character n-grams taken over these words match compounds without matching grammar.
    """
    return [c for _, c in analyze_many(texts)]


def analyze_many(texts: list[str]) -> list[tuple[list[str], list[str]]]:
    """Each text's content morphemes and content words from one analysis (a catalogue needs both,
    and the analysis is most of the time of building an index)."""
    with _lock:
        results = list(kiwi().tokenize(texts))
    out = []
    for tokens in results:
        content = [t.form.casefold() if t.tag == "SL" else t.form for t in tokens if t.tag in CONTENT_TAGS]
        words: list[str] = []
        last_end = -1
        for t in tokens:
            if t.tag.startswith(_GRAMMAR_PREFIXES) and t.tag not in ("SL", "SN", "SH"):
                last_end = -1
                continue
            if t.start == last_end and words:
                words[-1] += t.form
            else:
                words.append(t.form)
            last_end = t.start + t.len
        out.append((content, words))
    return out
