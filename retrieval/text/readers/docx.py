"""Word manuscripts (.docx) by python-docx: headings by their paragraph style, paragraphs, byline.

A Heading 1 / Title paragraph becomes a markdown headline, so the page layout analysis splits
and names articles as it does for text pages; Heading 2-3 stay plain lines, which the layout
takes as sections (a markdown '##' would start an article); the byline is found by the same
rules as on a text page. The core properties' author and dates are not used: they
name the account and the day the file (or its template) was made, not the reporter and the
report's day; the date comes from the path, file name or lead as for a text page.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError

from retrieval.errors import UndecodableFile
from retrieval.text.readers.base import MB, Metadata, articles_from_text
from retrieval.types import Article

HEADLINES = {"title", "heading 1"}


class DocxReader:
    name = "docx"
    extensions = (".docx",)
    max_bytes = 100 * MB

    def sniff(self, head: bytes) -> bool:
        return False  # a zip could be any Office file; the extension decides

    def read(self, data: bytes, source: str) -> list[Article]:
        try:
            document = docx.Document(io.BytesIO(data))
        except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
            raise UndecodableFile(f"{source}: not a readable Word .docx file ({type(exc).__name__}), skipped") from None
        lines: list[str] = []
        for paragraph in document.paragraphs:
            text = " ".join(paragraph.text.split())
            if not text:
                continue
            style = (paragraph.style.name if paragraph.style is not None else "").lower()
            lines += ["", f"# {text}" if style in HEADLINES else text]
        if not lines:
            raise UndecodableFile(f"{source}: Word file without text, skipped")
        return articles_from_text("\n".join(lines), source, Metadata(title=document.core_properties.title or None))
