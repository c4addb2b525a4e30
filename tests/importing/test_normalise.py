"""Each normalisation a ledger's cells need."""

from __future__ import annotations

import datetime as dt

import pytest

from archive_desk.domain import GRADES, RETENTION, SECRECY_LABELS, TRADE_STATUS
from archive_desk.importing import _normalise as normalise
from archive_desk.importing._cells import MAX_CELL_CHARS, Oversized, clip

MAY_6 = dt.date(2023, 5, 6)


@pytest.mark.parametrize(
    "cell",
    [MAY_6, dt.datetime(2023, 5, 6, 0, 0), 45052, 45052.0, "45052", "2023.5.6", "2023/5/6",
     "2023年5月6日", "2023-05-06", "20230506", "２０２３年５月６日", "2023-05-06 00:00:00",
     "2023/5/6 0:00"],
)  # fmt: skip
def test_dates_in_every_form_a_ledger_writes_them(cell: object) -> None:
    assert normalise.to_date(cell) == (MAY_6, "")  # type: ignore[arg-type]


@pytest.mark.parametrize("cell", ["2023.13.6", "去年", "5月6日", -3, "2023-02-30"])
def test_what_is_no_date_gets_a_message(cell: object) -> None:
    date, message = normalise.to_date(cell)  # type: ignore[arg-type]
    assert date is None and message


def test_cell_text_as_the_clerk_reads_it() -> None:
    assert normalise.cell_text(13812345678.0) == "13812345678"
    assert normalise.cell_text(1.5) == "1.5"
    assert normalise.cell_text(True) == "是"
    assert normalise.cell_text(dt.datetime(2023, 5, 6, 14, 30)) == "2023-05-06 14:30"
    assert normalise.cell_text(None) == ""


def test_control_characters_and_lone_surrogates_are_removed_and_counted() -> None:
    assert normalise.clean("北京\x07海淀\ud800科技\x1b") == ("北京海淀科技", 3)
    assert normalise.clean("第一行：\r\n\x00第二行 ", multiline=True) == ("第一行：\n第二行", 1)
    assert normalise.clean("  ＡＢＣ　１２３  ") == ("ABC 123", 0)  # full width, ideographic space


def test_a_formula_looking_name_stays_text() -> None:
    assert normalise.clean("=1+2 广州公式公司") == ("=1+2 广州公式公司", 0)


@pytest.mark.parametrize(
    ("choices", "text", "code"),
    [
        (GRADES, "A", "A"), (GRADES, "a", "A"), (GRADES, "主力客户", "A"), (GRADES, "一般", "B"),
        (GRADES, "C 零散客户", "C"), (TRADE_STATUS, "交易中止", "suspended"),
        (RETENTION, "永久", "Y"), (RETENTION, "30年", "D30"), (RETENTION, "d10", "D10"),
        ({int(k): v for k, v in SECRECY_LABELS.items()}, "秘密", 2),
        (GRADES, "VIP", None), (TRADE_STATUS, "交易", None),  # none, or several, match
    ],
)  # fmt: skip
def test_choices_by_code_label_or_the_one_label_holding_it(
    choices: dict, text: str, code: object
) -> None:
    assert normalise.choice(choices, text) == code


def test_several_phones_in_one_cell() -> None:
    assert normalise.split_phones("0531-88888888 / 13812345678、010-66668888") == [
        "0531-88888888",
        "13812345678",
        "010-66668888",
    ]


def test_a_cell_longer_than_excel_allows_keeps_only_its_length_and_head() -> None:
    cell = clip("字" * (10 * 1024 * 1024))
    assert isinstance(cell, Oversized)
    assert cell.length == 10 * 1024 * 1024 and len(cell.head) == 20
    assert clip("字" * (MAX_CELL_CHARS - 1)) == "字" * (MAX_CELL_CHARS - 1)
    assert isinstance(clip("字" * MAX_CELL_CHARS), Oversized)  # a longer .xlsx cell, cut


def test_a_whole_number_with_separators_and_unit() -> None:
    assert normalise.integer("１,２００人") == "1200"
