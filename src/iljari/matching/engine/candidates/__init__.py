"""Candidates: lexical (BM25 over words and character n-grams) and dense (multilingual
embeddings) retrieval over a catalogue, fused by a learned ranker; and the key → rows lists
matching gathers its candidate rows from.
"""
