"""The return check (归还核对): each card that comes back is checked document by document
against its folder's contents list (卷内文件目录); differences are kept on the loan and each kind of
difference opens an inspection finding (through :func:`archive_desk.inspection.open_finding`).
Both signatures close it. :func:`folder_differences` is pure, so the return dialog shows exactly
what :func:`return_items` will record."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from archive_desk import audit, inspection, validation
from archive_desk.borrowing import _store as store
from archive_desk.borrowing._lend import sign
from archive_desk.borrowing._reading import load, view
from archive_desk.borrowing._states import ENTITY, BorrowingState, ItemState
from archive_desk.borrowing.views import (
    BorrowingView,
    Difference,
    DocumentCheck,
    FolderDifferences,
    FolderToCheck,
    FoundDocument,
    ItemReturn,
    ItemView,
)
from archive_desk.db.models import ReturnCheck
from archive_desk.db.store import batched, retrying
from archive_desk.domain import MAX_PAGES
from archive_desk.errors import Conflict, NotFound, ValidationError
from archive_desk.inspection import FindingKind
from archive_desk.permissions import Actor, Perm, require
from archive_desk.procedures import changes, holds, records
from archive_desk.procedures.changes import transaction
from archive_desk.procedures.signatures import SignatureInput


def folder_differences(folder: FolderToCheck, ret: ItemReturn) -> FolderDifferences:
    """Compare what came back (``ret.checks``; a document not mentioned came back as listed)
    with the folder's contents list. Pure: the return dialog shows exactly what
    :func:`return_items` will record."""
    given = {c.document_id: c for c in ret.checks}
    if set(given) - {d.id for d in folder.documents}:
        raise ValidationError("核对的文件不在这张档案卡的卷内文件目录中。")
    found: list[FoundDocument] = []
    differences: list[Difference] = []
    for doc in folder.documents:
        check = given.get(doc.id, DocumentCheck(document_id=doc.id))
        pages = doc.pages if check.pages_found is None else check.pages_found
        if pages < 0:
            raise ValidationError("页数不能为负。")
        if pages > MAX_PAGES:
            raise ValidationError(f"页数不能大于 {MAX_PAGES:,}。")
        present = check.present
        note = validation.clean_text(check.note, "备注", ReturnCheck.note.max_length, field="note")
        found.append(
            FoundDocument(document_id=doc.id, present=present, pages_expected=doc.pages,
                          pages_found=pages if present else 0, damaged=check.damaged and present,
                          note=note)
        )  # fmt: skip
        if not present:
            differences.append(Difference(FindingKind.MISSING_PAGES, f"缺少《{doc.title}》"))
            continue
        if check.damaged:
            differences.append(
                Difference(
                    FindingKind.DAMAGE, f"《{doc.title}》损坏" + (f"：{note}" if note else "")
                )
            )
        if pages < doc.pages:
            differences.append(
                Difference(
                    FindingKind.MISSING_PAGES, f"《{doc.title}》应 {doc.pages} 页，实 {pages} 页"
                )
            )
        elif pages > doc.pages:
            differences.append(
                Difference(
                    FindingKind.OTHER,
                    f"《{doc.title}》应 {doc.pages} 页，实 {pages} 页（多于目录）",
                )
            )
    if folder.documents and not any(f.present for f in found):
        titles = "、".join(f"《{d.title}》" for d in folder.documents)
        differences = [Difference(FindingKind.MISSING_FOLDER, f"整卷未交回：缺少{titles}")]
    item = folder.item
    return FolderDifferences(
        item_id=item.id, archive_no=item.archive_no, card_name=item.card_name,
        differences=tuple(differences), found=tuple(found),
        note=validation.clean_text(ret.note, "备注", validation.NOTE_MAX, field="note"),
    )  # fmt: skip


def return_differences(
    folders: Sequence[FolderToCheck], returns: Sequence[ItemReturn]
) -> list[FolderDifferences]:
    """The differences of a return, card by card, from the checks (pure; see
    :func:`folder_differences`)."""
    by_item = {f.item.id: f for f in folders}
    if len({r.item_id for r in returns}) != len(returns):
        raise ValidationError("同一张档案卡归还了两次。")
    out = []
    for r in returns:
        folder = by_item.get(r.item_id)
        if folder is None:
            raise NotFound("这张档案卡不在这份借阅中。")
        out.append(folder_differences(folder, r))
    return out


def _folders(items: Sequence[ItemView]) -> list[FolderToCheck]:
    """The contents lists of the items' cards (one statement)."""
    card_ids = sorted({i.card_id for i in items})
    if not card_ids:
        return []
    documents = store.documents(card_ids)
    return [FolderToCheck(item=i, documents=tuple(documents.get(i.card_id, ()))) for i in items]


def return_folders(actor: Actor, borrowing_id: int) -> list[FolderToCheck]:
    """The cards of a loan still out, each with the documents to check when it comes back."""
    require(actor, Perm.BORROW_RECORD)
    if store.read(borrowing_id) is None:
        raise NotFound("借阅申请不存在。")
    return _folders([item for item, _ in store.items(borrowing_id) if item.state == ItemState.LENT])


@retrying
def return_items(
    actor: Actor,
    borrowing_id: int,
    version: int,
    returns: Sequence[ItemReturn],
    *,
    borrower_signature: SignatureInput,
    clerk_signature: SignatureInput,
) -> BorrowingView:
    """Take cards back, each checked document by document against its contents list.
    Differences are kept; each kind of difference (damage, missing pages, the whole folder
    missing) opens an inspection finding of that kind."""
    require(actor, Perm.BORROW_RECORD)
    if not returns:
        raise ValidationError("请选择要归还的档案卡。")
    with transaction():
        b = load(borrowing_id, version)
        if b.state != BorrowingState.LENT:
            state = BorrowingState(b.state).label
            raise Conflict(f"这份借阅不在借出中（现在：{state}），不能归还。")
        now = actor.clock.now()
        items = {item.id: item for item, _ in store.items(b.id)}
        now_items = dict(items)  # as they are after this return, for the view
        for r in returns:
            item = items.get(r.item_id)
            if item is None:
                raise NotFound("这张档案卡不在这份借阅中。")
            if item.state != ItemState.LENT:
                raise Conflict(f"档案卡 {item.archive_no} 已归还，不能重复归还。")
        found = return_differences(_folders([items[r.item_id] for r in returns]), returns)
        differences: dict[str, list[str]] = {}
        with batched():  # writes nothing reads back: one round trip to a server
            store.insert_return_checks(
                dict(item=folder.item_id, document=c.document_id, present=c.present,
                     pages_expected=c.pages_expected, pages_found=c.pages_found,
                     damaged=c.damaged, note=c.note)
                for folder in found
                for c in folder.found
            )  # fmt: skip
            for folder in found:
                store.return_item(folder.item_id, now, folder.condition, folder.text)
            holds.release("loan", b.id, [items[r.item_id].card_id for r in returns])
            sign(actor, b, ("return_borrower", "return_clerk"), borrower_signature, clerk_signature)
        for folder in found:
            item = items[folder.item_id]
            now_items[item.id] = replace(
                item, state=ItemState.RETURNED, returned_at=now, condition=folder.condition,
                return_note=folder.text, version=item.version + 1,
            )  # fmt: skip
            if folder.differences:
                differences[item.archive_no] = [d.text for d in folder.differences]
            for kind in folder.finding_kinds:
                inspection.open_finding(
                    actor, card_id=item.card_id, kind=kind,
                    description=f"借阅 {b.number} 归还时发现：{folder.finding_text(kind)}",
                    source="return", source_item=item.id, at=now,
                )  # fmt: skip
        still_out = sum(1 for i in now_items.values() if i.state == ItemState.LENT)
        fields: dict[str, Any] = {}
        if not still_out:
            fields = {"state": BorrowingState.RETURNED, "closed_at": now}
        b = records.apply(b, **fields)
        audit.record(
            actor, "borrowing.return", ENTITY, b.id,
            after={"items": [r.item_id for r in returns], "differences": differences, "closed": not still_out},
        )  # fmt: skip
        changes.note(changes.BORROWING, [b.id])
        return view(b, list(now_items.values()), reader=actor)
