"""An item editor that leaves out part of what it must say fails as it is defined, naming what is missing."""

from __future__ import annotations

import pytest

from interview_tui.ui.widgets.goals_editor import GoalsEditor
from interview_tui.ui.widgets.item_editor import ItemEditor
from interview_tui.ui.widgets.plan_editor import PlanEditor


def test_the_goal_and_plan_editors_say_everything_an_item_editor_must():
    for editor in (GoalsEditor, PlanEditor):
        for name in ItemEditor.CONTRACT:
            assert getattr(editor, name) is not getattr(ItemEditor, name), (editor, name)


def test_an_editor_that_leaves_something_out_is_refused_when_defined():
    with pytest.raises(TypeError, match="HalfEditor must define line, form_fields, values_of, create, change, delete"):

        class HalfEditor(ItemEditor):
            def items(self):
                return []
