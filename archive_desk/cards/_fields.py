"""The card's fields, declared once (name, label, group, kind): the editor, the history, the
printed card, the export and the audit log's display all read :data:`CARD_FIELDS`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from archive_desk.domain import (
    GRADES,
    NATURES,
    RETENTION,
    SECRECY_LABELS,
    STAGES,
    TRADE_STATUS,
    Secrecy,
)

GROUP_LABELS = {
    "identity": "基本信息",
    "contact": "联系方式",
    "classification": "分类",
    "business": "业务状况",
    "trade": "交易活动现状",
    "features": "客户特征",
    "storage": "保管",
}

RETENTION_EVENTS = {"trade_end": "交易终止之日", "created": "建档之日", "manual": "手工指定"}


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    group: str
    kind: str = "text"  # text, long, date, int, choice, ref, or a validation kind
    required: bool = False
    choices: dict[Any, str] | None = None


CARD_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("name", "客户名称", "identity", required=True),
    FieldSpec("credit_code", "统一社会信用代码", "identity", "credit_code"),
    FieldSpec("legal_rep", "法定代表人", "identity"),
    FieldSpec("nature", "企业性质", "identity", "choice", True, NATURES),
    FieldSpec("industry", "行业", "identity"),
    FieldSpec("registered_capital", "注册资本", "identity"),
    FieldSpec("founded_on", "成立日期", "identity", "date"),
    FieldSpec("staff_count", "员工人数", "identity", "int"),
    FieldSpec("annual_sales", "年销售额", "identity"),
    FieldSpec("business_scope", "经营范围", "identity", "long"),
    FieldSpec("address", "地址", "contact"),
    FieldSpec("postcode", "邮编", "contact", "postcode"),
    FieldSpec("phone", "电话", "contact", "phone"),
    FieldSpec("fax", "传真", "contact", "phone"),
    FieldSpec("email", "邮箱", "contact", "email"),
    FieldSpec("website", "网址", "contact", "url"),
    FieldSpec("region_id", "区域", "classification", "ref", True),
    FieldSpec("category_id", "类别", "classification", "ref", True),
    FieldSpec("grade", "客户等级", "classification", "choice", True, GRADES),
    FieldSpec("stage", "客户阶段", "classification", "choice", True, STAGES),
    FieldSpec("trade_status", "交易状态", "classification", "choice", True, TRADE_STATUS),
    # the day the trade ended: the event that starts a 交易终止之日 retention clock; today when
    # the status leaves 交易中 and no day is given, any earlier day when the clerk learns it late
    FieldSpec("trade_ended_on", "交易终止日期", "classification", "date"),
    FieldSpec("salesperson_id", "负责业务员", "classification", "ref"),
    FieldSpec("department_id", "所属部门", "classification", "ref"),
    FieldSpec(
        "secrecy",
        "密级",
        "classification",
        "choice",
        True,
        {int(k): v for k, v in SECRECY_LABELS.items()},
    ),
    FieldSpec("sales_results", "销售业绩", "business", "long"),
    FieldSpec("cooperation", "合作态度", "business", "long"),
    FieldSpec("competitor_relations", "与竞争对手关系", "business", "long"),
    FieldSpec("management_quality", "经营管理水平", "business", "long"),
    FieldSpec("credit_status", "信用状况", "trade", "long"),
    FieldSpec("credit_rating", "信用等级", "trade"),
    FieldSpec("trade_terms", "交易条件", "trade", "long"),
    FieldSpec("credit_problems", "以往信用问题", "trade", "long"),
    FieldSpec("open_issues", "待解决问题", "trade", "long"),
    FieldSpec("strengths", "优势", "trade", "long"),
    FieldSpec("plans", "未来计划", "trade", "long"),
    FieldSpec("service_area", "服务区域", "features", "long"),
    FieldSpec("sales_capability", "销售能力", "features", "long"),
    FieldSpec("potential", "发展潜力", "features", "long"),
    FieldSpec("philosophy", "经营理念与方针", "features", "long"),
    FieldSpec("location_room", "库房", "storage", required=True),
    FieldSpec("location_cabinet", "柜", "storage"),
    FieldSpec("location_shelf", "层", "storage"),
    FieldSpec("location_box", "盒", "storage"),
    FieldSpec("retention", "保管期限", "storage", "choice", True, RETENTION),
    FieldSpec("retention_event", "保管期限起算", "storage", "choice", True, RETENTION_EVENTS),
    FieldSpec("retention_start", "起算日期", "storage", "date"),
    FieldSpec("note", "备注", "storage", "long"),
)
FIELD_BY_NAME = {f.name: f for f in CARD_FIELDS}
# 存放位置 (库房 › 柜 › 层 › 盒): the room is required — every folder is filed somewhere, and the
# clerk always knows which room; a missing cabinet, shelf or box is a warning (some rooms keep
# folders by room and box only), asked when the card is filed or its location changes
LOCATION_FIELDS = ("location_room", "location_cabinet", "location_shelf", "location_box")
_MODEL_NAME = {
    "region_id": "region",
    "category_id": "category",
    "salesperson_id": "salesperson",
    "department_id": "department",
}

DEFAULTS: dict[str, Any] = {
    "nature": "ordinary",
    "grade": "B",
    "stage": "new",
    "trade_status": "active",
    "secrecy": int(Secrecy.INTERNAL),
    "retention": "D30",
    "retention_event": "trade_end",
}
