"""The bar chart's count axis (the reports tab's loans per day, the overview's loans per month)
steps in whole numbers from 0, whatever the largest count: a count of loans has no halves."""

from __future__ import annotations

import pytest
from PySide6.QtCharts import QValueAxis

from archive_desk.ui.widgets.charts import BarChartView


@pytest.mark.parametrize("top", [0, 1, 2, 3, 4, 5, 7, 9, 11, 23, 48, 99, 151, 1234])
def test_the_count_axis_steps_in_whole_numbers(qtbot, top: int) -> None:
    view = BarChartView("每日借出")
    qtbot.addWidget(view)
    view.set_values([("01", top), ("02", top // 2)])
    (axis,) = [a for a in view.chart().axes() if isinstance(a, QValueAxis)]
    step = (axis.max() - axis.min()) / (axis.tickCount() - 1)
    assert axis.min() == 0 and axis.max() >= top
    assert step >= 1 and step == int(step) and axis.labelFormat() == "%d"
