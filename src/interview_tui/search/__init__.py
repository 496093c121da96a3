"""Searching the notes of every session: text folding, the notes index and its queries."""
