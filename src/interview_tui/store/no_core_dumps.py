"""No core dump while client text or a key is in memory.

A crash that writes a core file would put the notes on screen and the data
key (in plain) into a file that nobody thinks of as client data. Before a
command opens the store, the core-file limit is set to 0 (hard and soft, so
nothing later in the process can raise it), and on Linux the process is made
non-dumpable (``prctl(PR_SET_DUMPABLE, 0)``), which also covers a
``core_pattern`` that pipes to a crash collector and keeps other processes of
the same user from attaching to read its memory. Best effort: where a call is
not available (another system, a sandbox refusing it) the app goes on.
"""

from __future__ import annotations

import sys

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3

_done = False


def forbid_core_dumps() -> None:
    global _done
    if _done:
        return
    _done = True
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):
        pass
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
        except (OSError, AttributeError):
            pass
