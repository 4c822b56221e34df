"""The matching engine: plain Python and NumPy, no Django, so batch jobs and workers can run it.

Stages, each a module named for what it does:

- ``candidates/`` — what is worth scoring. ``lexical.py`` (BM25 over token lists),
  ``texts.py`` (a space of distinct short texts with their embeddings and a vector index),
  ``retrieval.py`` (hybrid retrieval over a catalogue: every lexical and dense signal, with
  the vocabulary's extra names), ``fusion.py`` (the learned ranker that fuses them) and
  ``lists.py`` (key → rows lists that matching gathers its candidate rows from).
- ``filters.py`` — hard requirements of a (seeker, vacancy) pair: licences, 체류자격,
  minimum and reservation wage, hours, shifts, access, Korean, an unrelated occupation.
- ``scores.py`` — the weighted signals of the pairs that pass.
- ``reasons.py`` — why, and what is missing, as codes the web layer renders in Korean.
- ``matcher.py`` — the two directions (a seeker's vacancies, a vacancy's seekers) through
  those stages.

What they share: ``tokens.py`` (morphemes, stemmed words, character n-grams), ``records.py``
(plain records; no age, sex or nationality), ``columns.py`` (columnar stores),
``embeddings.py`` (offline models and their cache), ``metrics.py`` and ``evaluation.py``
(retrieval quality on a folder of TSV files).
"""
