"""f1 help: the guide, keys, cue cards from the phase files and local contacts, filtered as you type."""

from __future__ import annotations

from fixed_app import build_app, fixed_session

from interview_tui.settings.model import Contact, Settings
from interview_tui.ui.screens.help import HelpScreen, Searchable


def shown(screen, selector: str) -> list[Searchable]:
    return [block for block in screen.query(selector) if block.display]


async def open_help(pilot):
    await pilot.pause()
    await pilot.press("f1")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, HelpScreen)
    return screen


async def test_help_lists_every_cue_card_of_the_phase_files_this_phase_first(locations, catalogue, intake):
    session = fixed_session(intake)
    app = build_app(locations, catalogue, session=session)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_help(pilot)
        cards = shown(screen, ".help-card")
        assert len(cards) == len(catalogue.techniques) > 10
        first_phase_cards = intake.phases[0].techniques
        assert [c.words.split()[0] for c in cards[: len(first_phase_cards)]] == first_phase_cards


async def test_typing_filters_cards_and_keys_and_says_when_nothing_matches(locations, catalogue, intake):
    app = build_app(locations, catalogue, session=fixed_session(intake))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_help(pilot)
        await pilot.press(*"scaling")
        await pilot.pause()
        cards = shown(screen, ".help-card")
        assert cards and all("scaling" in c.words for c in cards)
        assert len(cards) < len(catalogue.techniques)
        assert shown(screen, ".help-key") == []
        assert not screen.query_one("#help-keys-title").display
        assert screen.query_one("#help-cards-title").display
        assert not screen.query_one("#help-nothing").display

        for _ in "scaling":
            await pilot.press("backspace")
        await pilot.press(*"next phase")
        await pilot.pause()
        keys = shown(screen, ".help-key")
        assert len(keys) == 1 and "^n" in keys[0].words

        for _ in "next phase":
            await pilot.press("backspace")
        await pilot.press(*"zzqx")
        await pilot.pause()
        assert shown(screen, Searchable) == []
        nothing = screen.query_one("#help-nothing")
        assert nothing.display and "Nothing matches “zzqx”." in str(nothing.render())

        for _ in "zzqx":
            await pilot.press("backspace")
        await pilot.pause()
        assert len(shown(screen, ".help-card")) == len(catalogue.techniques)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_local_contacts_from_settings_are_listed_as_typed(locations, catalogue):
    settings = Settings(
        emergency_contacts=[Contact(name="Duty [team]", phone="000 111", notes="24 hours")],
        referral_contacts=[Contact(name="Housing advice")],
    )
    app = build_app(locations, catalogue, settings=settings)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_help(pilot)
        contacts = shown(screen, ".help-contact")
        assert len(contacts) == 2
        name = contacts[0].query_one(".cue-name")
        assert str(name.render()) == "Emergency: Duty [team]"
        await pilot.press(*"housing")
        await pilot.pause()
        assert [c.query_one(".cue-name").render().plain for c in shown(screen, ".help-contact")] == [
            "Referral: Housing advice"
        ]


async def test_without_contacts_help_says_where_to_add_them(locations, catalogue):
    app = build_app(locations, catalogue)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_help(pilot)
        [hint] = shown(screen, ".help-contact")
        assert "No local contacts set" in hint.query_one("Static").render().plain


async def test_f1_on_the_review_screen_lists_the_review_keys_and_escape_returns_to_the_review(locations, catalogue, intake):
    from interview_tui.ui.screens.review import ReviewScreen

    session = fixed_session(intake)
    app = build_app(locations, catalogue, session=session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        screen = await open_help(pilot)
        keys = " ".join(block.words for block in shown(screen, ".help-key"))
        assert "finish session" in keys and "export" in keys
        assert len(shown(screen, ".help-card")) == len(catalogue.techniques)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)


async def test_help_says_how_to_answer_every_kind_of_field(locations, catalogue, intake):
    """The typed fields' own keys (not screen bindings) have a line each, found by searching."""
    from interview_tui.core.fields import FIELD_TYPES
    from interview_tui.ui.field_keys import FIELD_KEYS

    kinds = {"text": "Note", "short": "One line", "choice": "Choice", "multi": "Several choices",
             "scale": "Scale", "date": "Date", "yes_no": "Yes / no", "list": "List"}  # fmt: skip
    assert set(kinds) == set(FIELD_TYPES)
    named = [kind for kind, _keys in FIELD_KEYS]
    assert set(kinds.values()) | {"Questionnaire (PHQ-9, GAD-7)", "Goals and plan items"} == set(named)
    app = build_app(locations, catalogue, session=fixed_session(intake))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_help(pilot)
        assert len(shown(screen, ".help-field")) == len(FIELD_KEYS)
        await pilot.press(*"digit")
        await pilot.pause()
        found = [block.words for block in shown(screen, ".help-field")]
        assert [w.split(":")[0] for w in found] == ["scale", "questionnaire (phq-9, gad-7)"]
        assert screen.query_one("#help-fields-title").display and not screen.query_one("#help-keys-title").display
