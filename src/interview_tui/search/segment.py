"""The bytes of the search index: one session file made ready for it, and a whole index read back.

Layout (byte order of the machine, recorded): ``MAGIC``, header length (8
bytes), CRC-32 of all that follows up to the compressed texts (4 bytes, then 4
zero bytes), header (JSON: one row per session, the places notes are found in,
counts), then three arrays (per field: its place; its start in the folded
text, with one more for the end; its start in its session's text as
written), the folded text (each field followed by a NUL), and each session's
text as written, zlib-compressed (zlib checks those itself). A session's fields are its client code,
then its notes in the order of the interview (``session_fields``).

Rows are newest session first, so the first hits of one scan are the newest.
"""

from __future__ import annotations

import bisect
import json
import mmap
import os
import struct
import sys
import zlib
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from interview_tui.search.text import fold

MAGIC = b"ITUI-SEARCH-1\n\x00\x00"
PREFIX = struct.Struct("<QI4x")
"""The header's length and the CRC-32."""
VERSION = 2
Place = tuple[str | None, str | None, str | None, str | None]
"""(phase id, phase title, prompt id, prompt text); all None for the client code (a prompt's two for other notes)."""
Row = list[Any]
"""A session's row: its fields at the indexes named below."""
CLIENT_PLACE: Place = (None, None, None, None)

# One row per session: what a hit shows, and where its fields are.
NAME, MTIME, SIZE, SETTLED, ID, CLIENT, PROTOCOL, PROTOCOL_TITLE, STARTED, SORT, STATUS, FIRST, ZIP_AT, ZIP_LEN = range(14)
ROW_SHAPES = {(str, int, int, bool, str, str, str, str, str, sort, str, int, int, int) for sort in (int, float)}

Unseal = Callable[[bytes, Path], bytes]
"""The store's way of turning a session file's bytes into plain JSON (decrypting it if needed)."""


class IndexDamaged(Exception):
    """The index file is not one this version reads whole: it is rebuilt."""


@dataclass
class Parts:
    """One session ready to be written into an index: its row, places, folded text and text as written."""

    row: Row
    places: list[Place]
    folded: bytes
    """The fields' folded text, each followed by a NUL."""
    fold_starts: list[int]
    """Where each field starts in ``folded`` (and one more: its length)."""
    written: bytes
    """The fields as written, joined, zlib-compressed."""
    written_starts: list[int]
    """Where each field starts (in characters) in the joined text as written."""


@dataclass
class Found:
    """A note that holds the query: its session's row, its place, its text as written, and where the match
    starts in its folded text (in characters)."""

    row: Row
    place: Place
    text: str
    folded_start: int


# ------------------------------------------------------------ reading session files


def session_fields(data: dict[str, Any]) -> list[tuple[Place, str]]:
    """Every searchable text of a session file's JSON, in the order of the interview: the client code, then per
    phase each prompt's note (in the protocol's order) and the phase's other notes.

    New kinds of notes (goals, plan items...) belong here, each with the place a hit should name.
    """
    found: list[tuple[Place, str]] = [(CLIENT_PLACE, str(data["client_code"]))]
    records = data.get("phases") or {}
    copies = list(data["protocol"]["phases"])
    known = {str(ph["id"]) for ph in copies}
    copies += [{"id": pid, "title": pid, "prompts": []} for pid in records if pid not in known]
    for phase in copies:
        phase_id, title = str(phase["id"]), str(phase["title"])
        record = records.get(phase_id) or {}
        notes = record.get("notes") or {}
        prompts = {str(p["id"]): str(p["text"]) for p in phase.get("prompts") or []}
        for prompt_id in [*prompts, *(p for p in notes if p not in prompts)]:
            text = notes.get(prompt_id)
            if isinstance(text, str) and text:
                found.append(((phase_id, title, prompt_id, prompts.get(prompt_id, prompt_id)), text))
        answers = record.get("answers") or {}
        for prompt_id, value in answers.items():
            text = _answer_text(value)
            if text:
                found.append(((phase_id, title, str(prompt_id), prompts.get(str(prompt_id), str(prompt_id))), text))
        other = record.get("other_notes")
        if isinstance(other, str) and other:
            found.append(((phase_id, title, None, None), other))
    found += _records_fields(copies, "goals", data.get("goals"), ("what", "measure", "why_it_matters", "client_words"))
    found += _records_fields(copies, "plan", data.get("plan_items"), ("action", "agency_contact"))
    return found


def _answer_text(value: object) -> str:
    """Typed answers worth searching: short answers and list entries (choices, dates and numbers are not notes)."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "; ".join(v for v in value if isinstance(v, str) and v)
    return ""


def _records_fields(copies: list[dict[str, Any]], collects: str, records: object, keys: tuple[str, ...]) -> list[tuple[Place, str]]:
    """Goals or plan items, each as one text, placed in the phase that collects them (or a phase of their own)."""
    if not isinstance(records, list):
        return []
    phase = next((ph for ph in copies if ph.get("collects") == collects), None)
    phase_id = str(phase["id"]) if phase else collects
    title = str(phase["title"]) if phase else ("Goals" if collects == "goals" else "Plan")
    what = "Goal" if collects == "goals" else "Plan item"
    found: list[tuple[Place, str]] = []
    for item in records:
        if not isinstance(item, dict):
            continue
        text = " · ".join(str(item[k]) for k in keys if isinstance(item.get(k), str) and item[k])
        if text:
            found.append(((phase_id, title, str(item.get("id", "")), what), text))
    return found


def read_parts(path: Path, stat: os.stat_result, settled: bool, unseal: Unseal) -> Parts:
    """A session file made ready for the index; ValueError (etc.) if it is not a readable session."""
    data = json.loads(unseal(path.read_bytes(), path))
    if str(data["id"]) != path.stem:
        raise ValueError("the id inside is not the file's name")
    from datetime import datetime

    started = datetime.fromisoformat(str(data["started_at"]))
    protocol = data["protocol"]
    fields = session_fields(data)
    folded = [fold(text).encode("utf-8") + b"\x00" for _, text in fields]
    fold_starts, written_starts = [0], [0]
    for piece, (_, text) in zip(folded, fields):
        fold_starts.append(fold_starts[-1] + len(piece))
        written_starts.append(written_starts[-1] + len(text))
    row = [
        path.name, stat.st_mtime_ns, stat.st_size, settled, str(data["id"]), str(data["client_code"]),
        str(protocol["id"]), str(protocol["title"]), started.isoformat(), started.timestamp(),
        str(data.get("status", "")), 0, 0, 0,
    ]  # fmt: skip
    written = zlib.compress("".join(text for _, text in fields).encode("utf-8"), 1)
    return Parts(row, [p for p, _ in fields], b"".join(folded), fold_starts, written, written_starts[:-1])


# ------------------------------------------------------------ the index's bytes


def encode(sessions: list[Parts]) -> bytes:
    """An index of ``sessions`` (already newest first)."""
    places: dict[Place, int] = {}
    rows: list[Row] = []
    field_place, fold_starts, written_starts = array("i"), array("q"), array("q")
    folded: list[bytes] = []
    written: list[bytes] = []
    folded_size = written_size = 0
    for parts in sessions:
        row = list(parts.row)
        row[FIRST], row[ZIP_AT], row[ZIP_LEN] = len(field_place), written_size, len(parts.written)
        rows.append(row)
        field_place.extend(places.setdefault(p, len(places)) for p in parts.places)
        fold_starts.extend(folded_size + s for s in parts.fold_starts[:-1])
        written_starts.extend(parts.written_starts)
        folded.append(parts.folded)
        written.append(parts.written)
        folded_size += len(parts.folded)
        written_size += len(parts.written)
    fold_starts.append(folded_size)
    header = json.dumps(
        {"version": VERSION, "byteorder": sys.byteorder, "sessions": rows, "places": list(places),
         "fields": len(field_place), "folded": folded_size, "written": written_size},
        separators=(",", ":"), ensure_ascii=True,
    ).encode("ascii")  # fmt: skip
    start = len(MAGIC) + PREFIX.size + len(header)
    checked = [header, b"\x00" * (-start % 8), field_place.tobytes(), b"\x00" * (-(len(field_place) * 4) % 8),
               fold_starts.tobytes(), written_starts.tobytes(), *folded]
    crc = 0
    for piece in checked:
        crc = zlib.crc32(piece, crc)
    return b"".join([MAGIC, PREFIX.pack(len(header), crc), *checked, *written])


class Segment:
    """Sessions as an index holds them: the index file, or sessions read since it was written."""

    def __init__(self, buf: "bytes | mmap.mmap") -> None:
        self.buf = buf
        if buf[: len(MAGIC)] != MAGIC or len(buf) < len(MAGIC) + PREFIX.size:
            raise IndexDamaged("not a search index")
        size, crc = PREFIX.unpack_from(buf, len(MAGIC))
        start = len(MAGIC) + PREFIX.size
        try:
            header = json.loads(buf[start : start + size])
            if header["version"] != VERSION or header["byteorder"] != sys.byteorder:
                raise IndexDamaged("another version")
            rows, places = header["sessions"], header["places"]
            fields, folded, written = header["fields"], header["folded"], header["written"]
        except (ValueError, TypeError, KeyError) as exc:
            raise IndexDamaged(type(exc).__name__) from None
        if not all(type(n) is int and n >= 0 for n in (fields, folded, written)):
            raise IndexDamaged("bad counts")
        at = start + size
        at += -at % 8
        view = memoryview(buf)
        self.field_place = view[at : at + 4 * fields].cast("i")
        at += 4 * fields
        at += -at % 8
        self.fold_starts = view[at : at + 8 * (fields + 1)].cast("q")
        at += 8 * (fields + 1)
        self.written_starts = view[at : at + 8 * fields].cast("q")
        at += 8 * fields
        self.folded_at = at
        self.written_at = at + folded
        if self.written_at + written != len(buf) or len(self.fold_starts) != fields + 1:
            raise IndexDamaged("wrong length")
        if zlib.crc32(view[start : self.written_at]) != crc:
            raise IndexDamaged("damaged (CRC)")
        if not isinstance(places, list) or not all(isinstance(p, list) and len(p) == 4 for p in places):
            raise IndexDamaged("bad places")
        self.places: list[Place] = [(p[0], p[1], p[2], p[3]) for p in places]
        if not isinstance(rows, list) or not all(_sound(row, fields, written) for row in rows):
            raise IndexDamaged("bad rows")
        self.rows: list[Row] = rows
        self.firsts = [row[FIRST] for row in rows] + [fields]
        if self.firsts != sorted(self.firsts) or (rows and self.firsts[0] != 0):
            raise IndexDamaged("bad field order")
        self.by_name = {row[NAME]: n for n, row in enumerate(rows)}
        self._texts: tuple[int, str] | None = None

    # -------------------------------------------------------- searching

    def find(self, query: bytes, sessions: Iterator[int] | None, usable: Callable[[int], object], limit: int) -> list[Found]:
        """Notes holding ``query`` (one per note, in index order), in ``sessions`` (all if None) that are ``usable``."""
        found: list[Found] = []
        buf, base, starts, firsts = self.buf, self.folded_at, self.fold_starts, self.firsts
        if sessions is None:  # one scan of the whole text, skipping what is not wanted
            position, end = 0, starts[len(starts) - 1]
            while len(found) < limit:
                hit = buf.find(query, base + position, base + end)
                if hit < 0:
                    break
                hit -= base
                field_no = bisect.bisect_right(starts, hit) - 1
                session = bisect.bisect_right(firsts, field_no) - 1
                if usable(session):
                    found.append(self._found(session, field_no, hit))
                    position = starts[field_no + 1]
                else:
                    position = starts[firsts[session + 1]]
            return found
        for session in sessions:
            if not usable(session):
                continue
            field_no, last = self.firsts[session], self.firsts[session + 1]
            while field_no < last and len(found) < limit:
                hit = buf.find(query, base + starts[field_no], base + starts[last])
                if hit < 0:
                    break
                hit -= base
                field_no = bisect.bisect_right(starts, hit, field_no, last) - 1
                found.append(self._found(session, field_no, hit))
                field_no += 1
            if len(found) >= limit:
                break
        return found

    def _found(self, session: int, field_no: int, hit: int) -> Found:
        start = self.folded_at + self.fold_starts[field_no]
        chars = len(self.buf[start : self.folded_at + hit].decode("utf-8"))
        return Found(self.rows[session], self.place(field_no), self.text(session, field_no), chars)

    def place(self, field_no: int) -> Place:
        return self.places[self.field_place[field_no]]

    def text(self, session: int, field_no: int) -> str:
        """A field as written."""
        if self._texts is None or self._texts[0] != session:
            row = self.rows[session]
            at = self.written_at + row[ZIP_AT]
            self._texts = (session, zlib.decompress(self.buf[at : at + row[ZIP_LEN]]).decode("utf-8"))
        text = self._texts[1]
        start = self.written_starts[field_no]
        end = self.written_starts[field_no + 1] if field_no + 1 < self.firsts[session + 1] else len(text)
        return text[start:end]

    def parts(self, session: int) -> Parts:
        """One session as it is held here, to be written into a new index without reading its file again."""
        row = self.rows[session]
        first, last = self.firsts[session], self.firsts[session + 1]
        base = self.fold_starts[first]
        at = self.written_at + row[ZIP_AT]
        return Parts(
            row=list(row),
            places=[self.place(f) for f in range(first, last)],
            folded=bytes(self.buf[self.folded_at + base : self.folded_at + self.fold_starts[last]]),
            fold_starts=[self.fold_starts[f] - base for f in range(first, last + 1)],
            written=bytes(self.buf[at : at + row[ZIP_LEN]]),
            written_starts=list(self.written_starts[first:last]),
        )


def _sound(row: object, fields: int, written: int) -> bool:
    """A row of the shape this version writes (a damaged index is rebuilt rather than trusted)."""
    return (
        type(row) is list
        and tuple(map(type, row)) in ROW_SHAPES
        and 0 <= row[FIRST] <= fields
        and 0 <= row[ZIP_AT] <= row[ZIP_AT] + row[ZIP_LEN] <= written
    )


def newest_first(sessions: list[Parts]) -> list[Parts]:
    return sorted(sessions, key=lambda p: (p.row[SORT], p.row[ID]), reverse=True)
