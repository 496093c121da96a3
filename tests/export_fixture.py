"""The session the export tests run on: awkward text in every place a note can be.

Times are fixed (with a +01:00 offset) so golden files do not change from run
to run. The protocol comes from tests/fixtures/export-protocol.toml.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from interview_tui.phase_files import parse_file
from interview_tui.protocol import Protocol
from interview_tui.session import Session

FIXTURES = Path(__file__).parent / "fixtures"
ZONE = timezone(timedelta(hours=1))
STARTED = datetime(2026, 3, 14, 9, 5, 0, tzinfo=ZONE)

AWKWARD = "\n".join(
    [
        "She said: \"I can't [cope] any more\" & then <script>alert('x')</script> stopped.",
        "# not a heading",
        "* not a list, **not bold**, _not italic_, `not code`",
        "1. not a numbered list",
        "> not a quote",
        "---",
        "<b>not bold either</b> &amp; not an entity; a\\backslash",
        "",
        "    indented four spaces, not code",
        "Supports: [mum] [neighbour](not-a-link) | pipes | ~~not struck~~",
    ]
)
RIGHT_TO_LEFT = "قالت: «أنا بخير» 🙂\nאמרה: ״אני בסדר״ 👍🏽\n混合 text: 学校 👨‍👩‍👧"
OBSERVED = "Calm, good eye contact.\n=== (not an underline)\n+ not a list either"
OTHER = "Other notes line 1\n\n\nline after two blank lines\n\ttab-indented line"


def long_note(length: int = 5000) -> str:
    """A 5,000-character note of real-looking words with a long unbreakable address in it."""
    words = (
        "the client described a week of early starts and late buses and a landlord who does not answer "
        "calls about the damp in the children's room https://example.org/a/very/long/address/that/must/not/break "
    ).split(" ")
    out: list[str] = []
    size = 0
    n = 0
    while size < length:
        word = words[n % len(words)] or "and"
        out.append(word)
        size += len(word) + 1
        n += 1
    text = " ".join(out)[:length]
    return text[:2500] + "\n" + text[2501:]


def export_protocol() -> Protocol:
    protocol = parse_file(FIXTURES / "export-protocol.toml")
    assert isinstance(protocol, Protocol), protocol
    return protocol


def awkward_session(*, finished: bool = True, amended: bool = True) -> Session:
    session = Session.start("C-0142_x", export_protocol(), at=STARTED)
    session.id = "20260314-090500-a1b2"
    session.edit_note("opening", "story", AWKWARD)
    session.edit_note("opening", "observed", OBSERVED)
    session.edit_note("opening", "only-spaces", "   \n  ")
    session.edit_note("opening", None, OTHER)
    session.set_checked("opening", "consent", True)
    session.edit_note("long-talk", "long", long_note())
    session.edit_note("long-talk", "languages", RIGHT_TO_LEFT)
    session.edit_note("unmapped", "aside", "A note from a phase with no note sections.")
    session.edit_note("closing", "next-steps", "Meet again on 21 March.\n- call the landlord\n- book the GP")
    session.add_time("opening", 600.4)
    session.add_time("long-talk", 1500)
    session.add_time("closing", 305)
    session.updated_at = STARTED + timedelta(minutes=50)
    if finished:
        session.finish(at=STARTED + timedelta(minutes=50))
    if finished and amended:
        session.edit_note(
            "closing", "next-steps", "Meet again on 28 March.\n- call the landlord\n- book the GP",
            at=STARTED + timedelta(hours=2),
        )
    return session
