"""PartnerDesk: the product without a screen (domain, database, services, reports, CLI).

Nothing in this package may import Qt; ``tests/test_architecture.py`` keeps that wall up.
"""

__version__ = "0.1.0"
