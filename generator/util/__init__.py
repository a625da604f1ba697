"""Layer 1, helpers with no knowledge of the clinic's data: errors, safe file reads, YAML, Markdown, markup, fields, money, dates."""
