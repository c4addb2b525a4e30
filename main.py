"""Start Archive Desk from a source checkout: ``python main.py`` (what ``make run`` does).

Installed copies start with the ``archive-desk`` command instead; both go through
:func:`archive_desk.cli.main`, so every subcommand works here too.
"""

import sys

from archive_desk.cli import main

if __name__ == "__main__":
    sys.exit(main())
