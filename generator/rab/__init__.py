"""House designs with their bill of quantities, unit-price tables and the RAB computed from both."""
