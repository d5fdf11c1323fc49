"""Rule family: performance (rules are added by their issue work)."""
