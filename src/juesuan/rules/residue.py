"""Rule family: residue (rules are added by their issue work)."""
