"""Rule family: narrative (rules are added by their issue work)."""
