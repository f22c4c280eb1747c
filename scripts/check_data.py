"""Validate the editors' data files against the brief and each other, without building the site.

Reads data/crosslinks.yml, data/timeline.yml, data/references.yml and data/glossary.yml, checks
every field, date and id (scripts/edition_data.py, the same code the build runs), and prints the
first problem with its file and entry, exiting 1; or a one-line summary, exiting 0.

Usage: python scripts/check_data.py [--brief docs/brief.md] [--data data]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import critic  # noqa: E402
import edition_data  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--brief", type=Path, default=critic.BRIEF)
    parser.add_argument("--data", type=Path, default=edition_data.DATA_DIR)
    args = parser.parse_args(argv)
    try:
        data = edition_data.load_all(args.brief, args.data)
    except (edition_data.DataError, critic.EditionError) as exc:
        print(f"check_data: {exc}", file=sys.stderr)
        return 1
    print(f"check_data: {len(data.crosslinks)} cross-links, {len(data.events)} events, "
          f"{len(data.references)} references, {len(data.glossary)} glossary terms: all valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
