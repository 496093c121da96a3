"""End of input at the passphrase prompt on a real terminal (issue 14, item 6): ctrl+d says so and exits 2."""

from __future__ import annotations

import os

from harness.terminal import Terminal, installed_app

from interview_tui.cli.main import main
from interview_tui.core.session import Session


def test_ctrl_d_at_the_passphrase_prompt_is_one_line_and_a_non_zero_exit(locations, store, intake, fast_kdf, passphrases):
    store.save(Session.start("C-1", intake))
    passphrases.extend(["a long enough passphrase"] * 2)
    assert main(["--data-dir", str(locations.data_dir), "encrypt"]) == 0
    env = dict(os.environ, INTERVIEW_TUI_CONFIG_DIR=str(locations.config_dir))
    term = Terminal([installed_app(), "--data-dir", str(locations.data_dir), "sessions"], env=env)
    try:
        assert term.wait_for_output(b"Passphrase:", timeout=60)
        term.type("\x04")
        assert term.wait(timeout=60) == 2
        shown = term.output.decode("utf-8", "replace")
    finally:
        term.close()
    assert "end of input: no passphrase was given; stopped" in shown
    assert "Traceback" not in shown and "internal error" not in shown
