"""Rule family: crosstable (rules are added by their issue work)."""
