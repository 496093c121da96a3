"""Reading the phase files: loading and checking them, the catalogue, the launch cache and the outline used to start a session before the models load.

The built-in protocols themselves are data, packaged in ``builtin/`` (the repository's top-level ``phases/`` folder)."""
