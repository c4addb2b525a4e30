"""The base of every procedure's state set: a ``str`` enum whose members carry their Chinese
label, so one definition serves the services (the stored code), the UI, the forms and the audit
log's display (the label).

    class LoanState(LabelledEnum):
        LENT = "lent", "借出中"

``LoanState.LENT == "lent"`` and the database stores ``"lent"`` as before; ``LoanState.LENT.label``
is ``"借出中"``. A code that is not a member raises ``ValueError``: no raw code reaches a label.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Self


class LabelledEnum(StrEnum):
    """A stored code with its Chinese label (``label``)."""

    _label: str

    def __new__(cls, value: str, label: str = "") -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member._label = label
        return member

    @property
    def label(self) -> str:
        return self._label

    @classmethod
    def labels(cls) -> dict[str, str]:
        """Code → label of every member, in definition order (a combo box's items)."""
        return {m.value: m.label for m in cls}

    @classmethod
    def label_of(cls, code: Any) -> str:
        """The label of a stored code (``""`` for None); an unknown code raises ValueError."""
        return "" if code is None or code == "" else cls(code).label
