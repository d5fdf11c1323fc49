"""Renderers of extracted data and findings."""
