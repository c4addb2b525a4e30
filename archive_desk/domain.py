r"""Domain vocabulary: the codes stored in the database and their Chinese labels.

Codes are short ASCII strings so the store stays readable and portable; labels are what the
clerk sees. The shared vocabulary lives here once; each procedure's state sets live in its own
package as :class:`~archive_desk.procedures.states.LabelledEnum`\ s (``borrowing.BorrowingState``,
``handover.HandoverState``, ``inspection.FindingKind`` …).
"""

from __future__ import annotations

from enum import IntEnum
from typing import ClassVar


class Role:
    CLERK = "clerk"
    DEPT_HEAD = "dept_head"
    MANAGER = "manager"
    GENERAL_MANAGER = "general_manager"
    OFFICE_HEAD = "office_head"
    ADMIN = "admin"

    ALL = (CLERK, DEPT_HEAD, MANAGER, GENERAL_MANAGER, OFFICE_HEAD, ADMIN)
    LABELS: ClassVar[dict[str, str]] = {
        CLERK: "档案管理员",
        DEPT_HEAD: "部门负责人",
        MANAGER: "档案主管/客服经理",
        GENERAL_MANAGER: "总经理",
        OFFICE_HEAD: "总经办负责人",
        ADMIN: "系统管理员",
    }


class Secrecy(IntEnum):
    PUBLIC = 0
    INTERNAL = 1
    SECRET = 2
    CONFIDENTIAL = 3

    @property
    def label(self) -> str:
        return SECRECY_LABELS[self]


SECRECY_LABELS = {
    Secrecy.PUBLIC: "公开",
    Secrecy.INTERNAL: "内部",
    Secrecy.SECRET: "秘密",
    Secrecy.CONFIDENTIAL: "机密",
}

# The highest secrecy level each role may see unless the admin sets another.
DEFAULT_CLEARANCE = {
    Role.CLERK: Secrecy.CONFIDENTIAL,  # the keeper of every folder
    Role.DEPT_HEAD: Secrecy.SECRET,
    Role.MANAGER: Secrecy.CONFIDENTIAL,
    Role.GENERAL_MANAGER: Secrecy.CONFIDENTIAL,
    Role.OFFICE_HEAD: Secrecy.INTERNAL,
    Role.ADMIN: Secrecy.INTERNAL,  # runs the program, not the archive
}

GRADES = {"A": "A 主力客户", "B": "B 一般客户", "C": "C 零散客户"}
STAGES = {"potential": "潜在客户", "new": "新客户", "old": "老客户"}
TRADE_STATUS = {"active": "交易中", "suspended": "交易中止", "past": "交易过去"}
NATURES = {
    "government": "政府机构",
    "special": "特殊公司",
    "ordinary": "普通公司",
    "individual": "个人",
    "partner": "交易伙伴",
}
RETENTION = {"Y": "永久", "D30": "定期30年", "D10": "定期10年"}
RETENTION_YEARS = {"Y": None, "D30": 30, "D10": 10}

CARD_STATUS = {"active": "在库", "destroyed": "已销毁"}

DOCUMENT_TYPES = (
    "合同",
    "营业执照复印件",
    "组织机构代码证",
    "税务登记证",
    "收费明细",
    "更名通知",
    "授权委托书",
    "往来函件",
    "其他",
)

HANDOVER_UNITS = ("份", "册", "盒", "件", "卷")
MAX_PAGES = 100_000  # pages of one document of a folder (and the page numbers of a copy)
CARRIERS = ("纸质", "电子", "光盘", "其他")


def label(mapping: dict[str, str], code: str | None) -> str:
    """The Chinese label of ``code`` in ``mapping``, or the code itself if unknown."""
    if code is None:
        return ""
    return mapping.get(code, code)


def role_label(role: str | None) -> str:
    """A role's Chinese name (档案管理员, 部门负责人 …)."""
    return label(Role.LABELS, role)


def name_with(name: str, *details: str | None) -> str:
    """``name（a，b）``: a person or thing with its details in brackets, the empty ones left
    out, and no brackets at all when none is left (``系统管理员``, never ``系统管理员（）``)."""
    shown = [d.strip() for d in details if d and d.strip()]
    return f"{name}（{'，'.join(shown)}）" if shown else name
