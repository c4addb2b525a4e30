"""The Qt user interface: the only package that imports PySide6.

The services the window needs at start are imported here, before any PySide6 module: once
PySide6 is loaded it checks every later import for ``from __feature__`` by reading the module's
source (inspect.getsource), which cost ~27 ms over the ~120 modules of a start (measured with
the benchmark's start-up probe). Imported first, they are loaded before that hook exists.
``reporting`` (the overview's to-dos and figures, the first tab) brings every procedure package:
imported in the overview's reader thread after PySide6, their ~60 modules cost the start ~25 ms
more (the probe, 269 → 297 ms); imported here, nothing (281 ms).
"""

from archive_desk import (  # noqa: F401 - imported for the order, see above
    accounts,
    cards,
    inspection,
    reporting,
    settings,
)
from archive_desk.db import backup, connection  # noqa: F401
from archive_desk.logs import log_dir  # noqa: F401
from archive_desk.procedures import changes  # noqa: F401
