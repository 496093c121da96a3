"""Run a widget's own key bindings in the order the keys came, even in a fast burst.

Textual runs a widget's ordinary (non-priority) bindings only once the key
has bubbled up to the app, while the characters typed after it are already
being handled by the widget: in a burst, "Sister", enter, "Gym" became
"SisterGym", and a space meant for a list landed in the next field after a
tab. Mixed into the answer widgets, this runs the binding while the widget
handles the key itself.
"""

from __future__ import annotations

from textual.events import Key


class KeysInOrder:
    async def on_key(self, event: Key) -> None:
        for binding in self._bindings.key_to_bindings.get(event.key, []):  # type: ignore[attr-defined]
            if binding.priority:
                continue
            event.stop()
            event.prevent_default()
            await self.run_action(binding.action)  # type: ignore[attr-defined]
            return
