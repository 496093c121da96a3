"""Checks across a whole protocol that no single prompt can make on its own.

- a choice or multi prompt names a choice list the file defines;
- a ``show_if`` names prompts that exist and come earlier (a prompt's: earlier
  in its phase, or any prompt of an earlier phase; a phase's: prompts of
  earlier phases, written ``phase_id.prompt_id``);
- a ``show_if`` comparing a choice prompt uses one of that list's values;
- a prompt's ``flags`` name values of its choice list;
- an instrument alert's ``requires`` names prompts that exist;
- no two phases, and no two technique cards, share an id.

Each problem carries the location in the file (for the line number) and the
ids a writer knows, so phase_files.py can report it like any other error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from interview_tui.core import show_if

if TYPE_CHECKING:
    from collections.abc import Sequence

    from interview_tui.core.protocol import Phase, Prompt, Protocol


@dataclass(frozen=True)
class Problem:
    loc: tuple[Any, ...]
    """Where in the file's data, e.g. ``("phase", 2, "prompt", 0, "show_if")``."""
    place: str
    """The ids around it, e.g. ``phase 'assessment', prompt 'safety'``."""
    message: str


def protocol_problems(protocol: "Protocol") -> list[Problem]:
    problems = _duplicate_ids([p.id for p in protocol.phase], "phase")
    problems += _duplicate_ids([t.id for t in protocol.technique], "technique")
    for p_index, phase in enumerate(protocol.phase):
        earlier = protocol.phase[:p_index]
        if phase.show_if is not None:
            where = f"phase '{phase.id}'"
            for message in _reference_problems(protocol, phase.show_if, phase, None, earlier):
                problems.append(Problem(("phase", p_index, "show_if"), where, message))
        for q_index, prompt in enumerate(phase.prompt):
            where = f"phase '{phase.id}', prompt '{prompt.id}'"
            loc = ("phase", p_index, "prompt", q_index)
            if prompt.choices is not None and prompt.choices not in protocol.choices:
                problems.append(
                    Problem(
                        loc + ("choices",),
                        where,
                        f"unknown choice list '{prompt.choices}' (define it in the [choices] table)",
                    )
                )
            if prompt.flags and prompt.choices in protocol.choices:
                values = [c.value for c in protocol.choices[prompt.choices]]
                for value in prompt.flags:
                    if value not in values:
                        problems.append(
                            Problem(
                                loc + ("flags",),
                                where,
                                f"flags names {value!r}, which is not in choice list '{prompt.choices}' ({', '.join(values)})",
                            )
                        )
            if prompt.show_if is not None:
                for message in _reference_problems(protocol, prompt.show_if, phase, prompt, earlier):
                    problems.append(Problem(loc + ("show_if",), where, message))
        problems += _alert_requires_problems(protocol, p_index, phase)
    return problems


def _alert_requires_problems(protocol: "Protocol", p_index: int, phase: "Phase") -> list[Problem]:
    """Each prompt an alert requires exists (``prompt-id`` in the phase, or ``phase-id.prompt-id``)."""
    if phase.instrument is None:
        return []
    prompts = {(ph.id, q.id) for ph in protocol.phase for q in ph.prompt}
    out = []
    for a_index, alert in enumerate(phase.instrument.alerts):
        for ref in alert.requires:
            where_id, _, prompt_id = ref.rpartition(".")
            if (where_id or phase.id, prompt_id) not in prompts:
                out.append(
                    Problem(
                        ("phase", p_index, "instrument", "alerts", a_index, "requires"),
                        f"phase '{phase.id}'",
                        f"alert on '{alert.item}' requires unknown prompt '{ref}'",
                    )
                )
    return out


def _duplicate_ids(ids: "Sequence[str]", what: str) -> list[Problem]:
    """An id given twice, located at the second (``[[phase]]`` tables are easy to copy and forget to rename)."""
    first: dict[str, int] = {}
    problems: list[Problem] = []
    for index, item_id in enumerate(ids):
        if item_id in first:
            message = f"duplicate {what} id '{item_id}' ({what} {first[item_id] + 1} has it too)"
            problems.append(Problem((what, index, "id"), f"{what} {index + 1}", message))
        else:
            first[item_id] = index
    return problems


def _reference_problems(
    protocol: "Protocol", source: str, phase: "Phase", prompt: "Prompt | None", earlier: list["Phase"]
) -> list[str]:
    expr = show_if.parse(source)  # already known to parse: the models check the syntax
    messages: list[str] = []
    for ref in show_if.references(expr):
        target, problem = _resolve(protocol, ref, phase, prompt, earlier)
        if problem:
            messages.append(problem)
    for ref, value in show_if.literals(expr):
        target, problem = _resolve(protocol, ref, phase, prompt, earlier)
        if target is None or target.choices is None or target.choices not in protocol.choices:
            continue
        values = [c.value for c in protocol.choices[target.choices]]
        if value not in values:
            messages.append(
                f"show_if compares '{ref}' with {value!r}, which is not in choice list "
                f"'{target.choices}' ({', '.join(values)})"
            )
    return messages


def _resolve(
    protocol: "Protocol", ref: show_if.Reference, phase: "Phase", prompt: "Prompt | None", earlier: list["Phase"]
) -> tuple["Prompt | None", str | None]:
    if ref.phase_id is None or ref.phase_id == phase.id:
        if prompt is None:
            return None, f"show_if names '{ref}': a phase's show_if must name a prompt of an earlier phase as phase_id.prompt_id"
        ids = [p.id for p in phase.prompt]
        if ref.prompt_id not in ids:
            return None, f"show_if names '{ref}', which is not a prompt of phase '{phase.id}'"
        if ref.prompt_id == prompt.id:
            return None, f"show_if names '{ref}', the prompt itself"
        if ids.index(ref.prompt_id) > ids.index(prompt.id):
            return None, f"show_if names '{ref}', which comes later in the phase (show_if can only look back)"
        return phase.prompt[ids.index(ref.prompt_id)], None
    target_phase = next((p for p in protocol.phase if p.id == ref.phase_id), None)
    if target_phase is None:
        return None, f"show_if names '{ref}', but there is no phase '{ref.phase_id}'"
    if target_phase.id not in {p.id for p in earlier}:
        return None, f"show_if names '{ref}', in a later phase (show_if can only look back)"
    target = next((p for p in target_phase.prompt if p.id == ref.prompt_id), None)
    if target is None:
        return None, f"show_if names '{ref}', but phase '{ref.phase_id}' has no prompt '{ref.prompt_id}'"
    return target, None
