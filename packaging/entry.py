"""The bundle's entry point: PyInstaller freezes a script, and this one is the CLI's main."""

from app.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
