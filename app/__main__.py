from app.cli import main

# Guarded: importing this module (tools, tests) must not start the application.
if __name__ == "__main__":
    raise SystemExit(main())
