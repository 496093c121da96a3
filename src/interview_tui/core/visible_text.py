"""Text from a client's notes or a file, made safe to show: control characters become visible symbols.

A note, a client code or a phase file can hold characters that a terminal
obeys instead of showing: ``ESC ] 0 ; ... BEL`` retitles the window,
``ESC ] 52`` sets the clipboard, ``ESC [ 2 J`` clears the screen, and the
C1 character U+009B starts a command on its own. Every place where the app
shows such text (the command line, every export format, the screens) passes
it through :func:`visible` first, so these characters appear as symbols the
practitioner can see (``␛``, ``␇``, ``\\x9b``) and nothing reaches the
terminal as a command. What is kept in the session file is what was typed.

- C0 controls U+0000 to U+001F, except newline and tab, become their Control
  Pictures (U+2400 to U+241F: ``␀`` ... ``␟``); a Windows line end (CR LF)
  is a newline.
- DEL (U+007F) becomes ``␡`` (U+2421).
- C1 controls U+0080 to U+009F have no pictures and become ``\\x80`` to
  ``\\x9f`` written out.

JSON escapes C0 controls itself; :func:`json_visible` escapes the rest the
way JSON does (``\\u007f``), so a parser reads back exactly what was typed.
"""

from __future__ import annotations

import re

CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Every character a terminal may obey rather than show: C0 except tab and newline, DEL, C1."""

_WINDOWS_LINE_END = "\r\n"


def _symbol(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"\\x{code:02x}"


def visible(text: str) -> str:
    """``text`` with every control character (but newline and tab) shown as a symbol; safe to print."""
    if text.isprintable():  # the common case, and fast: no newline, tab or control at all
        return text
    if _WINDOWS_LINE_END in text:
        text = text.replace(_WINDOWS_LINE_END, "\n")
    return CONTROL_CHARACTERS.sub(_symbol, text)


def has_control_characters(text: str) -> bool:
    """Whether ``text`` holds a character that :func:`visible` would replace (a CR LF pair counts)."""
    return CONTROL_CHARACTERS.search(text) is not None


_JSON_UNESCAPED = re.compile("[\x7f-\x9f]")


def json_visible(document: str) -> str:
    """A JSON document with DEL and C1 controls escaped as ``\\u007f`` ...; C0 controls JSON escapes already.

    These characters can only stand inside a JSON string, so escaping them keeps the document
    valid and equal to the original when parsed.
    """
    return _JSON_UNESCAPED.sub(lambda match: f"\\u{ord(match.group()):04x}", document)


def _name(char: str) -> str:
    names = {0x1B: "ESC", 0x07: "BEL", 0x00: "NUL", 0x08: "BS", 0x0D: "CR", 0x7F: "DEL", 0x9B: "CSI"}
    code = ord(char)
    return f"{names[code]} (U+{code:04X})" if code in names else f"U+{code:04X}"


def refuse_control_characters(value: object, what: str = "text") -> object:
    """``value`` unchanged, or ValueError if a string in it (in lists and tables too) holds a control character.

    For text that comes from files the practitioner or their agency writes (phase files,
    settings): such a character is never meant, and a terminal would obey it.
    """
    if isinstance(value, str):
        found = CONTROL_CHARACTERS.search(value)
        if found is not None:
            raise ValueError(
                f"{what} holds the control character {_name(found.group())}, which a terminal would obey; remove it"
            )
    elif isinstance(value, (list, tuple)):
        for item in value:
            refuse_control_characters(item, what)
    elif isinstance(value, dict):
        for key, item in value.items():
            refuse_control_characters(key, what)
            refuse_control_characters(item, what)
    return value
