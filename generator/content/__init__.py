"""Layer 3, content/: the front-matter schemas, the loader, the content set and the checks that span files."""
