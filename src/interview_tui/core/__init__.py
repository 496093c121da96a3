"""The interview itself, with no I/O: protocols and their fields, instruments and show_if rules, the session and its answers, goals, case facts."""
