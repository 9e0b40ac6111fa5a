"""Use cases. Every function takes the caller's ``Session`` and opens none of its own:
the caller (a CLI command, a UI action) owns the transaction, so one action is one commit.
Functions return frozen dataclasses, never live ORM rows, so no screen can lazy-load.
"""
