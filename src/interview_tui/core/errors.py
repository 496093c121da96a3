"""The root of the app's own failures, and the one way an OSError becomes words.

Every error the app raises about its own work (a store, a phase file, an
export, a setting, a command's input) derives from ``InterviewError``; its
message says what is wrong and where, never a client's text. The families
beneath it, by layer::

    InterviewError
      StoreError            store.sessions: a session not found, read or written
        ReadOnlySession, ClientRecordError, RecordConflict
      SessionBusy, CannotLock   store.lock: open in another window; no lock possible
      EncryptionError       store.encryption: locked, wrong passphrase, tampered, damaged header
      AuditError            store.audit
      UnreadableSession, NewerSession   core.session_format: a file this app cannot read as written
      ShowIfError           core.show_if: a condition in a phase file
      SearchError, ExportError (UnknownFormat, UnknownStyle), SettingsWriteError, DemoDataError
      UserError             cli: a command's input (DeleteError, EncryptionCommandError, ClosedCase)

A caller that stops a command or shows a message catches ``InterviewError``;
one that handles a case (a busy session, a locked store) catches that one.
Classes that were ``ValueError``s stay so as well.
"""

from __future__ import annotations


class InterviewError(Exception):
    """One of the app's own failures: the message names what and where (never client text)."""


def os_reason(exc: BaseException) -> str:
    """An OSError in a few words ("Permission denied", "No space left on device"), without its file name; any
    other of the app's errors, its own message."""
    if isinstance(exc, OSError):
        return exc.strerror or type(exc).__name__
    return str(exc)
