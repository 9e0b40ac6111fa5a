"""PartnerDesk's Qt layer: thin widgets over ``app.services``."""
