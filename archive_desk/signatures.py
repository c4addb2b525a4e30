"""Signatures bound to one record.

A signature is stored with its image (signature pad) or as a clerk's note that ink was put on the
printed slip (paper). Its digest is a SHA-256 over the image, the signer, the role, the record and
the time, so a signature copied onto another record, or an altered image, no longer verifies.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from archive_desk.db.models import Signature


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
