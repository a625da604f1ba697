"""Structured data for search engines: a question page carries its FAQPage JSON-LD, a video page its VideoObject (schema.org)."""

from __future__ import annotations

from urllib.parse import urljoin

from generator.content.loader import Document
from generator.content.schemas import Faq, Video
from generator.pages.media import iso_duration
from generator.pages.media import page_url as page_url_of
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



def video_jsonld(doc: Document, page_url: str) -> str:
    """Return the VideoObject JSON-LD for a video page (schema.org): cover, length, captions language, transcript."""
    entry: Video = doc.entry  # type: ignore[assignment]
    data = {
        "@context": "https://schema.org",
        "@type": "VideoObject",
        "inLanguage": "id",
        "name": entry.judul,
        "description": entry.ringkasan,
        "uploadDate": entry.tanggal.isoformat(),
        "dateModified": entry.ditinjau.isoformat(),
        "duration": iso_duration(entry.seconds()),
        "thumbnailUrl": urljoin(page_url, str(page_url_of(doc, entry.sampul))),
        "transcript": plain_text(doc.body),
        "url": page_url,
    }
    if entry.berkas:
        data["contentUrl"] = urljoin(page_url, str(page_url_of(doc, entry.berkas)))
    else:
        data["embedUrl"] = entry.sematan
    return script_json(data)
