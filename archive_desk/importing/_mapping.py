"""Which column of the ledger fills which field of the card.

:func:`guess` finds the header row (the row among the first ones whose cells name the most
known fields: title rows above it, often merged, are passed over) and maps each column by its
header (客户名称 / 单位名称 / 公司名称 → name, 统一社会信用代码 / 税号 → credit code, 联系人 →
a contact person …). Columns the program does not know are kept into the card's note as
“列名：值” lines, or ignored when the clerk says so. The clerk can change every column, the
header row and the values for cells left empty (region, category, room); a mapping is saved as a
small JSON file keyed by header text, so it fits next year's ledger with its columns moved.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from archive_desk import cards, validation
from archive_desk.errors import KnownError
from archive_desk.importing._cells import Cell
from archive_desk.importing._normalise import cell_text

IGNORE = "ignore"
EXTRA = "extra"  # a column the program does not know: into the note, or ignored


@dataclass(frozen=True)
class Target:
    key: str
    label: str
    multi: bool = False  # several columns may feed it (joined): a region's levels, notes


def _targets() -> tuple[Target, ...]:
    skip = {"region_id", "category_id", "salesperson_id", "department_id", "note"}
    skip |= {"retention_event", "retention_start"}
    out = [
        Target("archive_no", "档案编号"),
        Target("name", "客户名称"),
        Target("region", "区域", multi=True),
        Target("category", "类别", multi=True),
        Target("salesperson", "负责业务员"),
        Target("location", "存放位置（库房-柜-层-盒）"),
        Target("created_on", "建档日期"),
        Target("contact_name", "联系人"),
        Target("contact_title", "联系人职务"),
        Target("contact_mobile", "联系人手机"),
        Target("contact_phone", "联系人电话"),
        Target("contact_email", "联系人邮箱"),
    ]
    out += [Target(s.name, s.label) for s in cards.CARD_FIELDS if s.name not in skip | {"name"}]
    out += [Target("note", "备注", multi=True), Target(IGNORE, "（不导入）", multi=True)]
    return tuple(out)


TARGETS = _targets()
TARGET_BY_KEY = {t.key: t for t in TARGETS}

SYNONYMS: dict[str, tuple[str, ...]] = {
    "archive_no": ("档案编号", "档案号", "档号", "编号", "客户编号", "卡号", "客户档案编号"),
    "name": ("客户名称", "单位名称", "公司名称", "企业名称", "客户全称", "单位全称", "客户名",
             "名称", "客户", "单位", "公司"),
    "credit_code": ("统一社会信用代码", "信用代码", "社会信用代码", "税号", "纳税人识别号",
                    "统一代码"),
    "legal_rep": ("法定代表人", "法人", "法人代表"),
    "nature": ("企业性质", "单位性质", "客户性质", "性质"),
    "industry": ("行业", "所属行业"),
    "registered_capital": ("注册资本", "注册资金"),
    "founded_on": ("成立日期", "成立时间"),
    "staff_count": ("员工人数", "职工人数", "人数"),
    "annual_sales": ("年销售额", "年营业额"),
    "address": ("地址", "公司地址", "单位地址", "通讯地址", "详细地址", "注册地址"),
    "postcode": ("邮编", "邮政编码"),
    "phone": ("电话", "公司电话", "单位电话", "座机", "总机", "办公电话"),
    "fax": ("传真", "传真号"),
    "email": ("邮箱", "电子邮箱", "电子邮件", "email", "e-mail"),
    "website": ("网址", "网站", "主页"),
    "region": ("区域", "地区", "省份", "省", "城市", "所属区域", "销售区域", "片区", "大区",
               "所在地区"),
    "category": ("类别", "客户类别", "类别代码", "类别名称", "客户分类", "分类", "客户类型"),
    "grade": ("客户等级", "等级", "级别", "客户级别"),
    "stage": ("客户阶段", "阶段"),
    "trade_status": ("交易状态", "合作状态"),
    "salesperson": ("业务员", "负责业务员", "销售员", "销售代表", "客户经理", "跟进人", "负责人"),
    "secrecy": ("密级",),
    "location": ("存放位置", "位置", "档案位置", "存放地点"),
    "location_room": ("库房",),
    "location_cabinet": ("柜", "柜号"),
    "location_shelf": ("层", "层号"),
    "location_box": ("盒", "盒号"),
    "retention": ("保管期限", "保存期限"),
    "created_on": ("建档日期", "建档时间", "立卷日期", "录入日期"),
    "contact_name": ("联系人", "联系人姓名"),
    "contact_title": ("职务", "联系人职务"),
    "contact_mobile": ("手机", "手机号", "手机号码", "联系人手机", "移动电话"),
    "contact_phone": ("联系电话", "联系人电话"),
    "contact_email": ("联系人邮箱",),
    "note": ("备注", "说明", "附注"),
    # derived or the program's own: 序号, and the export's columns it computes
    IGNORE: ("序号", "保管期满", "在借", "最后修改", "状态", "未导入原因"),
}  # fmt: skip


def header_key(text: str) -> str:
    """A header as compared: no case, spaces or punctuation, no “必填” mark."""
    key = validation.normalize_name(text)
    for mark in ("必填", "选填"):
        key = key.removesuffix(mark)
    return key


def _lookup() -> dict[str, str]:
    found: dict[str, str] = {}
    for spec in cards.CARD_FIELDS:  # every field by its own label
        if spec.name in TARGET_BY_KEY:
            found[header_key(spec.label)] = spec.name
    for key, names in SYNONYMS.items():
        for name in names:
            found[header_key(name)] = key
    return found


_BY_HEADER = _lookup()
HEADER_SCAN_ROWS = 30


def target_of(header: str) -> str | None:
    """The target a header names, None for a header the program does not know."""
    return _BY_HEADER.get(header_key(header))


@dataclass
class Mapping:
    """The clerk's mapping of one sheet: header row (0-based), a target per column, whether
    unknown columns go into the note, and values for cells left empty."""

    header_row: int
    columns: dict[int, str]
    headers: list[str]
    keep_extra: bool = True
    defaults: dict[str, str] = field(default_factory=dict)

    def columns_of(self, target: str) -> list[int]:
        return [c for c, t in sorted(self.columns.items()) if t == target]

    def problems(self) -> list[str]:
        """What stands in the way of checking rows with this mapping."""
        out = []
        for target in TARGETS:
            cols = self.columns_of(target.key)
            if len(cols) > 1 and not target.multi:
                names = "、".join(f"“{self.headers[c]}”" for c in cols)
                out.append(f"{names}都对应“{target.label}”，请只保留一列。")
        if not self.columns_of("name"):
            out.append("没有对应“客户名称”的列：请指定哪一列是客户名称。")
        return out


def find_header_row(rows: list[list[Cell]]) -> int | None:
    """The row (0-based) among the first :data:`HEADER_SCAN_ROWS` whose cells name the most
    known fields, one of them the customer's name; None when no row does."""
    best, best_score = None, 0
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        targets = [target_of(cell_text(c)) for c in row if isinstance(c, str)]
        if "name" not in targets:
            continue
        score = len({t for t in targets if t})
        if score > best_score:
            best, best_score = index, score
    return best


def mapping_for(rows: list[list[Cell]], header_row: int) -> Mapping:
    """Every column of ``header_row`` mapped by its header: a target may be taken once (the
    first such column), unless it takes several; unknown and repeated columns are extra."""
    header = rows[header_row] if header_row < len(rows) else []
    width = max((len(r) for r in rows[header_row : header_row + 200]), default=0)
    width = max(width, len(header))
    headers = [cell_text(header[c]).strip() if c < len(header) else "" for c in range(width)]
    headers = [h or f"第{c + 1}列" for c, h in enumerate(headers)]
    columns: dict[int, str] = {}
    taken: set[str] = set()
    for c, text in enumerate(headers):
        target = target_of(text)
        if target is None or (target in taken and not TARGET_BY_KEY[target].multi):
            columns[c] = EXTRA
            continue
        columns[c] = target
        taken.add(target)
    return Mapping(header_row, columns, headers)


def guess(rows: list[list[Cell]]) -> Mapping:
    """The header row found and each column mapped by its header."""
    found = find_header_row(rows)
    if found is None:
        raise KnownError(
            f"在前 {HEADER_SCAN_ROWS} 行中找不到表头：没有一行写着“客户名称”“单位名称”一类的列名。"
            "请指定表头所在的行，再为各列选择对应的字段。"
        )
    return mapping_for(rows, found)


# --- saved mappings ---------------------------------------------------------------------------

FORMAT = "archive-desk-import-mapping"


def save_mapping(mapping: Mapping, path: str | Path) -> None:
    """Write ``mapping`` as JSON keyed by header text (so it fits a ledger whose columns moved)."""
    from archive_desk.atomicfile import atomic_write_bytes

    data = {
        "format": FORMAT,
        "version": 1,
        "header_row": mapping.header_row + 1,
        "columns": {mapping.headers[c]: t for c, t in sorted(mapping.columns.items())},
        "keep_extra": mapping.keep_extra,
        "defaults": mapping.defaults,
    }
    text = json.dumps(data, ensure_ascii=False, indent=2)
    atomic_write_bytes(path, text.encode("utf-8"))


def load_mapping(path: str | Path, rows: list[list[Cell]]) -> Mapping:
    """A saved mapping applied to ``rows``: the header row is the saved one when its headers
    are there, else the one found; columns by header text, the others by their header."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        raise KnownError(
            f"无法读取对应关系文件“{path.name}”：它不是档案台保存的对应关系。"
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise KnownError(f"“{path.name}”不是档案台保存的对应关系文件。")
    saved = {str(k): str(v) for k, v in dict(data.get("columns", {})).items()}
    unknown = sorted(set(saved.values()) - set(TARGET_BY_KEY) - {EXTRA})
    if unknown:
        raise KnownError(f"对应关系文件“{path.name}”中有无法识别的字段：{'、'.join(unknown)}")
    row = int(data.get("header_row", 0)) - 1
    if not (0 <= row < len(rows)) or not _has_headers(rows[row], saved):
        row = next((i for i, r in enumerate(rows[:HEADER_SCAN_ROWS]) if _has_headers(r, saved)), -1)
    if row < 0:
        found = find_header_row(rows)
        if found is None:
            raise KnownError(f"表中找不到对应关系文件“{path.name}”里的列名。")
        row = found
    mapping = mapping_for(rows, row)
    for c, header in enumerate(mapping.headers):
        if header in saved:
            mapping.columns[c] = saved[header]
    mapping.keep_extra = bool(data.get("keep_extra", True))
    mapping.defaults = {str(k): str(v) for k, v in dict(data.get("defaults", {})).items()}
    return mapping


def _has_headers(row: list[Cell], saved: dict[str, str]) -> bool:
    texts = {cell_text(c).strip() for c in row}
    names = [h for h, t in saved.items() if t == "name"]
    return bool(names) and all(n in texts for n in names)
