"""reportqa's retrieval engine, one module per stage.

ingest (files -> articles) -> chunk (articles -> chunks) -> embed (model) ->
lexical (jieba + BM25) / vectors (FAISS) / store (SQLite) -> search (fusion,
threshold, highlight). Stages pass the frozen dataclasses of `retrieval.types`.
"""
