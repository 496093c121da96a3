"""``interview-tui conflicts [show NAME | resolve NAME --keep original|copy|both]``: sync tools' conflict copies.

``conflicts`` lists them (one line each: the copy, where it comes from, the
file it copies); ``show`` sets a copy beside its original, prompt by prompt,
in two columns, a ``*`` before each row that differs; ``resolve`` keeps one
(the other goes to the trash) or both (the copy becomes a session of its
own), after asking (``--yes`` does not ask). Everything printed passes the
one neutraliser (``visible``) before it is laid out, so a control character
in a note is shown, never obeyed, and the columns keep their width. A name
that is no copy, or a copy that cannot be read: one line, exit 2, nothing
touched.
"""

from __future__ import annotations

import argparse
import shutil
import textwrap
from itertools import zip_longest

from interview_tui.core.visible_text import visible
from interview_tui.store.paths import Locations

MARK_DIFFERENT = "*"


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    conflicts = sub.add_parser(
        "conflicts", parents=[common], help="list, compare and resolve the conflict copies sync tools made"
    )
    actions = conflicts.add_subparsers(dest="conflicts_command", metavar="ACTION")
    show = actions.add_parser("show", parents=[common], help="a conflict copy beside its original, prompt by prompt")
    show.add_argument("name", metavar="NAME", help="the copy's file name, as 'interview-tui conflicts' lists it")
    show.add_argument("--width", metavar="N", type=int, help="columns to lay out in (default: the terminal's)")
    resolve = actions.add_parser("resolve", parents=[common], help="keep the original, the copy, or both")
    resolve.add_argument("name", metavar="NAME", help="the copy's file name, as 'interview-tui conflicts' lists it")
    resolve.add_argument("--keep", required=True, choices=["original", "copy", "both"],
                         help="original: the copy goes to the trash; copy: it replaces the original, which goes "
                              "to the trash; both: the copy becomes a session of its own (a client record's copy "
                              "is merged into the record)")
    resolve.add_argument("--yes", action="store_true", help="do not ask for confirmation")


def run(args: argparse.Namespace, locations: Locations) -> int:
    from interview_tui.cli.common import UserError, unlock_store
    from interview_tui.store.conflict_comparison import ConflictError
    from interview_tui.store.sessions import SessionStore, StoreError

    store = SessionStore(locations.sessions_dir)
    unlock_store(store, locations)
    try:
        if args.conflicts_command == "show":
            return show(store, args.name, args.width)
        if args.conflicts_command == "resolve":
            return resolve(store, args.name, args.keep, args.yes)
        return list_copies(store)
    except ConflictError as exc:
        raise UserError(str(exc)) from None
    except StoreError as exc:
        raise UserError(f"{exc}; nothing was changed") from None


def list_copies(store) -> int:  # (a SessionStore)
    from interview_tui.store.conflict_comparison import copy_name, origin_words
    from interview_tui.store.conflict_copies import conflict_copies

    copies = conflict_copies(store.folder)
    for copy in copies:
        print(f"{copy_name(copy)}  ({origin_words(copy)}): a copy of {copy.original.name}")
    if not copies:
        print(f"No conflict copies in {store.folder}.")
    else:
        print("'interview-tui conflicts show NAME' compares one with its original; "
              "'interview-tui conflicts resolve NAME --keep original|copy|both' resolves it.")
    return 0


def show(store, name: str, width: int | None) -> int:  # (a SessionStore)
    from interview_tui.store.conflict_comparison import compare, find_copy

    comparison = compare(store, find_copy(store.folder, name))
    for line in comparison_lines(comparison, width or shutil.get_terminal_size((100, 24)).columns):
        print(line)
    return 0


def comparison_lines(comparison, width: int) -> list[str]:  # (a Comparison)
    """The comparison as text, two columns (the original's answer left, the copy's right) fitted to ``width``."""
    copy = comparison.copy
    width = max(width, 40)
    column = (width - 7) // 2

    original = copy.original.name if comparison.original_exists else f"{copy.original.name} (gone)"
    lines = [
        visible(f"Conflict copy {comparison.name()} ({comparison.origin})"),
        visible(f"  of {original}"),
    ]
    count = comparison.differences
    lines.append(f"{count} difference(s), marked {MARK_DIFFERENT}." if count else "The two hold the same answers.")
    section = None
    for row in comparison.rows:
        if row.section != section:
            section = row.section
            lines += ["", visible(f"== {section} =="), f"    {'ORIGINAL':<{column}} │ COPY"]
        mark = " " if row.same else MARK_DIFFERENT
        lines.append(f"{mark} " + visible(row.label.replace("\n", " ")))
        left, right = _wrapped(row.original, column), _wrapped(row.copy, column)
        for mine, theirs in zip_longest(left, right, fillvalue=""):
            lines.append(f"    {mine:<{column}} │ {theirs}".rstrip())
    return lines


def _wrapped(text: str, width: int) -> list[str]:
    shown = visible(text)  # first: a control character becomes one visible symbol, and the width holds
    lines: list[str] = []
    for paragraph in shown.splitlines() or [""]:
        lines += textwrap.wrap(paragraph, width, replace_whitespace=False, drop_whitespace=True) or [""]
    return lines if any(lines) else ["—"]


def resolve(store, name: str, keep: str, yes: bool) -> int:  # (a SessionStore)
    from interview_tui.casework.record_conflict import resolve_copy
    from interview_tui.store.conflict_comparison import compare, find_copy

    copy = find_copy(store.folder, name)
    comparison = compare(store, copy)  # both read: one that cannot be stops here, before anything is asked
    question = {
        "original": f"Keep {copy.original.name} and move the copy {comparison.name()} to the trash?",
        "copy": f"Put the copy {comparison.name()} in place of {copy.original.name}, which goes to the trash?",
        "both": f"Keep {copy.original.name} as it is and make the copy {comparison.name()} a session of its own?",
    }[keep]
    if keep == "both" and comparison.is_record:
        question = f"Merge the copy {comparison.name()} into the record {copy.original.name}, and move the copy to the trash?"
    if not yes and not _ask(visible(question)):
        print("Nothing was changed.")
        return 1
    from interview_tui.cli.common import UserError
    from interview_tui.store.lock import (  # (here: listing needs no lock library)
        CannotLock,
        SessionBusy,
    )

    try:
        resolved = resolve_copy(store, copy, keep)  # type: ignore[arg-type]
    except (SessionBusy, CannotLock) as exc:
        raise UserError(f"{exc}; nothing was changed") from None
    print(resolved.message())
    return 0


def _ask(question: str) -> bool:
    from interview_tui.cli import trash_and_audit

    try:
        return trash_and_audit.confirm(f"{question} Type yes to confirm: ").strip().lower() == "yes"
    except EOFError:  # stdin closed: not confirmed, nothing changed
        return False
