"""The kinds of bad text issue 17 names, tried on one text a service takes: a NUL, a lone
surrogate, only invisible characters, 100,000 characters, and a formula-looking text (kept as
typed). Each refusal must be a Chinese :class:`~archive_desk.errors.ValidationError` that
changed nothing (no audit event, no row version moved); an accepted value must read back as it
was cleaned."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from archive_desk.db import models
from archive_desk.db.models import AuditEvent
from archive_desk.errors import ValidationError

FORMULA = "=cmd|' /C calc'!A0"
INVISIBLE = "\u200b\u3000"
HUGE = "长" * 100_000

# (the value, the message a refusal must carry or None when it is accepted, what is stored)
REFUSED_ALWAYS = [
    ("海淀\x00科技", "控制字符"),
    ("北京\ud800", "残缺字符"),
    (HUGE, "最多"),
]


def _versions() -> list[tuple[str, int]]:
    """Every versioned row's version (a refusal moves none)."""
    out = []
    for model in models.BaseModel.__subclasses__():
        if "version" in model._meta.fields:
            version = model._meta.fields["version"]
            out += [(model.__name__, v) for (v,) in model.select(version).tuples()]
    return sorted(out)


def state() -> tuple[int, list[tuple[str, int]]]:
    """What a refusal leaves as it was: the audit trail's length and every row's version."""
    return AuditEvent.select().count(), _versions()


Make = Callable[[str], tuple[Callable[[], Any], Callable[[Any], str]]]


def try_kinds(make: Make, *, required: bool) -> None:
    """``make(value)`` prepares a fresh record and returns (the service call with ``value`` in
    the text under test, how to read that text back from the database after it). Every kind
    of bad text is tried; ``required``: a text of nothing visible is refused, else saved
    empty."""
    for value, message in REFUSED_ALWAYS:
        call, _read = make(value)
        before = state()
        with pytest.raises(ValidationError, match=message):
            call()
        assert state() == before, f"refused {value[:10]!r}, but something was written"
    call, read = make(INVISIBLE)
    if required:
        before = state()
        with pytest.raises(ValidationError, match=r"看不见|请填写|写明|请选择|请描述"):
            call()
        assert state() == before
    else:
        assert read(call()) == ""
    call, read = make(FORMULA)
    assert read(call()) == FORMULA  # kept as text: the workbooks guard it on export
    call, read = make("  第一行\r\n\t第二行\u200b  ")
    assert read(call()) in ("第一行\n\t第二行", "第一行 第二行")  # trimmed, breaks kept or one line
