"""Issue 16, item 16: every built-in prompt asks one question; follow-up questions live in its hint.

Kadushin warns against stacking questions: the client answers the last one
and the others are lost. A prompt's text is what the practitioner reads out,
so it may hold one question mark at most.
"""

from __future__ import annotations

from interview_tui.phases.files import load_catalogue
from interview_tui.store.paths import builtin_phases_dir

ALLOWED: dict[tuple[str, str, str], str] = {}
"""(protocol, phase, prompt) -> why it may hold more than one question. Empty: no exception is needed."""


def stacked_prompts() -> list[str]:
    catalogue = load_catalogue([builtin_phases_dir()])
    assert not catalogue.errors, catalogue.errors
    found = []
    for protocol in catalogue.protocols.values():
        for phase in protocol.phases:
            for prompt in phase.prompts:
                key = (protocol.id, phase.id, prompt.id)
                if prompt.text.count("?") > 1 and key not in ALLOWED:
                    found.append(f"{'/'.join(key)}: {prompt.text}")
    return found


def test_every_built_in_prompt_asks_one_question() -> None:
    assert stacked_prompts() == []


def test_the_check_reads_every_built_in_protocol() -> None:
    protocols = load_catalogue([builtin_phases_dir()]).protocols
    assert {"intake", "follow-up", "crisis", "termination", "contact-note"} <= set(protocols)
    assert sum(len(phase.prompts) for p in protocols.values() for phase in p.phases) > 100
