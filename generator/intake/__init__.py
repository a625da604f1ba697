"""Question intake: the public form, the private store, the outbox and the review publishers."""
