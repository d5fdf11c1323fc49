"""Loader for ``performance.toml``: how self-evaluation tables are read and scored.

Same pattern as the other catalog loaders (:mod:`juesuan.catalog`): the file is read once and
turned into frozen dataclasses; layout knowledge stays in the TOML file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, lru_cache

from juesuan.catalog import _load

_SPACE = re.compile(r"\s+")


#: What :func:`key` removes or replaces: the characters ``\s`` matches (str.isspace), quotes,
#: colons; half-width brackets become full-width.
_KEY_TABLE = str.maketrans(
    {
        **dict.fromkeys(
            "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003"
            "\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
            "“”\"'‘’「」:："
        ),
        "(": "（",
        ")": "）",
    }
)


#: Any character :data:`_KEY_TABLE` changes.
_KEY_CHARS = re.compile("[" + "".join(re.escape(chr(c)) for c in _KEY_TABLE) + "]")
#: Any character :data:`_KEY_TABLE` removes.
_KEY_DROPS = re.compile(
    "[" + "".join(re.escape(chr(c)) for c, to in _KEY_TABLE.items() if to is None) + "]"
)


@lru_cache(maxsize=32768)
def key(text: str) -> str:
    """Matching key of a printed label: no whitespace or quotes, full-width brackets, no colons."""
    if not _KEY_CHARS.search(text):  # nothing to translate (most labels): one scan in C
        return text
    # What text.translate(_KEY_TABLE) gives, without it: translate looks every character up
    # in the table and raises (and drops) a KeyError for each one not there, i.e. for nearly
    # every character of a Chinese text; one regex pass and two replaces cost a fraction.
    return _KEY_DROPS.sub("", text).replace("(", "（").replace(")", "）")


@dataclass(frozen=True, slots=True)
class FundSource:
    key: str  # total, fiscal, special, unit, other
    name: str  # printed name (总额, 财政资金 …)
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Grade:
    words: tuple[str, ...]
    low: Decimal  # share of the weight, 0–1
    high: Decimal


@dataclass(frozen=True, slots=True)
class ScoringMethod:
    id: str
    name: str
    budget_points: Decimal
    indicator_points: Decimal
    total_points: Decimal
    quantitative: str
    grades: tuple[Grade, ...]

    def grade_of(self, word: str) -> Grade | None:
        """The band of a qualitative result word (exact match on the key)."""
        k = key(word)
        for g in self.grades:
            if k in g.words:
                return g
        return None


@dataclass(frozen=True, slots=True)
class Claim:
    kind: str
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class PerformanceLayout:
    project_titles: tuple[str, ...]
    department_titles: tuple[str, ...]
    evaluation_words: tuple[str, ...]  # with “表”: a self-evaluation title in other words
    standard_titles: tuple[str, ...]  # with “表”: a standard table's title
    categories: tuple[str, ...]
    fundings: tuple[str, ...]
    group_max_chars: int
    fields: dict[str, tuple[str, ...]]
    code_pattern: re.Pattern[str]
    budget_header: tuple[str, ...]
    budget_block_words: tuple[str, ...]
    pair_budget: tuple[str, ...]
    pair_executed: tuple[str, ...]
    sources: tuple[FundSource, ...]
    indicator_header_sets: tuple[tuple[str, ...], ...]
    indicator_header_alone: tuple[str, ...]
    indicator_block_words: tuple[str, ...]
    indicator_block_exact: tuple[str, ...]
    columns: tuple[tuple[str, tuple[str, ...]], ...]
    clipped_columns: dict[str, str]  # clipped header cell → column
    level1: tuple[str, ...]
    level2: tuple[str, ...]
    level1_of: dict[str, str]
    natures: dict[str, str]  # squashed printed form → normalised
    texts: dict[str, tuple[str, ...]]  # conclusion/problems/measures/fragments/total
    claims: tuple[Claim, ...]
    cancel_markers: tuple[str, ...]
    placeholders: tuple[str, ...]
    instructions: tuple[str, ...]
    instruction_re: re.Pattern[str]  # any instruction, on the key of a cell
    placeholder_re: re.Pattern[str]
    counts: dict[str, tuple[str, ...]]  # statement subjects by what they count

    def source(self, key_: str) -> FundSource:
        for s in self.sources:
            if s.key == key_:
                return s
        raise KeyError(key_)


def _t(values: list[str]) -> tuple[str, ...]:
    return tuple(key(v) for v in values)


@cache
def layout() -> PerformanceLayout:
    data = _load("performance.toml")
    fields = data["fields"]
    ind = data["indicators"]
    texts = data["texts"]
    return PerformanceLayout(
        project_titles=_t(data["titles"]["project"]),
        department_titles=_t(data["titles"]["department"]),
        evaluation_words=_t(data["titles"]["evaluation_words"]),
        standard_titles=_t(data["titles"]["standard"]),
        categories=tuple(data["groups"]["categories"]),
        fundings=tuple(data["groups"]["fundings"]),
        group_max_chars=int(data["groups"]["max_chars"]),
        fields={k: _t(v) for k, v in fields.items() if isinstance(v, list)},
        code_pattern=re.compile(fields["code_pattern"]),
        budget_header=_t(data["budget"]["header"]),
        budget_block_words=_t(data["budget"]["block_words"]),
        pair_budget=_t(data["budget"]["pair_budget"]),
        pair_executed=_t(data["budget"]["pair_executed"]),
        sources=tuple(
            FundSource(s["key"], s["name"], _t(s["aliases"])) for s in data["budget"]["sources"]
        ),
        indicator_header_sets=tuple(_t(words) for words in ind["header_sets"]),
        indicator_header_alone=_t(ind["header_alone"]),
        indicator_block_words=_t(ind["block_words"]),
        indicator_block_exact=_t(ind["block_exact"]),
        columns=tuple((c[0], _t(c[1])) for c in ind["columns"]),
        clipped_columns={cell: column for column, cell in ind["clipped_columns"]},
        level1=_t(ind["level1"]),
        level2=_t(ind["level2"]),
        level1_of={key(k): key(v) for k, v in ind["level1_of"].items()},
        natures={_SPACE.sub("", k): v for k, v in data["natures"].items()},
        texts={k: _t(v) for k, v in texts.items()},
        claims=tuple(Claim(c["kind"], re.compile(c["pattern"])) for c in data["claims"]),
        cancel_markers=tuple(data["cancelled"]["markers"]),
        placeholders=tuple(data["residue"]["placeholders"]),
        instructions=_t(data["residue"]["instructions"]),
        placeholder_re=re.compile("|".join(re.escape(x) for x in data["residue"]["placeholders"])),
        instruction_re=re.compile(
            "|".join(re.escape(i) for i in _t(data["residue"]["instructions"]))
        ),
        counts={k: tuple(v) for k, v in data["counts"].items()},
    )


@dataclass(frozen=True, slots=True)
class TargetFund:
    label: str  # key of the printed label, “其中” removed
    block: str  # project, annual or auto
    key: str  # total, fiscal, appropriation, carryover, other


@dataclass(frozen=True, slots=True)
class TargetLayout:
    """How budget performance-target forms (绩效目标表) are recognised and named."""

    department_titles: tuple[str, ...]
    project_titles: tuple[str, ...]
    required_level1: tuple[str, ...]
    count_subjects: tuple[str, ...]
    measure_suffixes: tuple[str, ...]
    empty_values: tuple[str, ...]
    fields: dict[str, tuple[str, ...]]  # name, department, implementer, nature, category …
    funds: tuple[TargetFund, ...]
    fund_units: dict[str, Decimal]  # printed unit → divisor giving 万元
    #: label → the first of ``funds`` printing it (made from ``funds``)
    _fund_of: dict[str, TargetFund] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        fund_of: dict[str, TargetFund] = {}
        for f in self.funds:
            fund_of.setdefault(f.label, f)
        object.__setattr__(self, "_fund_of", fund_of)

    def fund(self, label_key: str) -> TargetFund | None:
        return self._fund_of.get(label_key.removeprefix("其中").lstrip("-－—"))


@cache
def target_layout() -> TargetLayout:
    data = _load("performance.toml")["targets"]
    return TargetLayout(
        department_titles=_t(data["department_titles"]),
        project_titles=_t(data["project_titles"]),
        required_level1=_t(data["required_level1"]),
        count_subjects=tuple(data["count_subjects"]),
        measure_suffixes=tuple(data["measure_suffixes"]),
        empty_values=_t(data["empty_values"]),
        fields={k: _t(v) for k, v in data["fields"].items()},
        funds=tuple(TargetFund(key(f[0]), f[1], f[2]) for f in data["funds"]["lines"]),
        fund_units={k: Decimal(v) for k, v in data["funds"]["units"].items()},
    )


@cache
def scoring_methods() -> dict[str, ScoringMethod]:
    data = _load("performance.toml")["scoring"]
    out: dict[str, ScoringMethod] = {}
    for mid, m in data["methods"].items():
        out[mid] = ScoringMethod(
            id=mid,
            name=m["name"],
            budget_points=Decimal(str(m["budget_points"])),
            indicator_points=Decimal(str(m["indicator_points"])),
            total_points=Decimal(str(m["total_points"])),
            quantitative=m["quantitative"],
            grades=tuple(
                Grade(_t(g["words"]), Decimal(g["low"]), Decimal(g["high"])) for g in m["grades"]
            ),
        )
    return out


@cache
def default_method_id() -> str:
    return str(_load("performance.toml")["scoring"]["default"])


def scoring_method(method_id: str | None = None) -> ScoringMethod:
    """The configured method (``[scoring] default`` unless an id is given)."""
    return scoring_methods()[method_id or default_method_id()]


@dataclass(frozen=True, slots=True)
class Rating:
    """An evaluation rating (优/良/中/差) and the lowest total score that earns it."""

    words: tuple[str, ...]
    low: Decimal

    @property
    def name(self) -> str:
        return self.words[0]


@dataclass(frozen=True, slots=True)
class FormChecks:
    """What the checks of a form against itself need (JS823–JS826): enterprise names, the
    figures texts state, ratings by score and the department statements about the forms."""

    company_suffixes: tuple[str, ...]
    company_separators: tuple[str, ...]
    units: tuple[str, ...]  # longest first
    bound_before: tuple[str, ...]
    bound_after: tuple[str, ...]
    plan_cues: tuple[str, ...]
    generic: frozenset[str]
    budget_patterns: tuple[tuple[str, re.Pattern[str]], ...]
    ratings: tuple[Rating, ...]  # highest first
    rating_claims: tuple[re.Pattern[str], ...]
    project_subjects: tuple[str, ...]
    overall_subjects: tuple[str, ...]
    rating_prefix: str
    rating_suffix: str

    def rating_of(self, score: Decimal) -> Rating:
        for r in self.ratings:
            if score >= r.low:
                return r
        return self.ratings[-1]

    def rating_named(self, word: str) -> Rating | None:
        for r in self.ratings:
            if word in r.words:
                return r
        return None


@cache
def form_checks() -> FormChecks:
    data = _load("performance.toml")
    figures = data["text_figures"]
    claims = data["department_claims"]
    return FormChecks(
        company_suffixes=tuple(sorted(data["companies"]["suffixes"], key=len, reverse=True)),
        company_separators=tuple(data["companies"]["separators"]),
        units=tuple(sorted(figures["units"], key=len, reverse=True)),
        bound_before=tuple(figures["bound_before"]),
        bound_after=tuple(figures["bound_after"]),
        plan_cues=tuple(figures["plan_cues"]),
        generic=frozenset(figures["generic"]),
        budget_patterns=tuple((m, re.compile(p)) for m, p in figures["budget"]),
        ratings=tuple(
            Rating(tuple(r["words"]), Decimal(str(r["low"])))
            for r in sorted(data["ratings"], key=lambda r: -float(r["low"]))
        ),
        rating_claims=tuple(re.compile(p) for p in data["rating_texts"]["claims"]),
        project_subjects=tuple(claims["projects"]),
        overall_subjects=tuple(claims["overall"]),
        rating_prefix=str(claims["rating_prefix"]),
        rating_suffix=str(claims["rating_suffix"]),
    )
