"""The session bar's clock and save status change often: only what changed is redrawn, and the screen is laid out
again only when a label's width changes (a keystroke arriving during a layout waits for it)."""

from __future__ import annotations

from interview_tui.ui.screens.session_saving import _show


class Label:
    def __init__(self, text: str = "") -> None:
        self.content = text
        self.updates: list[tuple[str, bool]] = []

    def update(self, content, layout: bool = True) -> None:
        self.content = str(content)
        self.updates.append((self.content, layout))


def test_the_clock_ticks_without_a_layout_until_its_width_changes():
    label = Label()
    _show(label, "⏱ 0:00:01")
    _show(label, "⏱ 0:00:02")
    _show(label, "⏱ 0:00:02")
    _show(label, "⏱ 9:59:59")
    _show(label, "⏱ 10:00:00")
    assert label.updates == [
        ("⏱ 0:00:01", True),  # first text: the label takes its width
        ("⏱ 0:00:02", False),
        ("⏱ 9:59:59", False),
        ("⏱ 10:00:00", True),
    ]


def test_the_save_status_is_left_alone_while_it_says_the_same():
    label = Label("✓ saved")
    for _ in range(5):
        _show(label, "✓ saved")
    _show(label, "⚠ NOT SAVED: disk full (retrying)")
    assert label.updates == [("⚠ NOT SAVED: disk full (retrying)", True)]
