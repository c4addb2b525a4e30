"""Named list filters: the few lists a tab offers (办理中, 待审批, 逾期未还 …) declared once, as a
table of key → label and condition, counted and paged through one query.

    LIST = FilterTable(Borrowing, may_read=..., filters=(
        ListFilter("open", "办理中", lambda actor: Borrowing.state.in_(OPEN)), ...))
    LIST.labels            # for the tab's combo box
    LIST.count(actor, "open"); LIST.page(actor, "open", offset, limit)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from peewee import Expression

from archive_desk.db.models import BaseModel
from archive_desk.errors import ValidationError
from archive_desk.permissions import Actor


@dataclass(frozen=True)
class ListFilter:
    key: str
    label: str
    where: Callable[[Actor], Expression] | None = None  # None: every row


class FilterTable:
    """A model's named filters; rows newest first (by id)."""

    def __init__(
        self,
        model: type[BaseModel],
        filters: Sequence[ListFilter],
        *,
        may_read: Callable[[Actor], None],
    ) -> None:
        self.model = model
        self.filters = {f.key: f for f in filters}
        self.may_read = may_read

    @property
    def labels(self) -> dict[str, str]:
        return {key: f.label for key, f in self.filters.items()}

    def query(self, actor: Actor, key: str) -> Any:
        """The select of the rows of filter ``key`` (the permission checked)."""
        self.may_read(actor)
        found = self.filters.get(key)
        if found is None:
            raise ValidationError("未知的筛选条件。", field="filter")
        query = self.model.select()
        return query if found.where is None else query.where(found.where(actor))

    def count(self, actor: Actor, key: str) -> int:
        return int(self.query(actor, key).count())

    def page(self, actor: Actor, key: str, offset: int, limit: int) -> list[Any]:
        model: Any = self.model
        return list(self.query(actor, key).order_by(model.id.desc()).offset(offset).limit(limit))
