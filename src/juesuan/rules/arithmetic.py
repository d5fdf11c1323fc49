"""Rule family: arithmetic (rules are added by their issue work)."""
