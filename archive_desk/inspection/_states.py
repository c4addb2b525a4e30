"""Inspection's vocabulary, each defined once with its Chinese label: the kinds of round, their
scopes and states; an inventory's states and the answers a scan gets; the kinds of finding, where
one comes from and its states."""

from __future__ import annotations

from archive_desk.procedures.states import LabelledEnum

ENTITY = "finding"  # the audit's and the approvals' entity of a finding
ROUND_ENTITY = "inspection"
INVENTORY_ENTITY = "inventory"


class FindingKind(LabelledEnum):
    MISSING_PAGES = "missing_pages", "缺页"
    DAMAGE = "damage", "破损"
    OUTDATED = "outdated", "内容过时"
    WRONG_LOCATION = "wrong_location", "位置错误"
    MISSING_FOLDER = "missing_folder", "卷宗缺失"
    OTHER = "other", "其他"


class FindingState(LabelledEnum):
    """open → (the clerk's proposal) proposed → (the manager) approved or rejected; a rejected
    proposal is written again; approved → (the clerk's resolution) resolved."""

    OPEN = "open", "待提处理意见"
    PROPOSED = "proposed", "待审批"
    APPROVED = "approved", "已批准待整改"
    REJECTED = "rejected", "处理意见被退回"
    RESOLVED = "resolved", "已整改"


class FindingSource(LabelledEnum):
    INSPECTION = "inspection", "检查轮次"
    INVENTORY = "inventory", "盘点"
    RETURN = "return", "借阅归还"
    MANUAL = "manual", "手工登记"


class FindingStep(LabelledEnum):
    """The approval step of a finding's proposal (the manager's)."""

    MANAGER = "manager", "档案主管审批"


class FindingDecision(LabelledEnum):
    APPROVED = "approved", "同意"
    REFUSED = "refused", "退回"


class RoundKind(LabelledEnum):
    PERIODIC = "periodic", "例行检查"
    ADHOC = "adhoc", "专项检查"
    INVENTORY = "inventory", "盘点"  # an inventory by scanning: the same table, its own states


class RoundState(LabelledEnum):
    OPEN = "open", "进行中"
    CLOSED = "closed", "已结束"


class InventoryState(LabelledEnum):
    OPEN = "open", "盘点中"
    PAUSED = "paused", "已暂停"
    CLOSED = "closed", "已结束"


class ScopeKind(LabelledEnum):
    ALL = "all", "全部档案"
    REGION = "region", "区域"
    CATEGORY = "category", "类别"
    LOCATION = "location", "存放位置"


class ScanResult(LabelledEnum):
    """What a scan says of a folder, and (``NOT_FOUND``, ``OUT``) what closing says of a folder
    on the list that was never scanned."""

    IN_PLACE = "in_place", "在位"
    ELSEWHERE = "elsewhere", "位置不符"
    ON_LOAN = "on_loan", "借出中却在架"
    UNKNOWN = "unknown", "未知编号"
    DESTROYED = "destroyed", "已销毁"
    DUPLICATE = "duplicate", "重复扫描"
    NOT_FOUND = "not_found", "未找到"
    OUT = "out", "借出未还"


class ItemAction(LabelledEnum):
    """What the clerk did about a folder the inventory found out of place."""

    MOVED = "moved", "已更正位置"
    FINDING = "finding", "已登记问题"


OPEN_FINDINGS = (FindingState.OPEN, FindingState.PROPOSED, FindingState.APPROVED,
                 FindingState.REJECTED)  # fmt: skip
OPEN_INVENTORIES = (InventoryState.OPEN, InventoryState.PAUSED)
