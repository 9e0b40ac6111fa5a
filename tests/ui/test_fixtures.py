from app.db import Database
from app.services.listing import count_agreements


def test_ui_db_holds_sixty_demo_agreements(ui_db: Database) -> None:
    with ui_db.session() as s:
        assert count_agreements(s) == 60
