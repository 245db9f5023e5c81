"""The declarative specification of a composite indicator (TOML, validated by pydantic).

A spec names the framework tree (indicators → aggregate levels → index), each indicator's
direction, weight, unit, target and denominator, and the method and parameters of every step,
globally with per-indicator overrides. The spec and the data fully determine the result.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from composite.errors import SpecError

NormaliseMethod = Literal[
    "minmax",
    "zscore",
    "scaled",
    "rank",
    "prank",
    "borda",
    "dist2max",
    "dist2ref",
    "dist2targ",
    "fracmax",
    "goalposts",
    "categorical",
    "none",
]
AggregateMethod = Literal["arithmetic", "geometric", "harmonic", "generalised"]
ImputeMethod = Literal["none", "mean", "median", "mean_group", "median_group"]
TreatFallback = Literal["none", "log_ct", "log_ct_orig", "log_ct_plus", "log_gii"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NormaliseSpec(_Strict):
    """One normalisation: a method with its parameters (names follow COINr's ``n_*`` functions).

    minmax: ``range`` [l, u] (default [0, 100]); zscore: ``mean`` (0), ``sd`` (1);
    scaled: ``lower``, ``upper``, ``scale_factor`` (100); rank / prank / borda: ties by minimum;
    dist2ref: ``reference_unit``, ``cap_max``; dist2targ: the indicator's ``target``,
    ``cap_max``; goalposts: ``lower``, ``upper``, ``scale`` (1), ``truncate`` (true);
    categorical: ``mapping`` of coded answers to numbers (e.g. yes = 1, partly = 0.5, no = 0).
    """

    method: NormaliseMethod = "minmax"
    range: tuple[float, float] = (0.0, 100.0)
    mean: float = 0.0
    sd: float = Field(default=1.0, gt=0)
    lower: float | None = None
    upper: float | None = None
    scale_factor: float = 100.0
    scale: float = 1.0
    truncate: bool = True
    cap_max: bool = False
    reference_unit: str | None = None
    mapping: dict[str, float] | None = None

    @model_validator(mode="after")
    def _parameters_present(self) -> NormaliseSpec:
        if self.method in {"scaled", "goalposts"} and (self.lower is None or self.upper is None):
            raise ValueError(f"method {self.method!r} needs `lower` and `upper`")
        if self.method == "dist2ref" and not self.reference_unit:
            raise ValueError("method 'dist2ref' needs `reference_unit`")
        if self.method == "categorical" and not self.mapping:
            raise ValueError("method 'categorical' needs `mapping`")
        if self.range[0] >= self.range[1]:
            raise ValueError("`range` must be [lower, upper] with lower < upper")
        return self


class TreatSpec(_Strict):
    """Outlier treatment (COINr ``Treat`` defaults: winsorise up to 5 points, then log)."""

    method: Literal["winsorise", "none"] = "winsorise"
    winsorise_max: int = Field(default=5, ge=0)
    skew_threshold: float = 2.0
    kurtosis_threshold: float = 3.5
    force: bool = False
    fallback: TreatFallback = "log_ct"
    lower_limit: float | None = None
    upper_limit: float | None = None


class IndicatorSpec(_Strict):
    code: str = Field(min_length=1)
    name: str = ""
    parent: str = Field(min_length=1)
    direction: Literal[1, -1] = 1
    weight: float = 1.0
    unit: str = ""
    target: float | None = None
    denominator: str | None = None
    normalise: NormaliseSpec | None = None
    treat: TreatSpec | None = None


class AggregateSpec(_Strict):
    code: str = Field(min_length=1)
    name: str = ""
    level: int = Field(ge=2)
    parent: str | None = None
    weight: float = 1.0


class DenominateStep(_Strict):
    enabled: bool = True


class ImputeStep(_Strict):
    method: ImputeMethod = "none"
    group: str | None = None

    @model_validator(mode="after")
    def _group_for_group_methods(self) -> ImputeStep:
        if self.method.endswith("_group") and not self.group:
            raise ValueError(f"imputation {self.method!r} needs `group` (a group column)")
        return self


class ScreenStep(_Strict):
    by: Literal["none", "na", "zeros", "na_and_zeros"] = "none"
    data_threshold: float = Field(default=2 / 3, ge=0, le=1)
    nonzero_threshold: float = Field(default=0.05, ge=0, le=1)
    force_include: list[str] = []
    force_exclude: list[str] = []


class WeightStep(_Strict):
    method: Literal["given", "equal", "pca"] = "given"


class AggregateStep(_Strict):
    method: AggregateMethod | list[AggregateMethod] = "arithmetic"
    p: float | None = None
    data_threshold: float | None = Field(default=None, ge=0, le=1)


class Steps(_Strict):
    denominate: DenominateStep = DenominateStep()
    impute: ImputeStep = ImputeStep()
    screen: ScreenStep = ScreenStep()
    treat: TreatSpec = TreatSpec(method="none")
    normalise: NormaliseSpec = NormaliseSpec()
    weight: WeightStep = WeightStep()
    aggregate: AggregateStep = AggregateStep()


class IndexMeta(_Strict):
    name: str
    unit_column: str = "uCode"
    name_column: str | None = None
    levels: list[str] = Field(min_length=2)


class IndexSpec(_Strict):
    """A whole composite indicator: its framework and the method of every step."""

    index: IndexMeta
    steps: Steps = Steps()
    indicators: list[IndicatorSpec] = Field(min_length=1)
    aggregates: list[AggregateSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _framework_is_a_tree(self) -> IndexSpec:
        codes = [i.code for i in self.indicators] + [a.code for a in self.aggregates]
        seen: set[str] = set()
        for code in codes:
            if code in seen:
                raise ValueError(f"code {code!r} is used twice")
            seen.add(code)
        top = len(self.index.levels)
        levels = {a.code: a.level for a in self.aggregates}
        for agg in self.aggregates:
            if agg.level > top:
                raise ValueError(f"aggregate {agg.code!r}: level {agg.level} > {top} levels")
            if agg.level == top:
                if agg.parent:
                    raise ValueError(f"aggregate {agg.code!r} is the index and has no parent")
                continue
            if agg.parent not in levels:
                raise ValueError(f"aggregate {agg.code!r}: parent {agg.parent!r} is not defined")
            if levels[agg.parent] != agg.level + 1:
                raise ValueError(
                    f"aggregate {agg.code!r} (level {agg.level}) has parent {agg.parent!r} "
                    f"at level {levels[agg.parent]}; expected level {agg.level + 1}"
                )
        for ind in self.indicators:
            if levels.get(ind.parent) != 2:
                raise ValueError(
                    f"indicator {ind.code!r}: parent {ind.parent!r} is not a level-2 aggregate"
                )
        if sum(1 for a in self.aggregates if a.level == top) != 1:
            raise ValueError(f"exactly one aggregate must be at the top level ({top})")
        for agg in self.aggregates:
            if not self.children(agg.code):
                raise ValueError(f"aggregate {agg.code!r} has no children")
        return self

    @property
    def indicator_codes(self) -> list[str]:
        return [i.code for i in self.indicators]

    @property
    def index_code(self) -> str:
        return next(a.code for a in self.aggregates if a.level == len(self.index.levels))

    def nodes(self) -> list[IndicatorSpec | AggregateSpec]:
        return [*self.indicators, *self.aggregates]

    def children(self, code: str) -> list[str]:
        return [c.code for c in self.nodes() if c.parent == code]

    def aggregates_at(self, level: int) -> list[str]:
        return [a.code for a in self.aggregates if a.level == level]

    def weights(self) -> dict[str, float]:
        return {c.code: c.weight for c in self.nodes()}

    def aggregation_method(self, level: int) -> str:
        """The method used to build aggregates of ``level`` (2 … number of levels)."""
        method = self.steps.aggregate.method
        if isinstance(method, list):
            if len(method) != len(self.index.levels) - 1:
                raise SpecError(
                    f"steps.aggregate.method: give one method or {len(self.index.levels) - 1}"
                )
            return method[level - 2]
        return method


def _format_errors(error: ValidationError) -> str:
    lines = []
    for item in error.errors():
        path = ""
        for part in item["loc"]:
            path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
        lines.append(f"{path or '(spec)'}: {item['msg']}")
    return "invalid spec:\n  " + "\n  ".join(lines)


def parse_spec(document: dict[str, Any]) -> IndexSpec:
    """Validate a spec given as a mapping; errors are listed by path (``indicators[3].weight``)."""
    try:
        return IndexSpec.model_validate(document)
    except ValidationError as error:
        raise SpecError(_format_errors(error)) from None


def load_spec(source: str | Path) -> IndexSpec:
    """Read and validate a TOML spec from a path or from TOML text."""
    is_text = isinstance(source, str) and ("\n" in source or source.lstrip().startswith("["))
    path = None if is_text else Path(source)
    try:
        text = path.read_text(encoding="utf-8") if path is not None else str(source)
        document = tomllib.loads(text)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise SpecError(f"cannot read the spec: {error}") from None
    return parse_spec(document)
