"""Intake: review branches and pull requests (git and GitHub) and the submission file they carry."""
