"""Scored instruments (PHQ-9, GAD-7, an agency's own): items, answer options with points, bands, alerts.

An instrument is defined in a phase file under ``[phase.instrument]``. Every
item is answered with one of the shared options; the total is the sum of the
points; the band is the labelled range the total falls in; an alert is raised
when an item's points are above its threshold (PHQ-9 item 9 above 0).

The definition is checked when the file is loaded: bands must be contiguous,
must not overlap and must cover every possible total from 0 to the highest;
alerts must name items that exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Mapping

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

_Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)]
_Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)  # (as the phase file models: no coercion)


class InstrumentOption(_Strict):
    """An answer option shared by all items, e.g. "Several days" worth 1 point."""

    label: _Text
    points: int = Field(ge=0)


class InstrumentItem(_Strict):
    id: _Id
    text: _Text


class Band(_Strict):
    """A labelled range of totals, both ends included."""

    min: int = Field(ge=0)
    max: int = Field(ge=0)
    label: _Text


class InstrumentAlert(_Strict):
    """Raised when ``item`` is answered with more than ``above`` points."""

    item: _Id
    above: int = Field(default=0, ge=0)
    message: _Text
    requires: list[str] = Field(default_factory=list, exclude_if=lambda value: not value)
    """Prompts that must be answered once the alert is raised, before the session can be finished (or a reason
    recorded why not): ``prompt-id`` in the instrument's phase or ``phase-id.prompt-id``."""
    flag: str | None = Field(default=None, exclude_if=lambda value: value is None)
    """A flag raised on the client while the alert stands (e.g. ``risk``)."""


class Instrument(_Strict):
    id: _Id
    title: _Text
    source: str = ""
    """Attribution: who made the instrument and its terms of use (shown with it)."""
    instructions: str = ""
    """What to read to the client before the items (e.g. the time frame asked about)."""
    options: list[InstrumentOption] = Field(min_length=1)
    items: list[InstrumentItem] = Field(min_length=1)
    bands: list[Band] = Field(default_factory=list)
    alerts: list[InstrumentAlert] = Field(default_factory=list)

    @property
    def highest_total(self) -> int:
        return len(self.items) * max(o.points for o in self.options)

    def item(self, item_id: str) -> InstrumentItem | None:
        return next((i for i in self.items if i.id == item_id), None)

    def option_label(self, points: int) -> str:
        return next((o.label for o in self.options if o.points == points), str(points))

    @model_validator(mode="after")
    def _consistent(self) -> "Instrument":
        problem = definition_problem(self)
        if problem:
            raise ValueError(problem)
        return self


def _span(band: Band) -> str:
    return f"'{band.label}' ({band.min}-{band.max})"


def definition_problem(inst: Instrument) -> str | None:
    """The first thing wrong with an instrument definition, phrased for the file's author; None if sound."""
    seen: set[str] = set()
    for item in inst.items:
        if item.id in seen:
            return f"instrument '{inst.id}': duplicate item id '{item.id}'"
        seen.add(item.id)
    points = [o.points for o in inst.options]
    if len(set(points)) != len(points):
        return f"instrument '{inst.id}': two options have the same points"
    for alert in inst.alerts:
        if alert.item not in seen:
            return f"instrument '{inst.id}': alert names unknown item '{alert.item}'"
    if not inst.bands:
        return None
    for band in inst.bands:
        if band.min > band.max:
            return f"instrument '{inst.id}': band {_span(band)} starts above its end"
    bands = sorted(inst.bands, key=lambda b: (b.min, b.max))
    if bands[0].min != 0:
        return f"instrument '{inst.id}': bands must start at 0 (the lowest starts at {bands[0].min})"
    for before, after in zip(bands, bands[1:]):
        if after.min <= before.max:
            return f"instrument '{inst.id}': bands {_span(before)} and {_span(after)} overlap"
        if after.min > before.max + 1:
            return f"instrument '{inst.id}': bands {_span(before)} and {_span(after)} leave a gap"
    if bands[-1].max != inst.highest_total:
        return (
            f"instrument '{inst.id}': bands must end at {inst.highest_total}, the highest possible total "
            f"(the highest ends at {bands[-1].max})"
        )
    return None


# ---------------------------------------------------------------- scoring


@dataclass(frozen=True)
class RaisedAlert:
    item_id: str
    item_text: str
    points: int
    message: str


@dataclass(frozen=True)
class Score:
    total: int
    """Sum of the points answered so far."""
    answered: int
    of: int
    band: str | None
    """The band label of the total; None until every item is answered (a partial total would understate)."""
    alerts: tuple[RaisedAlert, ...]
    """Raised as soon as the item is answered, complete or not."""

    @property
    def complete(self) -> bool:
        return self.answered == self.of


def band_of(inst: Instrument, total: int) -> str | None:
    return next((b.label for b in inst.bands if b.min <= total <= b.max), None)


def score(inst: Instrument, answers: Mapping[str, int]) -> Score:
    """Total, band, alerts and completeness of ``answers`` (item id -> points; unknown ids ignored)."""
    given = {i.id: answers[i.id] for i in inst.items if i.id in answers}
    total = sum(given.values())
    complete = len(given) == len(inst.items)
    raised = tuple(
        RaisedAlert(a.item, item.text, given[a.item], a.message)
        for a in inst.alerts
        if a.item in given and given[a.item] > a.above and (item := inst.item(a.item)) is not None
    )
    return Score(total, len(given), len(inst.items), band_of(inst, total) if complete else None, raised)


def check_points(inst: Instrument, item_id: str, points: object) -> int:
    """Validate one item's answer; ValueError with a clear message otherwise."""
    if inst.item(item_id) is None:
        raise ValueError(f"instrument '{inst.id}' has no item '{item_id}'")
    allowed = [o.points for o in inst.options]
    if isinstance(points, bool) or not isinstance(points, int) or points not in allowed:
        known = ", ".join(str(p) for p in allowed)
        raise ValueError(f"an answer to '{item_id}' must be one of the option points ({known})")
    return points
