"""``partnerdesk``: the desktop application and the same services, scriptable.

Exit status: 0 success, 1 bad data or a refused operation (one line, no traceback),
2 wrong usage (argparse's own convention).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from typing import cast

from app import __version__
from app.commands import COMMANDS
from app.errors import PartnerDeskError

PASSWORD_WARNING = (
    "partnerdesk: warning: the password in --db is visible to every user of this "
    "computer (ps); leave it out of the URL and use PGPASSWORD, ~/.pgpass or the "
    "application's keyring instead"
)


def has_password(target: str) -> bool:
    """Does a --db value carry a password (``scheme://user:secret@host/...``)?"""
    _scheme, sep, rest = target.partition("://")
    if not sep:
        return False
    credentials, at, _host = rest.rpartition("@")
    return bool(at) and ":" in credentials and credentials.split(":", 1)[1] != ""


log = logging.getLogger("partnerdesk")

# The desktop entry registers this scheme (MimeType=x-scheme-handler/partnerdesk) and runs
# ``partnerdesk URL`` when a link in a reminder mail is clicked.
LINK_SCHEME = "partnerdesk:"


def without_link(argv: Sequence[str]) -> list[str]:
    """The arguments, less a ``partnerdesk:`` link given alone: it opens the application."""
    arguments = list(argv)
    if len(arguments) == 1 and arguments[0].lower().startswith(LINK_SCHEME):
        log.info("opened from link %s", arguments[0])
        return []
    return arguments


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse prints the whole usage block; one line is easier to act on.
        self.exit(2, f"{self.prog}: usage error: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="partnerdesk",
        description="Cooperation agreements for partnership managers. "
        "Without a command, opens the desktop application.",
    )
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help="SQLite file or database URL (default: $PARTNERDESK_DB, else the per-user "
        "file). A password written in the URL is visible to every user of this computer "
        "(ps): leave it out and use PGPASSWORD or ~/.pgpass",
    )
    parser.add_argument("--version", action="version", version=f"PartnerDesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in COMMANDS:
        # Sub-parsers are our _Parser (one-line usage errors); commands see the base type.
        command.register(cast("argparse._SubParsersAction[argparse.ArgumentParser]", sub))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="partnerdesk: %(levelname)s: %(message)s")
    # What the drivers log while a failure unwinds (psycopg's "error ignored terminating
    # <Pipeline [BAD]>", SQLAlchemy's pool "Exception during reset") is about the error the
    # command then reports in its one line; a person needs that line only.
    for noisy in ("psycopg", "sqlalchemy.pool"):
        logging.getLogger(noisy).setLevel(logging.CRITICAL)
    parser = build_parser()
    args = parser.parse_args(without_link(sys.argv[1:] if argv is None else argv))
    if args.db is not None and has_password(args.db):
        print(PASSWORD_WARNING, file=sys.stderr)
    try:
        if args.command is None:
            from app.commands.gui import open_gui

            return open_gui(args)
        return int(args.run(args))
    except PartnerDeskError as exc:
        print(f"partnerdesk: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("partnerdesk: interrupted", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # `partnerdesk list ... | head`: the reader left; not an error worth a line.
        return 0
    except OSError as exc:
        # A file the command reads or writes: a full disk, a read-only folder.
        from app.db.faults import explain_os_error

        log.debug("file error", exc_info=True)
        output = getattr(args, "out", None) or getattr(args, "file", None)
        print(f"partnerdesk: error: {explain_os_error(exc, output)}", file=sys.stderr)
        return 1
    except Exception as exc:  # the last guard: never a traceback for the user
        log.debug("unexpected error", exc_info=True)
        from app.db.faults import explain, is_database_error

        if is_database_error(exc):
            # A driver's error that no service turned into a sentence: the same sentence
            # the services would have given.
            print(f"partnerdesk: error: {explain('the database', exc)}", file=sys.stderr)
            return 1
        print(f"partnerdesk: error: {type(exc).__name__}: {_one_line(exc)}", file=sys.stderr)
        return 1


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else "unexpected failure"


if __name__ == "__main__":
    raise SystemExit(main())
