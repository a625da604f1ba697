"""Feature: house designs and their RAB (compute, checks, pages, downloads, text table); never imports tools or intake."""
