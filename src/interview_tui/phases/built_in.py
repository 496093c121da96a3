"""The ids of the protocols shipped in ``builtin/``, in the order help texts name them.

Kept as plain names so the command line can list them without reading a file;
a test holds it to the shipped phase files and to the README.
"""

from __future__ import annotations

BUILT_IN_PROTOCOLS: tuple[str, ...] = ("intake", "follow-up", "crisis", "termination", "contact-note")
"""Every built-in protocol: the first interview, the regular review, a crisis, the ending, a brief contact note."""
