"""A multi-line note: a ``text`` prompt's note, or the phase's other notes."""

from __future__ import annotations

from textual.widgets import TextArea

from interview_tui.core.visible_text import visible


class NoteField(TextArea):
    """A multi-line note for one prompt (or the phase's other notes, when ``prompt_id`` is None).

    A saved note holding control characters (pasted, or from a forged file) is shown with
    them as symbols (``␛``), so nothing in it can drive the terminal; until the practitioner
    edits it, :attr:`note_text` is still the note exactly as it was saved.
    """

    def __init__(self, text: str, phase_id: str, prompt_id: str | None, label: str) -> None:
        suffix = prompt_id if prompt_id is not None else "other"
        self._saved_text = text
        self._shown_saved_text = visible(text)
        super().__init__(
            self._shown_saved_text,
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

    @property
    def note_text(self) -> str:
        """The note to keep: as saved while the field shows it unchanged, else what is in the field."""
        text = self.text
        return self._saved_text if text == self._shown_saved_text else text
