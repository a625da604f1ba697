"""Feature: citizens' questions (web, store, outbox, publish, review); never imports rab or tools."""
