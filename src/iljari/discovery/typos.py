"""Slips of the thumb in field notes — "용졉" for 용접, "주갼" for 주간, "3멍" for 3명 — mended before reading.

A note typed on a phone in a factory yard has them, and one wrong jamo would otherwise lose the
job or the shift. Only slips a Korean keyboard makes are mended (a shifted consonant, a vowel
with or without its extra stroke, ㅐ/ㅔ), only in whole words the parser looks for, and never
when the "slip" is itself a word. Mending keeps every syllable in place, so positions found in
the mended text point at the same words in the note as it was written.
"""

import re
from collections.abc import Callable, Iterable, Iterator

_FIRST, _LAST = ord("가"), ord("힣")
_INITIAL_SWAPS = [(0, 1), (3, 4), (7, 8), (9, 10), (12, 13)]  # ㄱㄲ ㄷㄸ ㅂㅃ ㅅㅆ ㅈㅉ
_VOWEL_SWAPS = [(0, 2), (1, 3), (4, 6), (5, 7), (8, 12), (13, 17), (1, 5)]  # ㅏㅑ ㅐㅒ ㅓㅕ ㅔㅖ ㅗㅛ ㅜㅠ ㅐㅔ
_FINAL_SWAPS = [(1, 2), (19, 20)]  # ㄱㄲ ㅅㅆ
# A slip is mended only as a whole word, or with the endings a job word takes in a note ("용졉공").
_BEFORE = r"(?<![가-힣])"
_AFTER = r"(?=[^가-힣]|$|[공원사직조반])"
_COUNTER = re.compile(r"(?<=\d)(\s*)멍")  # "3멍": the counter 명


def _pairs(swaps: list[tuple[int, int]]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for a, b in swaps:
        out.setdefault(a, []).append(b)
        out.setdefault(b, []).append(a)
    return out


_INITIALS, _VOWELS, _FINALS = _pairs(_INITIAL_SWAPS), _pairs(_VOWEL_SWAPS), _pairs(_FINAL_SWAPS)


def slips(word: str) -> Iterator[str]:
    """Every way of typing ``word`` with one keyboard slip in one syllable."""
    for i, ch in enumerate(word):
        code = ord(ch)
        if not _FIRST <= code <= _LAST:
            continue
        initial, rest = divmod(code - _FIRST, 588)
        vowel, final = divmod(rest, 28)
        for other in _INITIALS.get(initial, []):
            yield word[:i] + chr(_FIRST + other * 588 + rest) + word[i + 1 :]
        for other in _VOWELS.get(vowel, []):
            yield word[:i] + chr(_FIRST + initial * 588 + other * 28 + final) + word[i + 1 :]
        for other in _FINALS.get(final, []):
            yield word[:i] + chr(_FIRST + initial * 588 + vowel * 28 + other) + word[i + 1 :]


class TypoMender:
    """Mends the slips of a fixed list of words; a slip two words share, or that is a word, is left."""

    def __init__(self, words: Iterable[str], is_word: Callable[[str], bool] | None = None) -> None:
        words = {w for w in words if sum(_FIRST <= ord(c) <= _LAST for c in w) >= 2}
        table: dict[str, str | None] = {}
        for word in words:
            for slip in slips(word):
                if slip in words:
                    continue
                table[slip] = word if table.get(slip, word) == word else None  # two words: ambiguous
        self.table = {s: w for s, w in table.items() if w is not None and not (is_word and is_word(s))}
        alternatives = "|".join(map(re.escape, sorted(self.table, key=len, reverse=True)))
        self.pattern = re.compile(_BEFORE + "(?:" + alternatives + ")" + _AFTER) if self.table else None

    def mend(self, text: str) -> str:
        if self.pattern:
            text = self.pattern.sub(lambda m: self.table[m.group(0)], text)
        return _COUNTER.sub(r"\1명", text)
