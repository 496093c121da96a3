"""The JSON export is the session itself, valid against the schema `interview-tui schema` prints."""

from __future__ import annotations

import json

import jsonschema
from export_fixture import awkward_session

from interview_tui.cli import main as cli
from interview_tui.export import render
from interview_tui.core.session import Session


def _cli_schema(capsys) -> dict:
    assert cli.main(["schema"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_export_is_valid_against_the_cli_schema(capsys) -> None:
    schema = _cli_schema(capsys)
    jsonschema.Draft202012Validator.check_schema(schema)
    for session in (awkward_session(), awkward_session(finished=False)):
        exported = json.loads(render(session, "json"))
        jsonschema.validate(exported, schema, cls=jsonschema.Draft202012Validator)


def test_json_export_round_trips_to_the_same_session() -> None:
    session = awkward_session()
    again = Session.model_validate_json(render(session, "json"))
    assert again == session
    assert again.amendments[0].before.startswith("Meet again on 21 March.")


def test_schema_rejects_a_broken_export(capsys) -> None:
    """The schema check above can fail: a session without its client code is not valid."""
    schema = _cli_schema(capsys)
    exported = json.loads(render(awkward_session(), "json"))
    del exported["client_code"]
    assert not jsonschema.Draft202012Validator(schema).is_valid(exported)


def test_json_export_carries_no_hints_or_guidance() -> None:
    """The session keeps prompt texts (so it reads on its own) but never the practitioner's cues."""
    exported = render(awkward_session(), "json")
    assert "HINT-MUST-NOT-BE-EXPORTED" not in exported
    assert "GUIDANCE-MUST-NOT-BE-EXPORTED" not in exported
