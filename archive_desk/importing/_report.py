"""What an import did, row by row, and the workbook of the rows it did not import.

The report lists every data row as created, updated, skipped or rejected, each with its reason
(the CLI prints it, the wizard shows it). :func:`write_rejected` writes the rows that were not
imported — with the ledger's own header and cells and a last column “未导入原因” — so the clerk
corrects only those and imports that file again (the mapping ignores the reason column).

The workbook is an audited output like every file the program writes from the archive (its
reasons name the cards a row repeats): built under a hidden name
(:class:`archive_desk.atomicfile.StagedFile`) and put in place only once its
``card.import_rejected`` event is committed — in its own transaction, or in the import's when
the import is asked for it (:func:`archive_desk.importing.run_import`'s ``rejected_out``). A
refusal (database busy, full, read-only; a cancelled import) leaves no file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archive_desk import audit
from archive_desk.atomicfile import StagedFile
from archive_desk.importing._cells import Oversized
from archive_desk.permissions import Actor, Perm, require
from archive_desk.procedures import changes

if TYPE_CHECKING:
    from archive_desk.importing._checking import Preview

ACTION_LABELS = {"created": "新建", "updated": "更新", "skipped": "跳过", "rejected": "未导入"}
REASON_HEADER = "未导入原因"


@dataclass(frozen=True)
class Outcome:
    line: int
    name: str
    action: str  # created, updated, skipped, rejected
    reason: str
    archive_no: str = ""


@dataclass(frozen=True)
class ImportReport:
    file: str
    sheet: str
    outcomes: list[Outcome]
    passed_over: list[tuple[int, str]] = field(default_factory=list)
    dry_run: bool = False

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(ACTION_LABELS, 0)
        for o in self.outcomes:
            counts[o.action] += 1
        return counts

    @property
    def not_imported(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.action in ("skipped", "rejected")]

    def summary(self) -> str:
        c = self.counts
        head = "试运行（未写入任何数据）：" if self.dry_run else ""
        verb = "将" if self.dry_run else ""
        return (
            f"{head}{self.file}：{verb}新建 {c['created']} 张，{verb}更新 {c['updated']} 张，"
            f"跳过 {c['skipped']} 行，未导入 {c['rejected']} 行"
            + (f"，说明行 {len(self.passed_over)} 行" if self.passed_over else "")
            + "。"
        )

    def text(self) -> str:
        """The whole report as the command line prints it."""
        lines = [self.summary()]
        for o in self.outcomes:
            number = f" {o.archive_no}" if o.archive_no else ""
            reason = f"：{o.reason}" if o.reason else ""
            name = o.name or "（无客户名称）"
            lines.append(f"第 {o.line} 行\t{ACTION_LABELS[o.action]}{number}\t{name}{reason}")
        for line, reason in self.passed_over:
            lines.append(f"第 {line} 行\t略过\t{reason}")
        return "\n".join(lines)


def _cell(value: Any) -> Any:
    if isinstance(value, Oversized):
        return f"{value.head}…（原有 {value.length:,} 字，未读取）"
    if isinstance(value, dt.timedelta):
        return str(value)
    return value


def write_rejected(actor: Actor, report: ImportReport, preview: Preview, path: str | Path) -> int:
    """The rows not imported, as the ledger had them, with the reason in a last column, put at
    ``path`` once their audit event is committed. Returns the number of rows written."""
    require(actor, Perm.CARD_EDIT)
    with StagedFile(path) as staged, changes.transaction():
        return build_rejected(actor, report, preview, staged, Path(path))


def build_rejected(
    actor: Actor, report: ImportReport, preview: Preview, staged: Path, path: Path
) -> int:
    """Write the workbook of the rows not imported at ``staged`` (the hidden name of ``path``)
    and record its event (call inside a transaction). Returns the number of rows written."""
    from archive_desk.forms import excel

    reasons = {o.line: o.reason for o in report.not_imported}
    headers = [*preview.mapping.headers, REASON_HEADER]
    width = len(preview.mapping.headers)
    rows = []
    for row in preview.rows:
        if row.line in reasons:
            cells = [_cell(c) for c in row.cells[:width]]
            cells += [None] * (width - len(cells))
            rows.append([*cells, reasons[row.line]])
    wb = excel.make_workbook()
    ws = wb.create_sheet()
    excel.write_sheet(ws, "未导入的行", headers, rows)
    excel.save_workbook(wb, staged)
    audit.record(
        actor,
        "card.import_rejected",
        "card",
        "import",
        after={"file": str(path), "ledger": preview.source.path.name, "rows": len(rows)},
    )
    return len(rows)
