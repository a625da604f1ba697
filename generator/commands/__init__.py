"""Layer 9, one function per verb that needs more than one layer (check, new faq, kurasi, rab), free of click."""
