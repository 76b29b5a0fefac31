"""Allow `python -m immportal`."""

from immportal.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
