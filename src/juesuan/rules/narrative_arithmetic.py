"""Rule family: narrative_arithmetic (rules are added by their issue work)."""
