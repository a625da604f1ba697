"""Layer 3½, measure/: the clinic's arithmetic that features and pages share (IKM, sample size, indicator lines)."""
