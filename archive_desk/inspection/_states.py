"""Inspection's vocabulary: the kinds of finding and their states, each defined once with its
Chinese label."""

from __future__ import annotations

from archive_desk.procedures.states import LabelledEnum

ENTITY = "finding"


class FindingKind(LabelledEnum):
    MISSING_PAGES = "missing_pages", "缺页"
    DAMAGE = "damage", "破损"
    OUTDATED = "outdated", "内容过时"
    WRONG_LOCATION = "wrong_location", "位置错误"
    MISSING_FOLDER = "missing_folder", "卷宗缺失"
    OTHER = "other", "其他"


class FindingState(LabelledEnum):
    OPEN = "open", "待审批"
    APPROVED = "approved", "已批准整改"
    RESOLVED = "resolved", "已整改"
    REJECTED = "rejected", "不予整改"
