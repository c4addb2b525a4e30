"""Make the .xls, .ods and password-protected fixtures in ``tests/data`` (run once, by hand).

    python -m tests.importing.make_fixtures

Needs LibreOffice (``soffice``, Debian's ``libreoffice-calc-nogui``) for the .xls and .ods copies
of :func:`tests.importing.ledgers.write_xlsx`'s ledger, and ``msoffcrypto-tool`` for the
workbook with an opening password (password ``1234``). The tests only read the files made.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.importing.ledgers import write_xlsx

DATA = Path(__file__).resolve().parent.parent / "data"


def main() -> None:
    work = Path(tempfile.mkdtemp())
    source = write_xlsx(work / "ledger.xlsx")
    for kind in ("xls", "ods"):
        subprocess.run(
            ["soffice", "--headless", "--convert-to", kind, "--outdir", str(work), str(source)],
            check=True,
            capture_output=True,
        )
        shutil.copyfile(work / f"ledger.{kind}", DATA / f"ledger.{kind}")
    import msoffcrypto.format.ooxml  # type: ignore[import-not-found]

    with open(source, "rb") as plain, open(DATA / "password.xlsx", "wb") as out:
        msoffcrypto.format.ooxml.OOXMLFile(plain).encrypt("1234", out)
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
