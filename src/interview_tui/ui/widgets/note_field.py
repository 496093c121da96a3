"""A multi-line note: a ``text`` prompt's note, or the phase's other notes."""

from __future__ import annotations

from textual.widgets import TextArea


class NoteField(TextArea):
    """A multi-line note for one prompt (or the phase's other notes, when ``prompt_id`` is None)."""

    def __init__(self, text: str, phase_id: str, prompt_id: str | None, label: str) -> None:
        suffix = prompt_id if prompt_id is not None else "other"
        super().__init__(
            text,
            id=f"note-{phase_id}-{suffix}",
            classes="note answer-field",
            soft_wrap=True,
            show_line_numbers=False,
            tab_behavior="focus",
            compact=True,
        )
        self.phase_id = phase_id
        self.prompt_id = prompt_id
        self.border_title = label
