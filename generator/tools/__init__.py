"""Feature: the financing calculators and the control card (compute, pages); never imports rab or intake."""
