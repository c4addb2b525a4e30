"""Reports: the monthly borrowing report (summary on screen, the workbook, the month-end list
for the general manager) and the card statistics (on screen and as a workbook).

Everything that reads many rows runs in :func:`~archive_desk.ui.worker.run_with_progress`: off
the GUI thread, with a progress dialog that can cancel it (a cancelled export leaves no file).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGroupBox,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from archive_desk import borrowing, cards
from archive_desk.permissions import Perm
from archive_desk.ui import files, messages
from archive_desk.ui.context import AppContext
from archive_desk.ui.models.rows import RowsModel
from archive_desk.ui.printing import preview_pdf
from archive_desk.ui.tables import list_view
from archive_desk.ui.widgets.buttons import action_button
from archive_desk.ui.widgets.charts import BarChartView
from archive_desk.ui.widgets.flow import FlowLayout
from archive_desk.ui.worker import run_with_progress


def _short_month(label: str) -> str:
    """``2026-03`` → ``3月`` for a chart's axis (other labels unchanged)."""
    if len(label) == 7 and label[4] == "-" and label[5:].isdigit():
        return f"{int(label[5:])}月"
    return label


class ReportsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report: borrowing.MonthlyReport | None = None
        self.stats: cards.CardStatistics | None = None
        self._loaded = False

        # -- monthly borrowing report ---------------------------------------------------------
        self.month = QDateEdit()
        self.month.setObjectName("report_month")
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setCalendarPopup(False)
        last_month = ctx.clock.today().replace(day=1) - dt.timedelta(days=1)
        self.month.setDate(QDate(last_month.year, last_month.month, 1))
        self.month.setMaximumDate(QDate(ctx.clock.today().year + 1, 12, 31))
        for enter in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # Enter in the month shows it
            shortcut = QShortcut(QKeySequence(enter), self.month, self.show_monthly)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        month_label = QLabel(self.tr("&Month:"))
        month_label.setBuddy(self.month)
        show = action_button("show_monthly", self.tr("&Show summary"), self.show_monthly)
        export = action_button("export_monthly", self.tr("&Export to Excel…"), self.export_monthly)
        export.setEnabled(ctx.can(Perm.REPORT_EXPORT))
        pdf = action_button(
            "month_end_pdf", self.tr("Month-end list for the general manager"), self.month_end_pdf
        )
        pdf.setEnabled(ctx.can(Perm.BORROW_RECORD))
        pdf.setToolTip(
            self.tr("Originals and copies still out, due to the general manager by the 5th")
        )
        row = FlowLayout()  # wraps rather than widen the window
        row.addWidget(month_label)
        row.addWidget(self.month)
        row.addWidget(show)
        row.addWidget(export)
        row.addWidget(pdf)
        row.addStretch(1)
        self.monthly_model = RowsModel(
            [self.tr("Group"), self.tr("Name"), self.tr("Lent"), self.tr("Returned"),
             self.tr("Renewed"), self.tr("Overdue")]
        )  # fmt: skip
        self.monthly_table = list_view(
            "monthly_summary", self.monthly_model, widths=(70, 160, 60, 60, 60), row_height=24
        )
        self.monthly_totals = QLabel()
        self.monthly_totals.setObjectName("monthly_totals")
        self.monthly_totals.setWordWrap(True)
        self.daily_chart = BarChartView(self.tr("Cards lent per day"))
        self.daily_chart.setObjectName("chart_loans_per_day")
        monthly = QGroupBox(self.tr("Monthly borrowing report"))
        monthly_layout = QVBoxLayout(monthly)
        monthly_layout.addLayout(row)
        monthly_layout.addWidget(self.monthly_table, 1)
        monthly_layout.addWidget(self.monthly_totals)
        monthly_layout.addWidget(self.daily_chart, 1)

        # -- card statistics ------------------------------------------------------------------
        self.dimension = QComboBox()
        self.dimension.setObjectName("stats_dimension")
        for key, label in (
            ("new_per_month", self.tr("New cards per month")),
            ("region", self.tr("By region")),
            ("category", self.tr("By category")),
            ("grade", self.tr("By grade")),
            ("secrecy", self.tr("By secrecy")),
            ("trade_status", self.tr("By trade status")),
            ("retention", self.tr("Retention due")),
        ):
            self.dimension.addItem(label, key)
        self.dimension.currentIndexChanged.connect(lambda _i: self._show_dimension())
        reload_stats = action_button("refresh_stats", self.tr("&Recount"), self.load_statistics)
        export_stats = action_button(
            "export_statistics", self.tr("Export statistics…"), self.export_statistics
        )
        export_stats.setEnabled(ctx.can(Perm.REPORT_EXPORT))
        stats_row = FlowLayout()
        stats_row.addWidget(self.dimension)
        stats_row.addWidget(reload_stats)
        stats_row.addWidget(export_stats)
        stats_row.addStretch(1)
        self.stats_model = RowsModel([self.tr("Name"), self.tr("Cards")])
        self.stats_table = list_view("stats_table", self.stats_model, widths=(220,), row_height=24)
        self.stats_totals = QLabel()
        self.stats_totals.setObjectName("stats_totals")
        self.stats_totals.setWordWrap(True)
        self.stats_chart = BarChartView("", color="#2e8b57")
        self.stats_chart.setObjectName("chart_statistics")
        statistics = QGroupBox(self.tr("Card statistics"))
        stats_layout = QVBoxLayout(statistics)
        stats_layout.addLayout(stats_row)
        stats_layout.addWidget(self.stats_table, 1)
        stats_layout.addWidget(self.stats_totals)
        stats_layout.addWidget(self.stats_chart, 1)

        splitter = QSplitter()
        splitter.addWidget(monthly)
        splitter.addWidget(statistics)
        splitter.setSizes([640, 560])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def _target(self, path: str | None, title: str, name: str) -> Path | None:
        """The workbook to write: ``path`` when given (tests, scripts), else asked for."""
        if path is None:
            return files.save_path(self, files.EXCEL, title, name)
        return Path(path) if path else None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:  # counted when first looked at, not while the window is built
            self._loaded = True
            self.show_monthly()
            self.load_statistics()

    def selected_month(self) -> str:
        return self.month.date().toString("yyyy-MM")

    # -- monthly ------------------------------------------------------------------------------
    def show_monthly(self) -> borrowing.MonthlyReport | None:
        month = self.selected_month()
        report = run_with_progress(
            self,
            self.tr("Counting the loans of %1…").replace("%1", month),
            lambda progress: borrowing.build_report(self.ctx.actor, month, progress),
        )
        if report is None:
            return None
        self.report = report
        rows = [(self.tr("Department"), *r) for r in report.by_department]
        rows += [(self.tr("Mode"), *r) for r in report.by_mode]
        self.monthly_model.set_rows(rows)
        self.monthly_totals.setText(
            self.tr("%1: %2 cards lent, %3 applied for and not lent; %4 originals and copies out at month end; %5 overdue.")
            .replace("%1", month)
            .replace("%2", str(len(report.details)))
            .replace("%3", str(len(report.not_lent)))
            .replace("%4", str(len(report.out_at_end)))
            .replace("%5", str(len(report.overdue_at_end)))
        )  # fmt: skip
        self.daily_chart.set_values([(f"{d:%d}", n) for d, n in report.loans_per_day])
        return report

    def export_monthly(self, path: str | None = None) -> Path | None:
        month = self.selected_month()
        out = self._target(
            path, self.tr("Export the monthly borrowing report"), f"借阅月报-{month}"
        )
        if out is None:
            return None
        report = run_with_progress(
            self,
            self.tr("Writing the report of %1…").replace("%1", month),
            lambda progress: borrowing.monthly_workbook(self.ctx.actor, month, out, progress),
        )
        if report is None:
            return None
        messages.info(
            self,
            self.tr("Report of %1 written to %2 (%3 rows).")
            .replace("%1", month)
            .replace("%2", str(out))
            .replace("%3", str(len(report.details))),
        )
        return out

    def month_end_pdf(self) -> Path | None:
        from archive_desk.borrowing import output as borrowing_output  # reportlab: when printing

        month = self.selected_month()
        return preview_pdf(
            self,
            self.ctx,
            f"借出未还清单-{month}",
            lambda out: borrowing_output.print_month_end(self.ctx.actor, month, out),
        )

    # -- statistics ---------------------------------------------------------------------------
    def load_statistics(self) -> cards.CardStatistics | None:
        stats = run_with_progress(
            self,
            self.tr("Counting the cards…"),
            lambda progress: cards.card_statistics(self.ctx.actor, progress=progress),
        )
        if stats is None:
            return None
        self.stats = stats
        self.stats_totals.setText(
            self.tr("%1 cards in the room on %2; retention already due: %3.")
            .replace("%1", str(stats.total))
            .replace("%2", f"{stats.as_of:%Y-%m-%d}")
            .replace("%3", str(stats.retention_overdue))
        )
        self._show_dimension()
        return stats

    def _show_dimension(self) -> None:
        stats = self.stats
        if stats is None:
            return
        key = self.dimension.currentData()
        if key == "new_per_month":
            rows = list(stats.new_per_month)
        elif key == "retention":
            rows = [(self.tr("already due"), stats.retention_overdue), *stats.retention_per_month]
        elif key == "region":
            rows = [("　" * r.depth + r.path, r.total) for r in stats.by_region]
        else:
            rows = stats.dimension(key)
        self.stats_model.set_rows(rows)
        if key == "region":
            chart_rows = [(r.path, r.total) for r in stats.by_region if r.depth == 0]
        elif key in ("new_per_month", "retention"):
            chart_rows = [(_short_month(label), n) for label, n in rows]
        else:
            chart_rows = rows
        self.stats_chart.chart().setTitle(self.dimension.currentText())
        self.stats_chart.set_values(chart_rows)

    def export_statistics(self, path: str | None = None) -> Path | None:
        out = self._target(
            path, self.tr("Export the card statistics"), f"档案统计-{self.ctx.clock.today():%Y%m%d}"
        )
        if out is None:
            return None
        stats = run_with_progress(
            self,
            self.tr("Writing the card statistics…"),
            lambda progress: cards.statistics_workbook(self.ctx.actor, out, progress),
        )
        if stats is None:
            return None
        messages.info(self, self.tr("Card statistics written to %1").replace("%1", str(out)))
        return out
