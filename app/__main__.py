from app.cli import main

# Guarded: a worker process (spawn) imports this module again as __mp_main__.
if __name__ == "__main__":
    raise SystemExit(main())
