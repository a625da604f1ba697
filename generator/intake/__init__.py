"""Question intake: from the public form to a review branch, identity kept private."""
