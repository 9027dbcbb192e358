"""reportqa's retrieval engine, one sub-package per stage.

text (files -> articles -> chunks, sentences, tokens) -> model (encoders) -> index (build,
generations, FAISS, BM25, SQLite) -> search (fusion, not-found, answers). `engine.Engine`
opens them all from `settings.Settings`; `bench` measures them from outside. Stages pass the
frozen dataclasses of `retrieval.types`.
"""
