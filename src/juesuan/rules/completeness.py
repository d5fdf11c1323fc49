"""Rule family: completeness (rules are added by their issue work)."""
