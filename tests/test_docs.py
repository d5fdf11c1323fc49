"""The project's documents stay true: every reference to docs/domain.md names a section that
exists, and every document the README links to is there."""

from __future__ import annotations

import json
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


def _keys(value: object, out: set[str]) -> set[str]:
    if isinstance(value, dict):
        for k, v in value.items():
            out.add(k)
            _keys(v, out)
    elif isinstance(value, list):
        for v in value:
            _keys(v, out)
    return out


SAMPLE_FILES = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in {".pdf", ".txt"})
#: Keys that are data, not field names (rule codes, catalog keys in by_category).
DATA_KEY = re.compile(r"^JS\d{3}$")


def test_disclosure_json_keys_are_documented() -> None:
    import juesuan
    from juesuan.model import to_json_dict

    doc_text = (ROOT / "docs" / "disclosure-json.md").read_text(encoding="utf-8")
    keys: set[str] = set()
    for path in SAMPLE_FILES:
        _keys(to_json_dict(juesuan.read(path)), keys)
    # canonical column names and raw cell keys are listed in the canonical-columns table
    undocumented = sorted(k for k in keys if f"`{k}`" not in doc_text and not k.isdigit())
    assert undocumented == [], f"keys emitted but not in docs/disclosure-json.md: {undocumented}"


def test_findings_json_keys_are_documented() -> None:
    from juesuan.model.findings import InputFailure
    from juesuan.reporting.findings import render_json
    from juesuan.rules import check_file

    doc_text = (ROOT / "docs" / "findings-json.md").read_text(encoding="utf-8")
    reports = [check_file(p) for p in SAMPLE_FILES]
    data = json.loads(render_json([*reports, InputFailure("x.pdf", 5, "损坏")], timing=True))
    keys = _keys(data, set())
    categories = {f["category"] for d in data if "findings" in d for f in d["findings"]}
    undocumented = sorted(
        k
        for k in keys
        if f"`{k}`" not in doc_text and not DATA_KEY.match(k) and k not in categories
    )
    assert undocumented == [], f"keys emitted but not in docs/findings-json.md: {undocumented}"


def _readme_examples() -> list[tuple[list[str], list[str]]]:
    """(command arguments, expected lines) of each ``$ juesuan …`` block in the README."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    out = []
    for block in re.findall(r"```\n\$ juesuan (.*?)\n(.*?)```", text, re.S):
        args, body = block
        out.append((args.split(), [ln for ln in body.splitlines() if ln.strip()]))
    return out


def test_readme_examples_are_true() -> None:
    """Every line of the README's example output is printed, in that order ("…" marks lines
    left out)."""
    from typer.testing import CliRunner

    from juesuan.cli import app

    examples = _readme_examples()
    assert len(examples) >= 2
    for args, expected in examples:
        result = CliRunner().invoke(app, args, env={"COLUMNS": "400"})
        printed = [ln.rstrip() for ln in result.stdout.splitlines()]
        at = 0
        for line in expected:
            if line.strip() == "…":
                continue
            while at < len(printed) and printed[at] != line.rstrip():
                at += 1
            assert at < len(printed), f"README example line not printed (in order): {line}"
            at += 1
