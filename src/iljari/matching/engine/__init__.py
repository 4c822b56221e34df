"""The matching engine: plain Python and NumPy, no Django, so batch jobs and workers can run it.

Stages with names: analysis (tokens) → candidates (lexical and vector retrieval, fused) →
filters (hard requirements) → scores (weighted signals) → reasons (why, in codes the web
layer renders in Korean).
"""
