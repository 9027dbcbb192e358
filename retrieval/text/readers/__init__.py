"""The registry of file readers: one module a format, found by content first, then extension.

Content first, because archives misname files (a PDF saved as `.txt`, a CMS page with no
extension); a format without a signature (text, Markdown, JSON, Word) is known by its
extension. One more format is one more module and one more entry in `readers()`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from retrieval.text.readers.base import SNIFF_BYTES, Reader
from retrieval.text.readers.docx import DocxReader
from retrieval.text.readers.html import HtmlReader
from retrieval.text.readers.markdown import MarkdownReader
from retrieval.text.readers.pdf import PdfReader
from retrieval.text.readers.plain import PlainTextReader
from retrieval.text.readers.records import RecordsReader

__all__ = ["SNIFF_BYTES", "Reader", "readers", "reader_for", "supported_extensions"]


def readers(record_fields: Iterable[tuple[str, str]] = ()) -> tuple[Reader, ...]:
    """Every reader; `record_fields` adds (meaning, field name) pairs for JSON exports."""
    return (PdfReader(), HtmlReader(), DocxReader(), RecordsReader(record_fields), MarkdownReader(), PlainTextReader())


def reader_for(path: Path, head: bytes, registry: tuple[Reader, ...]) -> Reader | None:
    """The reader of a file from its first bytes, else its extension; None: unsupported."""
    sniffed = next((reader for reader in registry if reader.sniff(head)), None)
    if sniffed is not None:
        return sniffed
    suffix = Path(path).suffix.lower()
    return next((reader for reader in registry if suffix in reader.extensions), None)


def supported_extensions(registry: tuple[Reader, ...]) -> tuple[str, ...]:
    return tuple(ext for reader in registry for ext in reader.extensions)
