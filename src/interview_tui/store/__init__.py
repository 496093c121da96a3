"""Everything on disk: where files live, private atomic writes, session files and their migrations, the index, encryption, locks, trash, quarantine, the audit log, autosave."""
