"""The seller register (platform model).

- ``register``: a seller's company, stores and deposit (create, update, read, list).
- ``chain``: the brands a seller may sell, each under a brand agreement (brand owner →
  agreement → seller), and the qualification documents.
- ``supervision``: violations, deposit deductions in exact money, the scorecard.
"""

from __future__ import annotations
