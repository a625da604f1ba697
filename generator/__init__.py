"""Klinik PKP content generator: validated Markdown content in, an Indonesian MkDocs site out."""
