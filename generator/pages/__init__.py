"""Layer 5, the Markdown pages MkDocs renders: one page inventory with its URL helpers, the renderer, JSON-LD, feed."""
