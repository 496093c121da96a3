"""Work across a client's sessions: cases and their board, client records and glances, carrying goals and plans forward."""
