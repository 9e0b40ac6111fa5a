"""The agreement editor, a package by its parts: ``form`` (the fields), ``editor`` (the
window: saving, undo, deleting), ``partner_picker``, and one module per tab that saves at
once (``milestones``, ``kpis``, ``attachments``) plus the read-only ``history``."""
