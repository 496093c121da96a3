"""Synthetic clients and sessions for demos, screenshots and benchmarks.

Everything is written through the app's own code (``Session`` and
``SessionStore.save``), so a demo store is exactly what the app would have
written. The same seed gives the same store, byte for byte: one seeded
``random.Random`` drives every choice and times count from a fixed date.

The text is plainly made up (see ``demo_notes.toml``): client codes are
``DEMO-0001``..., notes say they are demo notes, in several languages and
scripts, of varied length.

What a session holds grows with the app. Each session goes through the steps
in ``SESSION_STEPS``; when sessions gain goals, plan items or crisis flags,
or clients get their own records, add a step (and a writer for client
records in ``generate``) rather than changing the ones here.
"""

from __future__ import annotations

import random
import tomllib
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from importlib import resources
from typing import Callable

from interview_tui.core.errors import InterviewError
from interview_tui.phases.files import Catalogue
from interview_tui.core.protocol import Protocol
from interview_tui.core.fields import scale_bounds
from interview_tui.core.session import PromptCopy, Session
from interview_tui.store.sessions import SessionStore

DEMO_VERSION = 4
"""Bump when the same seed starts giving different data (benchmarks key their cached stores on it)."""

BASE_DATE = datetime(2023, 1, 9, 9, 0, tzinfo=timezone.utc)
"""The first demo session starts here; the rest follow over the next few years."""

CLIENT_PREFIX = "DEMO-"
FLAGGED_SHARE = 0.08
"""About this share of answers to a prompt that raises flags (the risk level) raise one."""
FIRST_PROTOCOL = "intake"
CLOSING_PROTOCOL = "termination"
CRISIS_PROTOCOL = "crisis"
"""Protocol ids the generator gives a place in a caseload, when the catalogue has them."""
LEFT_OUT_PROTOCOLS = frozenset({"contact-note"})
"""Protocols the generator never picks: a contact note is too short to stand for a session in a benchmark (and
leaving it out keeps the same seed giving the same data it gave before the contact note was shipped)."""
CLOSING_SHARE = 0.3
"""The chance that a client's last session is a closing one."""
CRISIS_SHARE = 0.04
"""The chance that a later session is a crisis session."""
LATEST_UNFINISHED = 0.5
"""The chance that a client's latest session is still in progress (the work goes on)."""
OLDER_UNFINISHED = 0.02
"""The chance that an older session was never marked finished (it happens)."""
AMENDED_SHARE = 0.05
"""The chance that a finished session had a note corrected afterwards."""
AMENDMENT_TEXT = "(Demo amendment: corrected after the session.)"


class DemoDataError(InterviewError):
    """The demo store cannot be written; the message says why, in one line."""


@dataclass(frozen=True)
class DemoClient:
    code: str
    languages: tuple[str, ...]
    """The languages this client's notes are written in (most clients: one or two)."""


@dataclass
class DemoContext:
    """What every step of making one session may draw on."""

    rng: random.Random
    client: DemoClient
    protocol: Protocol
    number: int
    """This session's place in the client's sessions, from 1."""
    last: bool
    """Whether this is the client's latest session."""
    sentences: dict[str, "Language"]
    finished: bool = False
    """Set by ``fill_phases``: the session is finished (by ``finish_some``, once everything is in)."""


@dataclass(frozen=True)
class Language:
    weight: int
    opening: tuple[str, ...]
    sentence: tuple[str, ...]


@dataclass
class DemoReport:
    clients: int = 0
    sessions: int = 0
    in_progress: int = 0
    characters: int = 0
    protocols: dict[str, int] = field(default_factory=dict)


SessionStep = Callable[[Session, DemoContext], None]


def load_sentences() -> dict[str, Language]:
    raw = tomllib.loads(resources.files("interview_tui.devtools").joinpath("demo_notes.toml").read_text("utf-8"))
    return {
        name: Language(int(v["weight"]), tuple(v["opening"]), tuple(v["sentence"]))
        for name, v in raw.items()
    }


def generate(
    store: SessionStore,
    catalogue: Catalogue,
    clients: int,
    sessions: int,
    seed: int = 1,
    force: bool = False,
) -> DemoReport:
    """Write ``sessions`` demo sessions for ``clients`` demo clients into ``store``."""
    if clients < 1 or sessions < 1:
        raise DemoDataError("--clients and --sessions must be at least 1")
    if clients > sessions:
        raise DemoDataError(f"{clients} clients need at least {clients} sessions (one each)")
    if clients > 9999:
        raise DemoDataError("at most 9999 demo clients")
    if not catalogue.protocols:
        raise DemoDataError("no usable protocol to build demo sessions from")
    existing = _session_count(store)
    if existing and not force:
        raise DemoDataError(
            f"{store.folder} already holds {existing} session(s); demo data goes into an empty store "
            "(use another --data-dir, or --force to add to it)"
        )
    rng = random.Random(seed)
    sentences = load_sentences()
    roster = _clients(rng, clients, sentences)
    counts = _sessions_per_client(rng, clients, sessions)
    report = DemoReport(clients=clients)
    used_ids: set[str] = set()
    at = BASE_DATE
    span = timedelta(days=3 * 365)
    step = span / sessions
    # Interleave clients over time, as a caseload is: each client's sessions keep their order.
    queue = [(i, n) for i, count in enumerate(counts) for n in range(1, count + 1)]
    order = _interleaved(rng, queue)
    for k, (client_index, number) in enumerate(order):
        at = BASE_DATE + step * k + timedelta(minutes=rng.randrange(0, 120))
        at = at.replace(second=rng.randrange(60), microsecond=0)
        client = roster[client_index]
        last = number == counts[client_index]
        protocol = _protocol_for(rng, catalogue, number, last)
        ctx = DemoContext(rng, client, protocol, number, last, sentences)
        session = Session.start(client.code, protocol, at=at)
        session.id = _unique_id(rng, at, used_ids, store)
        for make in SESSION_STEPS:
            make(session, ctx)
        store.save(session)
        report.sessions += 1
        report.in_progress += session.status == "in_progress"
        report.characters += sum(
            len(n) for r in session.phases.values() for n in (*r.notes.values(), r.other_notes)
        )
        report.protocols[protocol.id] = report.protocols.get(protocol.id, 0) + 1
    return report


# ---------------------------------------------------------------- steps


def fill_phases(session: Session, ctx: DemoContext) -> None:
    """Notes, checklist ticks and time for each phase reached; unfinished sessions stop part-way."""
    rng = ctx.rng
    phase_ids = session.phase_ids
    finished = rng.random() >= (LATEST_UNFINISHED if ctx.last else OLDER_UNFINISHED)
    reached = len(phase_ids) if finished else rng.randrange(1, len(phase_ids) + 1)
    for phase in session.protocol.phases[:reached]:
        for prompt in phase.prompts:
            if rng.random() < 0.6:
                if prompt.type == "text":
                    session.edit_note(phase.id, prompt.id, note_text(ctx))
                else:
                    session.set_answer(phase.id, prompt.id, demo_answer(prompt, session, ctx))
        if rng.random() < 0.2:
            session.edit_note(phase.id, None, note_text(ctx))
        for item in phase.checklist:
            if rng.random() < (0.85 if finished else 0.5):
                session.set_checked(phase.id, item.id, True)
        session.add_time(phase.id, rng.uniform(60, 900))
    session.current_phase = phase_ids[reached - 1]
    spent = timedelta(seconds=int(session.total_seconds()) + rng.randrange(0, 600))
    session.updated_at = session.started_at + spent
    ctx.finished = finished


def finish_some(session: Session, ctx: DemoContext) -> None:
    """Finish the sessions ``fill_phases`` took to the end (after goals and plan: they are not amendments)."""
    if ctx.finished:
        session.finish(at=session.updated_at)


def demo_answer(prompt: PromptCopy, session: Session, ctx: DemoContext) -> object:
    """A plausible valid answer for a typed prompt."""
    rng = ctx.rng
    values = [c.value for c in prompt.choices]
    if prompt.type == "choice" and prompt.flags:
        # Some crisis flags, not many: a flagged answer (a medium or high risk) in about one session in twelve.
        calm = [v for v in values if v not in prompt.flags] or values
        return rng.choice(values) if rng.random() < FLAGGED_SHARE * len(values) / max(1, len(prompt.flags)) else rng.choice(calm)
    if prompt.type == "choice":
        return rng.choice(values)
    if prompt.type == "multi":
        return rng.sample(values, rng.randint(1, len(values)))
    if prompt.type == "scale":
        low, high = scale_bounds(prompt)
        return rng.randint(low, high)
    if prompt.type == "date":
        return (session.started_at + timedelta(days=rng.randint(7, 28))).date()
    if prompt.type == "yes_no":
        return rng.random() < 0.85
    lines = [line for line in note_text(ctx).splitlines() if line.strip()] or ["(demo)"]
    if prompt.type == "list":
        return [line[:60] for line in lines[:4]]
    return lines[0][:80]


def amend_some(session: Session, ctx: DemoContext) -> None:
    """Now and then a finished session's note is corrected later (the app records it as an amendment)."""
    rng = ctx.rng
    if session.status != "completed" or session.ended_at is None or rng.random() >= AMENDED_SHARE:
        return
    noted = [(pid, prompt) for pid, rec in session.phases.items() for prompt, text in rec.notes.items() if text]
    if not noted:
        return
    phase_id, prompt_id = rng.choice(noted)
    at = session.ended_at + timedelta(hours=rng.randint(1, 72))
    session.edit_note(phase_id, prompt_id, session.note(phase_id, prompt_id) + " " + AMENDMENT_TEXT, at=at)
    session.updated_at = at


GOAL_STATUSES = (("open", 6), ("partly", 2), ("achieved", 2), ("not_achieved", 1), ("dropped", 1))
PLAN_STATUSES = (("not_started", 4), ("in_progress", 3), ("done", 3), ("dropped", 1))
WHO = (("client", 5), ("practitioner", 3), ("other_agency", 2))


def _weighted(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([v for v, _ in table], [w for _, w in table])[0]


def _short(ctx: DemoContext, limit: int) -> str:
    line = next((x for x in note_text(ctx).splitlines() if x.strip()), "(demo)")
    return line[:limit].strip() or "(demo)"


def goals_and_plan(session: Session, ctx: DemoContext) -> None:
    """Goals and plan items where the session reached a phase that collects them (an intake, a follow-up):
    one to three goals with a measure and a date, one to four plan items, most with a due date, some linked to
    a goal, in every state from not started to done. (Crisis flags come from the risk answers above.)"""
    rng = ctx.rng
    phase_ids = session.phase_ids
    reached = len(phase_ids) if ctx.finished else phase_ids.index(session.current_phase)
    collects = {p.collects: i for i, p in enumerate(session.protocol.phases) if p.collects}
    at = session.started_at
    if "goals" in collects and collects["goals"] < reached:
        for _ in range(rng.randint(1, 3)):
            session.add_goal(
                at=at,
                what=_short(ctx, 70),
                measure=_short(ctx, 50) if rng.random() < 0.7 else "",
                by_when=(at + timedelta(days=rng.randint(30, 120))).date(),
                status=_weighted(rng, GOAL_STATUSES),
            )
    if "plan" in collects and collects["plan"] < reached:
        goal_ids = [g.id for g in session.goals]
        for _ in range(rng.randint(1, 4)):
            session.add_plan_item(
                at=at,
                action=_short(ctx, 70),
                who=_weighted(rng, WHO),
                goal_id=rng.choice(goal_ids) if goal_ids and rng.random() < 0.6 else None,
                due=(at + timedelta(days=rng.randint(3, 45))).date() if rng.random() < 0.8 else None,
                status=_weighted(rng, PLAN_STATUSES),
            )


SESSION_STEPS: list[SessionStep] = [fill_phases, goals_and_plan, finish_some, amend_some]
"""Applied to every demo session in order."""


def note_text(ctx: DemoContext) -> str:
    """One note: mostly a line or two, sometimes paragraphs, now and then a long write-up."""
    rng = ctx.rng
    language = ctx.sentences[rng.choice(ctx.client.languages)]
    roll = rng.random()
    if roll < 0.65:
        count = rng.randint(1, 2)
    elif roll < 0.95:
        count = rng.randint(3, 6)
    elif roll < 0.995:
        count = rng.randint(7, 20)
    else:
        count = rng.randint(40, 90)
    words = [rng.choice(language.opening)]
    for n in range(count):
        words.append(rng.choice(language.sentence))
        if n % 6 == 5:
            words.append("\n\n")
    return " ".join(words).replace(" \n\n ", "\n\n").strip()


# ---------------------------------------------------------------- helpers


def _session_count(store: SessionStore) -> int:
    if not store.folder.is_dir():
        return 0
    return sum(1 for p in store.folder.glob("*.json") if not p.name.startswith("."))


def _clients(rng: random.Random, count: int, sentences: dict[str, Language]) -> list[DemoClient]:
    names = sorted(sentences)
    weights = [sentences[n].weight for n in names]
    roster = []
    for i in range(1, count + 1):
        first = rng.choices(names, weights)[0]
        languages = (first,) if rng.random() < 0.6 else (first, rng.choices(names, weights)[0])
        roster.append(DemoClient(f"{CLIENT_PREFIX}{i:04d}", languages))
    return roster


def _sessions_per_client(rng: random.Random, clients: int, sessions: int) -> list[int]:
    """Every client has one session; the rest go mostly to a few (some clients are seen for years)."""
    counts = [1] * clients
    weights = [rng.paretovariate(1.2) for _ in range(clients)]
    for index in rng.choices(range(clients), weights, k=sessions - clients):
        counts[index] += 1
    return counts


def _interleaved(rng: random.Random, queue: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Shuffle the sessions in time while keeping each client's own sessions in order."""
    keys = [rng.random() for _ in queue]
    shuffled = [q for _, q in sorted(zip(keys, queue))]
    by_client: dict[int, list[int]] = {}
    for client, number in shuffled:
        by_client.setdefault(client, []).append(number)
    for numbers in by_client.values():
        numbers.sort(reverse=True)
    return [(client, by_client[client].pop()) for client, _ in shuffled]


def _protocol_for(rng: random.Random, catalogue: Catalogue, number: int, last: bool) -> Protocol:
    """A caseload's shape: an intake first, then mostly follow-ups, a crisis session now and then, and
    sometimes a closing (termination) session last. Protocols the catalogue lacks are skipped; any other
    protocol (a user's own) gets an even share of the rest."""
    protocols = catalogue.protocols
    if number == 1 and FIRST_PROTOCOL in protocols:
        return protocols[FIRST_PROTOCOL]
    if last and rng.random() < CLOSING_SHARE and CLOSING_PROTOCOL in protocols:
        return protocols[CLOSING_PROTOCOL]
    if rng.random() < CRISIS_SHARE and CRISIS_PROTOCOL in protocols:
        return protocols[CRISIS_PROTOCOL]
    special = {FIRST_PROTOCOL, CLOSING_PROTOCOL, CRISIS_PROTOCOL} | LEFT_OUT_PROTOCOLS
    others = sorted(i for i in protocols if i not in special) or sorted(protocols)
    return protocols[rng.choice(others)]


def _unique_id(rng: random.Random, at: datetime, used: set[str], store: SessionStore) -> str:
    while True:
        candidate = f"{at:%Y%m%d-%H%M%S}-{rng.getrandbits(16):04x}"
        if candidate not in used and not store.path_for(candidate).exists():
            used.add(candidate)
            return candidate
