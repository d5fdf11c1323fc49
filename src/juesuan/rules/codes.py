"""Rule family: codes (rules are added by their issue work)."""
