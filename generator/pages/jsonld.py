"""Structured data for search engines: a question page carries its FAQPage JSON-LD (schema.org)."""

from __future__ import annotations

from generator.content.loader import Document
from generator.content.schemas import Faq
from generator.util.jsonscript import script_json
from generator.util.markdown import plain_text


def faq_jsonld(doc: Document, page_url: str) -> str:
    """Return the FAQPage JSON-LD for a question page (schema.org), safe to embed in <script>."""
    entry: Faq = doc.entry  # type: ignore[assignment]
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "inLanguage": "id",
        "dateModified": entry.ditinjau.isoformat(),
        "url": page_url,
        "mainEntity": [
            {
                "@type": "Question",
                "name": entry.pertanyaan,
                "acceptedAnswer": {"@type": "Answer", "text": plain_text(doc.body)},
            }
        ],
    }
    return script_json(data)

