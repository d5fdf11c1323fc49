"""Generate a final-account disclosure (DOCX, HTML, PDF) from data: ``juesuan generate``."""
