"""The whole domain as peewee models.

The models bind to ``database``, a proxy initialised by :mod:`archive_desk.db.connection`, so the
same code serves SQLite (the embedded default) and PostgreSQL. Nothing here is SQLite-specific;
the full-text index lives in :mod:`archive_desk.cards._search`.

Editable records carry ``version``: services update them with
:func:`archive_desk.db.connection.save_versioned`, which refuses a save based on a stale copy.
Codes stored in the character fields are listed in :mod:`archive_desk.domain`.
"""

from __future__ import annotations

from typing import Any

from peewee import (
    SQL,
    AutoField,
    BlobField,
    BooleanField,
    CharField,
    CompositeKey,
    DatabaseProxy,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
    fn,
)

database = DatabaseProxy()


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


# --- settings and sequences -------------------------------------------------------------


class Setting(BaseModel):
    """A program setting shared by every workstation on this database (JSON value)."""

    key = CharField(primary_key=True, max_length=100)
    value = TextField()


class Sequence(BaseModel):
    """Counters for numbers that are never reused (archive numbers, application numbers)."""

    name = CharField(primary_key=True, max_length=100)
    value = IntegerField(default=0)


# --- organisation and people --------------------------------------------------------------


class Department(BaseModel):
    id = AutoField()
    name = CharField(unique=True, max_length=100)
    code = CharField(max_length=20, default="")
    active = BooleanField(default=True)
    version = IntegerField(default=1)


class User(BaseModel):
    """Someone who logs in. Roles and codes: :class:`archive_desk.domain.Role`."""

    # typing only: peewee's foreign-key id accessors
    department_id: int | None

    id = AutoField()
    username = CharField(unique=True, max_length=50)
    full_name = CharField(max_length=50)
    role = CharField(max_length=20)
    department = ForeignKeyField(Department, null=True, on_delete="RESTRICT")
    clearance = IntegerField(default=1)  # highest Secrecy level this user may see
    phone = CharField(max_length=40, default="")
    password_hash = CharField(max_length=255)
    must_change_password = BooleanField(default=False)
    failed_logins = IntegerField(default=0)
    locked_until = DateTimeField(null=True)
    last_login_at = DateTimeField(null=True)
    active = BooleanField(default=True)
    created_at = DateTimeField()
    version = IntegerField(default=1)


class Person(BaseModel):
    """A borrower, salesperson or witness who need not be a user of the program."""

    # typing only: peewee's foreign-key id accessors
    department_id: int | None
    user_id: int | None

    id = AutoField()
    name = CharField(max_length=50, index=True)
    department = ForeignKeyField(Department, null=True, on_delete="RESTRICT")
    title = CharField(max_length=50, default="")
    phone = CharField(max_length=40, default="")
    user = ForeignKeyField(User, null=True, on_delete="RESTRICT", unique=True)
    is_salesperson = BooleanField(default=False)
    active = BooleanField(default=True)
    note = TextField(default="")
    version = IntegerField(default=1)


# --- classification -------------------------------------------------------------------------


class Region(BaseModel):
    """Company-defined sales region, a tree (华东区 › 上海)."""

    # typing only: peewee's foreign-key id accessors
    parent_id: int | None

    id = AutoField()
    parent = ForeignKeyField("self", null=True, backref="children", on_delete="RESTRICT")
    code = CharField(max_length=20, default="")
    name = CharField(max_length=50)
    sort = IntegerField(default=0)
    retired = BooleanField(default=False)
    version = IntegerField(default=1)

    class Meta:
        indexes = ((("parent", "name"), True),)


class Category(BaseModel):
    """Category label: code, name and the colour of the folder label."""

    id = AutoField()
    code = CharField(unique=True, max_length=10)
    name = CharField(max_length=50)
    color = CharField(max_length=9, default="#808080")
    sort = IntegerField(default=0)
    retired = BooleanField(default=False)
    version = IntegerField(default=1)


# --- the customer archive card --------------------------------------------------------------


class Card(BaseModel):
    """客户档案卡. Field groups follow DOMAIN.md (identity, contact, classification, …)."""

    # typing only: peewee's foreign-key id accessors and backrefs
    region_id: int
    category_id: int
    salesperson_id: int | None
    keeper_id: int | None
    former_names: Any
    contacts: Any
    documents: Any
    history: Any

    id = AutoField()
    # identity
    archive_no = CharField(unique=True, max_length=40)
    name = CharField(max_length=200)
    name_norm = CharField(max_length=200, index=True)
    credit_code = CharField(max_length=18, default="", index=True)
    legal_rep = CharField(max_length=50, default="")
    nature = CharField(max_length=20, default="ordinary")
    industry = CharField(max_length=100, default="")
    registered_capital = CharField(max_length=50, default="")
    founded_on = DateField(null=True)
    business_scope = TextField(default="")
    staff_count = IntegerField(null=True)
    annual_sales = CharField(max_length=50, default="")
    # contact
    address = CharField(max_length=300, default="")
    postcode = CharField(max_length=10, default="")
    phone = CharField(max_length=40, default="")
    fax = CharField(max_length=40, default="")
    email = CharField(max_length=100, default="")
    website = CharField(max_length=200, default="")
    # classification
    region = ForeignKeyField(Region, on_delete="RESTRICT", index=True)
    category = ForeignKeyField(Category, on_delete="RESTRICT", index=True)
    grade = CharField(max_length=1, default="B")
    stage = CharField(max_length=20, default="new")
    trade_status = CharField(max_length=20, default="active", index=True)
    salesperson = ForeignKeyField(Person, null=True, on_delete="RESTRICT")
    secrecy = IntegerField(default=1, index=True)
    department = ForeignKeyField(Department, null=True, on_delete="RESTRICT")
    # 业务状况
    sales_results = TextField(default="")
    cooperation = TextField(default="")
    competitor_relations = TextField(default="")
    management_quality = TextField(default="")
    # 交易活动现状
    credit_status = TextField(default="")
    credit_rating = CharField(max_length=20, default="")
    trade_terms = TextField(default="")
    credit_problems = TextField(default="")
    open_issues = TextField(default="")
    strengths = TextField(default="")
    plans = TextField(default="")
    # 客户特征
    service_area = TextField(default="")
    sales_capability = TextField(default="")
    potential = TextField(default="")
    philosophy = TextField(default="")
    # storage
    location_room = CharField(max_length=50, default="")
    location_cabinet = CharField(max_length=20, default="")
    location_shelf = CharField(max_length=20, default="")
    location_box = CharField(max_length=20, default="")
    retention = CharField(max_length=4, default="D30")
    retention_event = CharField(max_length=100, default="")
    retention_start = DateField(null=True)
    retention_due = DateField(null=True, index=True)
    keeper = ForeignKeyField(User, null=True, on_delete="RESTRICT")
    # status
    status = CharField(max_length=20, default="active", index=True)
    trade_ended_on = DateField(null=True)
    destroyed_on = DateField(null=True)
    last_reviewed_on = DateField(null=True, index=True)
    last_seen_on = DateField(null=True)  # when an inventory last saw the folder (0010)
    last_seen_place = CharField(max_length=120, default="", constraints=[SQL("DEFAULT ''")])
    note = TextField(default="")
    created_at = DateTimeField(index=True)
    created_by = ForeignKeyField(User, null=True, on_delete="RESTRICT")
    updated_at = DateTimeField()
    version = IntegerField(default=1)

    class Meta:
        indexes = (  # covering indexes for the tree counts, statistics and review (0005)
            (("status", "region", "category", "secrecy", "grade", "trade_status"), False),
            (("status", "last_reviewed_on", "created_at", "secrecy"), False),
            (("status", "retention_due", "secrecy"), False),
            (("status", "archive_no", "secrecy"), False),  # the list in number order (0006)
        )


# a scanned or typed archive number is found whatever its case, by an index (0010)
Card.add_index(Card.index(fn.UPPER(Card.archive_no), name="card_archive_no_upper"))


class CardFormerName(BaseModel):
    """曾用名: kept on every rename and searchable."""

    id = AutoField()
    card = ForeignKeyField(Card, backref="former_names", on_delete="CASCADE")
    name = CharField(max_length=200)
    name_norm = CharField(max_length=200, index=True)
    until = DateField(null=True)
    note = CharField(max_length=200, default="")


class ContactPerson(BaseModel):
    id = AutoField()
    card = ForeignKeyField(Card, backref="contacts", on_delete="CASCADE")
    seq = IntegerField(default=0)
    name = CharField(max_length=50)
    title = CharField(max_length=50, default="")
    mobile = CharField(max_length=40, default="")
    phone = CharField(max_length=40, default="")
    email = CharField(max_length=100, default="")
    id_number = CharField(max_length=18, default="")
    note = CharField(max_length=200, default="")


class CardDocument(BaseModel):
    """卷内文件目录: one document in the folder. Returns are checked against these rows."""

    id = AutoField()
    card = ForeignKeyField(Card, backref="documents", on_delete="CASCADE")
    seq = IntegerField()
    title = CharField(max_length=200)
    doc_type = CharField(max_length=50, default="")
    is_original = BooleanField(default=True)
    pages = IntegerField(default=1)
    doc_date = DateField(null=True)
    note = CharField(max_length=200, default="")
    removed = BooleanField(default=False)


class CardHistory(BaseModel):
    """Every change of a card: when, entered by whom, reported by whom, field, old → new."""

    id = AutoField()
    card = ForeignKeyField(Card, backref="history", on_delete="CASCADE")
    at = DateTimeField()
    user = ForeignKeyField(User, null=True, on_delete="RESTRICT")
    action = CharField(max_length=30, default="edit")
    reported_by = CharField(max_length=50, default="")
    reason = CharField(max_length=300, default="")
    field = CharField(max_length=50, default="")
    old_value = TextField(default="")
    new_value = TextField(default="")


class CardSearch(BaseModel):
    """What search matches a card by, kept by :mod:`archive_desk.cards._search` (portable part)."""

    card = ForeignKeyField(Card, primary_key=True, on_delete="CASCADE")
    text = TextField(default="")  # names, former names, number, codes, phones, contacts
    initials = TextField(default="")  # pinyin initials of name and former names, all readings
    full = TextField(default="")  # full pinyin, all readings


class CardGram(BaseModel):
    """The one- and two-character pieces of a card's search text that hold a Chinese (non-ASCII)
    character, kept by :mod:`archive_desk.cards._search`: a one- or two-character Chinese term is then
    an index range instead of a scan. Derived from ``card_search.text`` (no foreign key: cards
    are not deleted, and a row of a missing card matches nothing); ``WITHOUT ROWID`` on SQLite
    (0006)."""

    gram = CharField(max_length=2)
    card_id = IntegerField()

    class Meta:
        primary_key = CompositeKey("gram", "card_id")


class CardHold(BaseModel):
    """A card held by a procedure: out on a loan, listed on an open handover slip (later: proposed
    for destruction, under legal hold, on an inventory …). Written by the procedure in the same
    transaction as its own change, read by everyone through :mod:`archive_desk.procedures.holds`
    (0009). ``ref`` is the procedure's record (the borrowing, the slip); ``note`` what the card
    shows of it (the borrower, the slip's number). At most one exclusive hold of a kind per card:
    the partial unique index ``card_hold_card_id_kind`` makes two clerks claiming one card at once
    fail in the database, whatever its locking."""

    id = AutoField()
    card = ForeignKeyField(Card, on_delete="RESTRICT", index=False)  # first in both indexes
    kind = CharField(max_length=20)
    ref = IntegerField()
    exclusive = BooleanField(default=True)
    note = CharField(max_length=100, default="")
    since = DateTimeField()

    class Meta:
        table_name = "card_hold"
        indexes = ((("card", "kind", "ref"), True),)


_EXCLUSIVE = CardHold.exclusive == True  # noqa: E712 - a SQL condition, not a truth test
CardHold.add_index(CardHold.index(CardHold.card, CardHold.kind, unique=True, where=_EXCLUSIVE))


# --- approvals and signatures --------------------------------------------------------------


class Signature(BaseModel):
    """A signature bound to one record: the image (pad) or a clerk's note of ink on paper."""

    id = AutoField()
    entity = CharField(max_length=30)
    entity_id = IntegerField()
    role = CharField(max_length=30)  # borrower, clerk, approver, from, to, witness …
    signer_name = CharField(max_length=50)
    signer_user = ForeignKeyField(User, null=True, on_delete="RESTRICT")
    method = CharField(max_length=10)  # pad | paper
    image = BlobField(null=True)
    digest = CharField(max_length=64)  # sha256 binding image, signer, role and record
    signed_at = DateTimeField()
    recorded_by = ForeignKeyField(User, null=True, on_delete="RESTRICT")

    class Meta:
        indexes = ((("entity", "entity_id"), False),)


class Approval(BaseModel):
    """One step of an approval chain (borrowing, handover, finding, destruction)."""

    # typing only: peewee's foreign-key id accessor
    signature_id: int | None

    id = AutoField()
    entity = CharField(max_length=30)
    entity_id = IntegerField()
    step = CharField(max_length=30)
    decision = CharField(max_length=20)  # approved | refused | returned
    approver = ForeignKeyField(User, null=True, on_delete="RESTRICT")
    approver_name = CharField(max_length=50)
    approver_role = CharField(max_length=20, default="")
    method = CharField(max_length=10)  # login | pad | paper
    paper_ref = CharField(max_length=50, default="")
    signature = ForeignKeyField(Signature, null=True, on_delete="RESTRICT")
    comment = TextField(default="")
    at = DateTimeField()
    recorded_by = ForeignKeyField(User, null=True, on_delete="RESTRICT")

    class Meta:
        indexes = ((("entity", "entity_id"), False),)


# --- borrowing --------------------------------------------------------------------------------


class LoanRule(BaseModel):
    """Who must approve and the longest loan, by secrecy, grade and mode (first match wins)."""

    id = AutoField()
    priority = IntegerField(default=100)
    min_secrecy = IntegerField(null=True)
    grade = CharField(max_length=1, null=True)
    mode = CharField(max_length=10, null=True)
    approver_role = CharField(max_length=20)
    max_days = IntegerField(default=0)  # 0 = same day
    working_days = BooleanField(default=False)
    allowed = BooleanField(default=True)
    note = CharField(max_length=200, default="")
    version = IntegerField(default=1)


class Borrowing(BaseModel):
    """借阅申请 and its loan: one application for one or more cards."""

    # typing only: peewee's foreign-key id accessors and backrefs
    borrower_id: int
    items: Any

    id = AutoField()
    number = CharField(unique=True, max_length=30)
    borrower = ForeignKeyField(Person, on_delete="RESTRICT")
    borrower_name = CharField(max_length=50)
    borrower_department = CharField(max_length=100, default="")
    borrower_phone = CharField(max_length=40, default="")
    mode = CharField(max_length=10)
    purpose = TextField()
    applied_on = DateField(index=True)
    expected_return = DateField()
    required_role = CharField(max_length=20)
    state = CharField(max_length=20, index=True)
    refusal_reason = TextField(default="")
    lent_at = DateTimeField(null=True, index=True)
    closed_at = DateTimeField(null=True)
    created_at = DateTimeField()
    created_by = ForeignKeyField(User, on_delete="RESTRICT")
    note = TextField(default="")
    version = IntegerField(default=1)


class BorrowingItem(BaseModel):
    # typing only: peewee's foreign-key id accessors
    borrowing_id: int
    card_id: int
    id = AutoField()
    borrowing = ForeignKeyField(Borrowing, backref="items", on_delete="CASCADE")
    card = ForeignKeyField(Card, on_delete="RESTRICT", index=True)
    state = CharField(max_length=20, index=True)
    due_date = DateField(null=True, index=True)
    lent_at = DateTimeField(null=True, index=True)
    returned_at = DateTimeField(null=True, index=True)
    condition = CharField(max_length=20, null=True)
    return_note = TextField(default="")
    day_close_reason = TextField(default="")
    renewals = IntegerField(default=0)
    version = IntegerField(default=1)

    class Meta:
        indexes = ((("state", "due_date"), False),)  # what is out, by due date (0005)


class ReturnCheck(BaseModel):
    """One document of the folder as found on return."""

    id = AutoField()
    item = ForeignKeyField(BorrowingItem, backref="checks", on_delete="CASCADE")
    document = ForeignKeyField(CardDocument, null=True, on_delete="RESTRICT")
    present = BooleanField(default=True)
    pages_expected = IntegerField(default=0)
    pages_found = IntegerField(default=0)
    damaged = BooleanField(default=False)
    note = CharField(max_length=300, default="")


class Renewal(BaseModel):
    # typing only: peewee's foreign-key id accessors
    item_id: int

    id = AutoField()
    item = ForeignKeyField(BorrowingItem, backref="renewal_log", on_delete="CASCADE")
    at = DateTimeField()
    by = ForeignKeyField(User, on_delete="RESTRICT")
    reason = TextField()
    old_due = DateField()
    new_due = DateField()


class CopyRecord(BaseModel):
    """影印登记: pages copied from a card; copies taken out are tracked until struck off."""

    # typing only: peewee's foreign-key id accessors
    card_id: int

    id = AutoField()
    number = CharField(unique=True, max_length=30)
    card = ForeignKeyField(Card, on_delete="RESTRICT", index=True)
    item = ForeignKeyField(BorrowingItem, null=True, backref="copies", on_delete="RESTRICT")
    pages = CharField(max_length=100)  # e.g. "1-3, 5"
    page_count = IntegerField()
    copies = IntegerField(default=1)
    purpose = TextField(default="")
    approver = ForeignKeyField(User, null=True, on_delete="RESTRICT")
    approver_name = CharField(max_length=50, default="")
    holder_name = CharField(max_length=50, default="")
    location = CharField(max_length=200, default="")
    taken_out = BooleanField(default=False)
    made_at = DateTimeField(index=True)
    due_date = DateField(null=True)
    returned_at = DateTimeField(null=True)
    struck_off_at = DateTimeField(null=True)
    struck_off_by = ForeignKeyField(User, null=True, on_delete="RESTRICT")
    version = IntegerField(default=1)


class DayClose(BaseModel):
    day = DateField(unique=True)
    closed_at = DateTimeField()
    closed_by = ForeignKeyField(User, on_delete="RESTRICT")
    note = TextField(default="")


class MonthEndList(BaseModel):
    """The lent-and-not-returned list produced for the general manager."""

    month = CharField(max_length=7, unique=True)  # YYYY-MM
    produced_at = DateTimeField()
    produced_by = ForeignKeyField(User, on_delete="RESTRICT")
    originals_out = IntegerField(default=0)
    copies_out = IntegerField(default=0)


# --- handover ---------------------------------------------------------------------------------


class Handover(BaseModel):
    """档案交接单."""

    # typing only: peewee's foreign-key id accessors and backrefs
    from_user_id: int | None
    to_user_id: int | None
    witness_user_id: int | None
    from_department_id: int | None
    to_department_id: int | None
    created_by_id: int
    items: Any

    id = AutoField()
    number = CharField(unique=True, max_length=30)
    kind = CharField(max_length=20)
    reason = TextField(default="")
    from_user = ForeignKeyField(User, null=True, on_delete="RESTRICT")
    from_name = CharField(max_length=50)
    from_department = ForeignKeyField(Department, null=True, on_delete="RESTRICT")
    to_user = ForeignKeyField(User, null=True, on_delete="RESTRICT")
    to_name = CharField(max_length=50)
    to_department = ForeignKeyField(Department, null=True, on_delete="RESTRICT")
    witness_user = ForeignKeyField(User, null=True, on_delete="RESTRICT")
    witness_name = CharField(max_length=50, default="")
    handover_date = DateField()
    state = CharField(max_length=20, index=True)
    received_at = DateTimeField(null=True)
    created_at = DateTimeField()
    created_by = ForeignKeyField(User, on_delete="RESTRICT")
    note = TextField(default="")
    version = IntegerField(default=1)


class HandoverItem(BaseModel):
    """A row of the 移交清单: a card of the archive or a free item."""

    # typing only: peewee's foreign-key id accessors
    handover_id: int
    card_id: int | None

    id = AutoField()
    handover = ForeignKeyField(Handover, backref="items", on_delete="CASCADE")
    seq = IntegerField()
    card = ForeignKeyField(Card, null=True, on_delete="RESTRICT", index=True)
    name = CharField(max_length=200)
    carrier = CharField(max_length=20, default="纸质")
    quantity = IntegerField(default=1)
    unit = CharField(max_length=4, default="卷")
    ref_no = CharField(max_length=50, default="")
    note = CharField(max_length=300, default="")
    checked = BooleanField(default=False)
    difference = CharField(max_length=20, null=True)  # missing | extra
    resolution = CharField(max_length=20, null=True)  # accepted | removed
    resolution_note = CharField(max_length=300, default="")


# --- inspection and destruction ---------------------------------------------------------------


class Inspection(BaseModel):
    """An inspection round — the twice-yearly review (定期检查, ``periodic``, one per review
    period) or an ad-hoc round (``adhoc``) — or a shelf inventory by scanning (盘点,
    ``inventory``). Each has a scope (all cards, a region, a category, or a location: room,
    cabinet, shelf or box), an inspector, dates and a state (0010)."""

    # typing only: peewee's foreign-key id accessors
    inspector_id: int
    finished_by_id: int | None

    id = AutoField()
    number = CharField(unique=True, max_length=30)
    kind = CharField(max_length=20, default="periodic")
    period = CharField(max_length=20)  # YYYY-MM: the review period's (or the start's) month
    inspector = ForeignKeyField(User, on_delete="RESTRICT")
    started_at = DateTimeField()
    finished_at = DateTimeField(null=True)
    state = CharField(max_length=20, default="open")
    note = TextField(default="")
    version = IntegerField(default=1)
    scope_kind = CharField(max_length=20, default="all")  # all | region | category | location
    scope_region = IntegerField(null=True)  # a region's id (its sub-regions included)
    scope_category = IntegerField(null=True)
    scope_room = CharField(max_length=50, default="")
    scope_cabinet = CharField(max_length=20, default="")
    scope_shelf = CharField(max_length=20, default="")
    scope_box = CharField(max_length=20, default="")
    scope_label = CharField(max_length=200, default="")  # as it read when the round began
    due_on = DateField(null=True)
    finished_by = ForeignKeyField(User, null=True, on_delete="RESTRICT")


# one periodic round a review period, in the database itself (0010)
Inspection.add_index(
    Inspection.index(
        Inspection.period,
        unique=True,
        where=Inspection.kind == "periodic",
        name="inspection_period_periodic",
    )
)


class InspectionReview(BaseModel):
    """A card gone through in a round (the cards tab's 标记已检查, or the round's own list)."""

    inspection_id: int
    card_id: int

    id = AutoField()
    inspection = ForeignKeyField(Inspection, backref="reviews", on_delete="CASCADE")
    card = ForeignKeyField(Card, on_delete="RESTRICT", index=True)
    at = DateTimeField()
    by = ForeignKeyField(User, on_delete="RESTRICT")
    note = CharField(max_length=300, default="")

    class Meta:
        table_name = "inspection_review"
        indexes = ((("inspection", "card"), True),)


class InspectionFinding(BaseModel):
    """A folder found wanting (检查发现): by a round, an inventory, a return or by hand; the
    clerk's proposal (处理意见) and its deadline, the manager's decision (an :class:`Approval`
    of entity ``finding``), the resolution: what was done, when, who helped."""

    inspection_id: int | None
    card_id: int
    approved_by_id: int | None
    proposed_by_id: int | None
    resolved_by_id: int | None
    created_by_id: int

    id = AutoField()
    inspection = ForeignKeyField(Inspection, null=True, backref="findings", on_delete="CASCADE")
    card = ForeignKeyField(Card, on_delete="RESTRICT", index=True)
    kind = CharField(max_length=20)
    description = TextField()
    proposal = TextField(default="")
    source = CharField(
        max_length=20, default="inspection"
    )  # inspection | inventory | return | manual
    source_item = ForeignKeyField(BorrowingItem, null=True, on_delete="RESTRICT")
    state = CharField(max_length=20, default="open", index=True)
    approved_by = ForeignKeyField(User, null=True, on_delete="RESTRICT")
    approved_at = DateTimeField(null=True)
    resolved_by = ForeignKeyField(User, null=True, on_delete="RESTRICT")
    resolved_at = DateTimeField(null=True)
    resolution = TextField(default="")
    created_at = DateTimeField()
    created_by = ForeignKeyField(User, on_delete="RESTRICT")
    version = IntegerField(default=1)
    proposed_at = DateTimeField(null=True)  # (0010)
    proposed_by = ForeignKeyField(User, null=True, on_delete="RESTRICT")
    due_on = DateField(null=True)  # the proposal's deadline for the resolution
    resolved_on = DateField(null=True)  # when the work was done
    helpers = CharField(max_length=200, default="")  # who helped (other departments)


class InventoryItem(BaseModel):
    """One line of an inventory (盘点): a folder on the list frozen when it began (``expected``;
    ``lent_at_start`` when it was out on loan then) or one scanned that was not on it; the
    scan's result, how often and when it was scanned, what was done about it."""

    inventory_id: int
    card_id: int | None
    finding_id: int | None

    id = AutoField()
    inventory = ForeignKeyField(Inspection, backref="items", on_delete="CASCADE")
    card = ForeignKeyField(Card, null=True, on_delete="RESTRICT", index=True)
    code = CharField(max_length=60)  # the archive number (of an unknown code: as scanned)
    expected = BooleanField(default=False)
    lent_at_start = BooleanField(default=False)
    recorded_location = CharField(max_length=120, default="")  # when listed or scanned
    result = CharField(max_length=20, null=True)  # None: listed, not scanned yet
    scans = IntegerField(default=0)
    first_scan_at = DateTimeField(null=True)
    last_scan_at = DateTimeField(null=True)
    action = CharField(max_length=20, default="")  # moved | finding
    finding = ForeignKeyField(InspectionFinding, null=True, on_delete="SET NULL")
    note = CharField(max_length=300, default="")

    class Meta:
        table_name = "inventory_item"
        indexes = ((("inventory", "code"), True), (("inventory", "last_scan_at"), False))


class InventoryTray(BaseModel):
    """A location added to an inventory after it began (a forgotten tray): its folders joined
    the list then, what was scanned before stays."""

    inventory_id: int

    id = AutoField()
    inventory = ForeignKeyField(Inspection, backref="trays", on_delete="CASCADE")
    room = CharField(max_length=50)
    cabinet = CharField(max_length=20, default="")
    shelf = CharField(max_length=20, default="")
    box = CharField(max_length=20, default="")
    added_at = DateTimeField()
    added_by = ForeignKeyField(User, on_delete="RESTRICT")

    class Meta:
        table_name = "inventory_tray"


class DestructionProposal(BaseModel):
    """销毁清册: the 销毁建议书 (proposal) → the manager's review → the general manager's approval
    → the waiting period → the execution (销毁清册 signed by two witnesses and the executor) →
    the 销毁处理反馈单 (feedback). Kept for ever. States: ``retention.DestructionState``; the
    steps themselves are :class:`Approval` rows, the signatures :class:`Signature` rows (0011)."""

    # typing only: peewee's foreign-key id accessors and backrefs
    proposer_id: int
    reviewer_id: int | None
    approver_id: int | None
    items: Any

    id = AutoField()
    number = CharField(unique=True, max_length=30)
    reason = TextField()
    state = CharField(max_length=20, index=True)
    proposer = ForeignKeyField(User, on_delete="RESTRICT")
    created_at = DateTimeField()
    reviewer = ForeignKeyField(User, null=True, on_delete="RESTRICT")
    reviewed_at = DateTimeField(null=True)
    review_opinion = TextField(default="")
    approver = ForeignKeyField(User, null=True, on_delete="RESTRICT")
    approved_at = DateTimeField(null=True)
    approval_opinion = TextField(default="")
    wait_until = DateField(null=True)  # the first day it may be carried out (0011)
    witness1 = CharField(max_length=50, default="")
    witness2 = CharField(max_length=50, default="")
    executor = CharField(max_length=50, default="")  # 0011
    executed_on = DateField(null=True)
    executed_at = DateTimeField(null=True)  # when the clerk recorded it (0011)
    executed_by = ForeignKeyField(User, null=True, on_delete="RESTRICT")  # 0011
    place = CharField(max_length=100, default="")
    method = CharField(max_length=50, default="")
    feedback = TextField(default="")
    reported_to = CharField(max_length=100, default="")  # 0011
    reported_on = DateField(null=True)  # 0011
    reported_at = DateTimeField(null=True)
    note = TextField(default="")  # why it was withdrawn (0011)
    version = IntegerField(default=1)


class DestructionItem(BaseModel):
    """A row of the 销毁清册, with the card's facts frozen at proposal time; its state says what
    became of the card (listed, exempted by the manager, withheld at the execution, destroyed)."""

    # typing only: peewee's foreign-key id accessors
    proposal_id: int
    card_id: int

    id = AutoField()
    proposal = ForeignKeyField(DestructionProposal, backref="items", on_delete="CASCADE")
    seq = IntegerField()
    card = ForeignKeyField(Card, on_delete="RESTRICT")
    archive_no = CharField(max_length=40)
    customer_name = CharField(max_length=200)
    year = IntegerField(null=True)
    retention = CharField(max_length=4)
    kept_years = IntegerField(default=0)
    pages = IntegerField(default=0)
    reason = CharField(max_length=300, default="")
    basis = CharField(max_length=20, default="")  # retention.DestructionReason (0011)
    retention_due = DateField(null=True)  # 0011
    state = CharField(max_length=20, default="listed")  # retention.ItemState (0011)
    note = CharField(max_length=300, default="")  # why exempted or withheld (0011)

    class Meta:
        indexes = ((("proposal", "card"), True),)


class LegalHold(BaseModel):
    """冻结: a card frozen by the manager (dispute, litigation, audit) until the freeze is lifted;
    a frozen card is never listed for destruction nor destroyed. Its hold is the ``legal_hold``
    :class:`CardHold` (0011)."""

    # typing only: peewee's foreign-key id accessors
    card_id: int
    frozen_by_id: int
    lifted_by_id: int | None

    id = AutoField()
    card = ForeignKeyField(Card, on_delete="RESTRICT", index=True)
    kind = CharField(max_length=20)  # retention.HoldReason
    reason = TextField()
    frozen_by = ForeignKeyField(User, on_delete="RESTRICT")
    frozen_at = DateTimeField()
    lifted_by = ForeignKeyField(User, null=True, on_delete="RESTRICT")
    lifted_at = DateTimeField(null=True, index=True)
    lift_reason = TextField(default="")
    version = IntegerField(default=1)

    class Meta:
        table_name = "legal_hold"


class CardTombstone(BaseModel):
    """What stays of a destroyed card (墓碑): its number (never reused), name, dates, retention,
    the list it was destroyed on, when and how. Written by ``cards.destroy`` with the card's
    personal data removed (0011)."""

    card = ForeignKeyField(Card, primary_key=True, on_delete="RESTRICT")
    archive_no = CharField(max_length=40)
    name = CharField(max_length=200)
    created_on = DateField()
    trade_ended_on = DateField(null=True)
    retention = CharField(max_length=4)
    retention_start = DateField(null=True)
    retention_due = DateField(null=True)
    list_no = CharField(max_length=30)
    destroyed_on = DateField()
    method = CharField(max_length=50)
    place = CharField(max_length=100)
    recorded_at = DateTimeField()
    recorded_by = ForeignKeyField(User, null=True, on_delete="RESTRICT")

    class Meta:
        table_name = "card_tombstone"


# --- audit ------------------------------------------------------------------------------------


class AuditEvent(BaseModel):
    """Append-only, hash-chained record of every change (see :mod:`archive_desk.audit`)."""

    id = AutoField()
    at = DateTimeField()
    user_id = IntegerField(null=True)
    username = CharField(max_length=50, default="")
    action = CharField(max_length=50, index=True)
    entity = CharField(max_length=30, default="")
    entity_id = CharField(max_length=400, default="")  # 40 until 0012 (SQLite: no limit)
    before = TextField(default="")
    after = TextField(default="")
    prev_hash = CharField(max_length=64)
    hash = CharField(max_length=64, unique=True)
    # the ``audit.redact`` event that removed personal data from this one (0016)
    redacted_by = IntegerField(null=True)

    class Meta:
        indexes = ((("entity", "entity_id"), False),)  # a record's events (0016)


ALL_MODELS: list[type[BaseModel]] = [
    Setting,
    Sequence,
    Department,
    User,
    Person,
    Region,
    Category,
    Card,
    CardFormerName,
    ContactPerson,
    CardDocument,
    CardHistory,
    CardSearch,
    CardGram,
    CardHold,
    Signature,
    Approval,
    LoanRule,
    Borrowing,
    BorrowingItem,
    ReturnCheck,
    Renewal,
    CopyRecord,
    DayClose,
    MonthEndList,
    Handover,
    HandoverItem,
    Inspection,
    InspectionReview,
    InspectionFinding,
    InventoryItem,
    InventoryTray,
    DestructionProposal,
    DestructionItem,
    LegalHold,
    CardTombstone,
    AuditEvent,
]
