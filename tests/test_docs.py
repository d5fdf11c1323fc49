"""The project's documents stay true: every reference to docs/domain.md names a section that
exists, and every document the README links to is there."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = ROOT / "docs" / "domain.md"


def _sections() -> set[str]:
    out: set[str] = set()
    for line in DOMAIN.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^#{2,3} (\d+(?:\.\d+)?)\.? ", line)
        if m:
            out.add(m.group(1))
    return out


def test_domain_references_resolve() -> None:
    sections = _sections()
    assert {"2", "3", "3.2", "6"} <= sections
    refs: list[tuple[Path, str]] = []
    for path in [*ROOT.joinpath("src").rglob("*"), *ROOT.joinpath("docs").rglob("*.md")]:
        if path.suffix not in {".py", ".toml", ".md", ".j2"}:
            continue
        text = path.read_text(encoding="utf-8")
        refs += [(path, m) for m in re.findall(r"domain\.md §(\d+(?:\.\d+)?)", text)]
        assert "DOMAIN.md" not in text, f"{path} cites a document outside the repository"
    assert refs, "the code cites the domain document"
    unresolved = [(str(p.relative_to(ROOT)), s) for p, s in refs if s not in sections]
    assert unresolved == []


def test_readme_links_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for link in re.findall(r"\]\(((?:docs|samples)/[^)#]+)\)", readme):
        assert (ROOT / link).exists(), link
