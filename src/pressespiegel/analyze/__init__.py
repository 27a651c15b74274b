"""Per-article analysis: sentences, entities, quotations and dates (issue 3)."""
