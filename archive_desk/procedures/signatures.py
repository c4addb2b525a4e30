"""Signatures bound to one record.

A signature is stored with its image (signature pad) or as a clerk's note that ink was put on the
printed slip (paper). Its digest is a SHA-256 over the image, the signer, the role, the record and
the time, so a signature copied onto another record, or an altered image, no longer verifies.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from archive_desk.db.models import Signature
from archive_desk.db.prepared import Prepared, insert_statement, loaded, prepared
from archive_desk.errors import ValidationError
from archive_desk.procedures.states import LabelledEnum


class SignatureMethod(LabelledEnum):
    PAD = "pad", "签字板"
    PAPER = "paper", "纸面签字"


def digest(
    *,
    entity: str,
    entity_id: int,
    role: str,
    signer_name: str,
    signed_at: dt.datetime,
    image: bytes | None,
) -> str:
    h = hashlib.sha256()
    for part in (entity, str(entity_id), role, signer_name, signed_at.isoformat(sep=" ")):
        h.update(part.encode("utf-8"))
        h.update(b"\x1f")
    h.update(image or b"")
    return h.hexdigest()


def verify(sig: Signature) -> bool:
    """True when the stored digest still matches the signature's record and image."""
    return sig.digest == digest(
        entity=sig.entity,
        entity_id=sig.entity_id,
        role=sig.role,
        signer_name=sig.signer_name,
        signed_at=sig.signed_at,
        image=sig.image,
    )


@dataclass(frozen=True)
class SignatureInput:
    """A signature as given: ``png`` from the pad, or ``on_paper`` (the clerk confirms the ink)."""

    png: bytes | None = None
    on_paper: bool = False

    @property
    def method(self) -> SignatureMethod:
        return SignatureMethod.PAPER if self.on_paper else SignatureMethod.PAD


def store(
    *,
    entity: str,
    entity_id: int,
    role: str,
    signer_name: str,
    signer_user: int | None,
    sig: SignatureInput,
    at: dt.datetime,
    recorded_by: int,
) -> Signature:
    """Keep one signature bound to its record (call inside the transaction that needs it).
    An empty pad is refused: a signature that was not given cannot complete anything."""
    fields = _fields(entity, entity_id, (role, signer_name, signer_user, sig), at, recorded_by)
    new_id = _insert().insert(**fields)
    return loaded(Signature, {"id": new_id, **fields})


Signer = tuple[str, str, int | None, SignatureInput]  # role, signer's name, user, as given


def store_many(
    *,
    entity: str,
    entity_id: int,
    signers: Sequence[Signer],
    at: dt.datetime,
    recorded_by: int,
) -> None:
    """Keep the signatures of one step (a loan's borrower and clerk) as :func:`store` would one
    by one, in one ``executemany`` (on a server one round trip instead of one a signature).
    An empty pad is refused before anything is written, the first signer's first."""
    rows = [_fields(entity, entity_id, signer, at, recorded_by) for signer in signers]
    _insert().run_many(rows)


def _insert() -> Prepared:
    return prepared("signature.insert", lambda: insert_statement(Signature, _FIELDS))


def _fields(
    entity: str, entity_id: int, signer: Signer, at: dt.datetime, recorded_by: int
) -> dict[str, Any]:
    """The row of one signature; :class:`ValidationError` for an empty pad."""
    role, signer_name, signer_user, sig = signer
    if not sig.on_paper and not sig.png:
        raise ValidationError(f"{signer_name} 尚未在签字板上签名。", field=f"signature.{role}")
    image = None if sig.on_paper else sig.png
    return {
        "entity": entity,
        "entity_id": entity_id,
        "role": role,
        "signer_name": signer_name,
        "signer_user": signer_user,
        "method": sig.method,
        "image": image,
        "digest": digest(
            entity=entity,
            entity_id=entity_id,
            role=role,
            signer_name=signer_name,
            signed_at=at,
            image=image,
        ),
        "signed_at": at,
        "recorded_by": recorded_by,
    }


_FIELDS = (
    "entity",
    "entity_id",
    "role",
    "signer_name",
    "signer_user",
    "method",
    "image",
    "digest",
    "signed_at",
    "recorded_by",
)

Signed = tuple[str, str, bytes | None, dt.datetime]  # signer's name, method, image, when


def signed_of(entity: str, ids: Sequence[int]) -> dict[int, dict[str, Signed]]:
    """The signatures that still verify on the records ``ids`` of ``entity``, in one
    statement: record → role → :data:`Signed` (every id a key)."""
    signed: dict[int, dict[str, Signed]] = {i: {} for i in ids}
    for s in Signature.select().where(
        (Signature.entity == entity) & Signature.entity_id.in_(list(ids))
    ):
        if verify(s):
            signed[s.entity_id][s.role] = (s.signer_name, s.method, s.image, s.signed_at)
    return signed
