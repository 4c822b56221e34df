"""The occupation normalizer: free text ("용접", "thợ hàn", "어르신 돌보는 일") → ranked
한국직업사전 occupations with a confidence; the occupation vocabulary (names in the reader's
language); and the catalogue as the engine sees it.
"""

import functools
import math
import threading
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max

from iljari.matching.engine.candidates.retrieval import Corpus, HybridRetriever
from iljari.matching.engine.evaluation import CatalogueDocument
from iljari.matching.engine.records import Occupation as EngineOccupation
from iljari.matching.engine.records import VisaRule
from iljari.matching.models import OccupationCorrection, OccupationGuess
from iljari.matching.models_runtime import retrieval_embedders
from iljari.matching.vocabulary import FOLDER, Vocabulary, load_vocabulary
from iljari.reference.models import Licence, Occupation, VisaType
from iljari.reference.selectors import occupation_for_text, occupations_by_title
from iljari.text.korean import add_user_words
from iljari.text.normalize import normalize

Progress = Callable[[str, int, int], None]
GUESSES = 3
_lock = threading.Lock()


def catalogue_text(o: Occupation) -> str:
    """What the normalizer reads of an occupation: title, other names, summary."""
    names = f" ({', '.join(o.synonyms)})" if o.synonyms else ""
    return f"{o.title}{names}. {o.summary}".strip()


def catalogue_corpus(occupations: list[Occupation]) -> Corpus:
    """The occupations as the normalizer reads them: texts, titles, other names, KECO groups, 수행직무."""
    vocabulary = occupation_vocabulary()
    return Corpus(
        [catalogue_text(o) for o in occupations],
        [o.title for o in occupations],
        [extra_names(o, vocabulary) for o in occupations],
        [o.keco_code for o in occupations],
        [o.tasks for o in occupations],
    )


def catalogue_texts() -> list[str]:
    """The whole catalogue's texts as the normalizer reads them (what the shipped embeddings are made from)."""
    return [catalogue_text(o) for o in Occupation.objects.order_by("pk")]


def catalogue_short_texts() -> list[str]:
    """The whole catalogue's titles and other names as the normalizer embeds them (shipped too)."""
    return catalogue_corpus(list(Occupation.objects.order_by("pk"))).short_texts()


def load_user_dictionary() -> None:
    """Teach Kiwi the licence names, so '지게차운전기능사' stays one word in notes and profiles.

    Occupation titles were tried too and lowered nDCG@10 on ko_alias_dev (0.588 → 0.584):
    splitting compound titles into their parts is what lets an alias find its title.
    """
    add_user_words((name, "NNP") for name in Licence.objects.values_list("name", flat=True) if len(name) <= 20)


def vocabulary_folders() -> list[Path]:
    """The shipped vocabulary, then the city's own (``occupation_vocabulary/`` in its folder)."""
    return [FOLDER, Path(settings.ILJARI_CITY_DIR) / "occupation_vocabulary"]


@functools.cache
def occupation_vocabulary() -> Vocabulary:
    """The vocabulary, checked against the catalogue (read once per process)."""
    titles = set(Occupation.objects.values_list("title", flat=True))
    return load_vocabulary([f for f in vocabulary_folders() if f.is_dir()], known_titles=titles or None)


def occupation_name(occupation: Occupation, lang: str) -> str:
    """The occupation's name for a reader of ``lang`` ("ko", "vi", "zh-hans"...); the 직업명 if none."""
    return occupation_vocabulary().name(occupation.title, lang) or occupation.title.removesuffix("(일반)")


def extra_names(o: Occupation, vocabulary: Vocabulary) -> list[str]:
    """What else the occupation is called: its 유사명칭 and the vocabulary's names and words."""
    return list(dict.fromkeys([*o.synonyms, *vocabulary.extra_names(o.title)]))


def catalogue_documents() -> dict[str, CatalogueDocument]:
    """Occupation id → title, KECO code, 수행직무 and vocabulary names, for evaluation sets over the
    catalogue. The 유사명칭 and 관련직업 are left out: the alias sets are made of them.
    """
    vocabulary = occupation_vocabulary()
    return {
        oid: CatalogueDocument(title, keco, vocabulary.extra_names(title), tasks)
        for oid, title, keco, tasks in Occupation.objects.values_list("occupation_id", "title", "keco_code", "tasks")
    }


def correction_phrase(text: str) -> str:
    """A phrase as corrections store it: normalized like the occupation-guess cache's key."""
    return " ".join(normalize(text or "").split())[:200]


def _fold(phrase: str) -> str:
    return phrase.replace(" ", "").casefold()


def learned_pairs() -> list[tuple[str, int, int]]:
    """The standing (phrase, occupation pk, confirmations) pairs counselors and seekers confirmed."""
    return list(
        OccupationCorrection.objects.filter(removed_at__isnull=True)
        .order_by("pk")
        .values_list("phrase", "occupation_id", "confirmations")
    )


def learned_stamp() -> tuple:
    """Changes whenever a pair is recorded, confirmed again or removed (one aggregate query)."""
    return tuple(OccupationCorrection.objects.aggregate(n=Count("pk"), at=Max("updated_at")).values())


class OccupationNormalizer:
    def __init__(self, occupations: list[Occupation], progress: Progress | None = None) -> None:
        load_user_dictionary()
        self.pks = [o.pk for o in occupations]
        self.row = {pk: i for i, pk in enumerate(self.pks)}
        corpus = catalogue_corpus(occupations)
        self.base_names = [list(names) for names in corpus.names]  # what the learned names are added to
        self.retriever = HybridRetriever(retrieval_embedders()).fit(corpus, progress=progress)
        self.exact = occupations_by_title()
        self.keco = {o.pk: o.keco_code for o in occupations}
        self.learned: dict[str, int] = {}  # folded phrase → occupation pk
        self.learned_names: frozenset[tuple[str, int]] = frozenset()
        self.stamp: tuple | None = None

    def learn(self, pairs: list[tuple[str, int, int]]) -> None:
        """Use these confirmed pairs from now on: a phrase is an exact hit for its occupation (the
        most confirmed one when people disagree) and one more name of every occupation it was
        confirmed for. Pairs of occupations outside this catalogue are ignored."""
        pairs = [(phrase, pk, n) for phrase, pk, n in pairs if pk in self.row]
        best: dict[str, tuple[int, int]] = {}
        for phrase, pk, n in pairs:
            key = _fold(phrase)
            if key not in best or n >= best[key][1]:
                best[key] = (pk, n)
        self.learned = {key: pk for key, (pk, _) in best.items()}
        names = frozenset((phrase, pk) for phrase, pk, _ in pairs)
        if names != self.learned_names:
            extra: list[list[str]] = [list(doc) for doc in self.base_names]
            for phrase, pk in sorted(names):
                if phrase not in extra[self.row[pk]]:
                    extra[self.row[pk]].append(phrase)
            self.retriever.set_names(extra)
            self.learned_names = names

    def guess(self, texts: list[str], lang_hint: str | None = None) -> list[list[tuple[int, float]]]:
        """Up to three (occupation pk, confidence) per text, best first.

        A phrase a counselor or seeker confirmed, an exact title or an unambiguous synonym is
        certain (1.0); otherwise confidence falls with the distance to the best hybrid score, so a
        clear winner stands alone and close candidates share the weight.
        """
        results: list[list[tuple[int, float]]] = []
        pending = [i for i, t in enumerate(texts) if t.strip()]
        ranked = self.retriever.search([texts[i] for i in pending], k=GUESSES, lang_hint=lang_hint) if pending else []
        by_text = dict(zip(pending, ranked, strict=True))
        for i, text in enumerate(texts):
            hits = by_text.get(i, [])
            learned = self.learned.get(_fold(correction_phrase(text)))
            certain = (learned, self.keco[learned]) if learned is not None else None
            if certain is None and (title := occupation_for_text(text, self.exact)) is not None:
                certain = (title.pk, title.keco_code)
            if certain is not None:
                # Around a certain occupation, only its close relatives (same KECO minor group) are added.
                pk, keco = certain
                kin = [
                    (self.pks[d], 0.3)
                    for d, _ in hits
                    if self.pks[d] != pk and self.keco.get(self.pks[d], "")[:3] == keco[:3]
                ]
                results.append([(pk, 1.0), *kin[:2]])
                continue
            if not hits:
                results.append([])
                continue
            best = hits[0][1]
            results.append([(self.pks[d], round(math.exp(-(best - score) / 1.5), 3)) for d, score in hits])
        return results


_normalizer: OccupationNormalizer | None = None


def normalizer(progress: Progress | None = None) -> OccupationNormalizer:
    """The process's normalizer over the whole catalogue, built on first use."""
    global _normalizer
    with _lock:
        if _normalizer is None:
            _normalizer = OccupationNormalizer(list(Occupation.objects.order_by("pk")), progress)
        stamp = learned_stamp()
        if stamp != _normalizer.stamp:  # a pair recorded or removed, in this process or another
            _normalizer.learn(learned_pairs())
            _normalizer.stamp = stamp
        return _normalizer


def use_normalizer(instance: OccupationNormalizer | None) -> None:
    """Replace the process's normalizer (a smaller catalogue for a quick test run, or None to reset)."""
    global _normalizer
    with _lock:
        _normalizer = instance


def guess_occupations(texts: list[str]) -> dict[str, list[tuple[int, float]]]:
    """Guesses for each distinct text, from the cache or computed once and stored."""
    keys = {normalize(t)[:200] for t in texts if t and t.strip()}
    known = {g.text: [tuple(m) for m in g.matches] for g in OccupationGuess.objects.filter(text__in=keys)}
    missing = sorted(keys - set(known))
    if missing:
        guesses = normalizer().guess(missing)
        with transaction.atomic():
            OccupationGuess.objects.bulk_create(
                [OccupationGuess(text=t, matches=[list(m) for m in g]) for t, g in zip(missing, guesses, strict=True)],
                ignore_conflicts=True,
            )
        known.update(zip(missing, guesses, strict=True))
    return {t: known.get(normalize(t)[:200], []) for t in texts}


def engine_catalogue() -> tuple[list[EngineOccupation], dict[int, int]]:
    """The catalogue as engine records, and occupation pk → engine index."""
    rows = list(Occupation.objects.order_by("pk").values_list("pk", "title", "keco_code", "keco_name", "ksco_code"))
    return (
        [EngineOccupation(i, t, k, kn, ks) for i, (_, t, k, kn, ks) in enumerate(rows)],
        {pk: i for i, (pk, *_) in enumerate(rows)},
    )


def engine_visa_rules() -> list[VisaRule]:
    return [
        VisaRule(v.code, v.work_scope, tuple(v.permitted_keco_prefixes), v.weekly_hours_limit, v.requires_listing)
        for v in VisaType.objects.order_by("code")
    ]


def licence_names() -> dict[int, str]:
    return dict(Licence.objects.values_list("pk", "name"))
