"""The app's own themes, added to Textual's: one for bright rooms, one for low vision.

Textual's own light themes use a pale orange accent that washes out in
daylight, and none of its themes is high-contrast; these two keep every
colour the app uses for text (titles, hints, warnings) far from the background.
"""

from __future__ import annotations

from textual.theme import BUILTIN_THEMES, Theme

READABLE_LIGHT = Theme(
    name="readable-light",
    primary="#0b4f8a",
    secondary="#2d5f2e",
    accent="#7a3300",
    warning="#7a4d00",
    error="#a4001d",
    success="#1d5e2c",
    foreground="#111111",
    background="#fbfbf8",
    surface="#f1f1ec",
    panel="#e2e4e8",
    dark=False,
    variables={
        "text": "auto 95%",
        "text-muted": "auto 78%",
        "footer-key-foreground": "#0b4f8a",
        "border": "#0b4f8a",
        "border-blurred": "#8a8f98",
        "input-selection-background": "#0b4f8a 30%",
    },
)
"""Near-black text on an off-white page; every accent colour is dark enough to read in daylight."""

HIGH_CONTRAST = Theme(
    name="high-contrast",
    primary="#00e5ff",
    secondary="#ffffff",
    accent="#ffff00",
    warning="#ffff00",
    error="#ff9090",
    success="#00ff66",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#101010",
    dark=True,
    luminosity_spread=0.0,
    text_alpha=1.0,
    variables={
        "text": "auto 100%",
        "text-muted": "auto 92%",
        "footer-key-foreground": "#ffff00",
        "footer-description-foreground": "#ffffff",
        "border": "#ffff00",
        "border-blurred": "#ffffff",
        "block-cursor-background": "#ffff00",
        "block-cursor-foreground": "#000000",
        "input-selection-background": "#00e5ff 40%",
    },
)
"""White on black with yellow and cyan accents; muted text is not dimmed."""

APP_THEMES = (READABLE_LIGHT, HIGH_CONTRAST)


def theme_names() -> list[str]:
    """Every theme the settings may name: Textual's built-in ones and the app's own."""

    return sorted({*BUILTIN_THEMES, *(t.name for t in APP_THEMES)})
