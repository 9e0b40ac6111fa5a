"""The editors: one dialog per record, opened by the pages of the main window."""
