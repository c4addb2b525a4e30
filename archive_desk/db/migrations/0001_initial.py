"""Version 1 of the schema: the whole domain, as frozen copies of the models."""

# Generated from a schema diff on 2026-11-23 06:41.
from peewee import *

def up(migrator, db):
    class Department(Model):
        name = CharField(unique=True, max_length=100)
        code = CharField(max_length=20, default='')
        active = BooleanField(default=True)
        version = IntegerField(default=1)
        class Meta:
            database = db
            table_name = 'department'
    db.create_tables([Department])

    class User(Model):
        username = CharField(unique=True, max_length=50)
        full_name = CharField(max_length=50)
        role = CharField(max_length=20)
        department = ForeignKeyField(Department, null=True, on_delete='RESTRICT')
        clearance = IntegerField(default=1)
        phone = CharField(max_length=40, default='')
        password_hash = CharField()
        must_change_password = BooleanField(default=False)
        failed_logins = IntegerField(default=0)
        locked_until = DateTimeField(null=True)
        last_login_at = DateTimeField(null=True)
        active = BooleanField(default=True)
        created_at = DateTimeField()
        version = IntegerField(default=1)
        class Meta:
            database = db
            table_name = 'user'
    db.create_tables([User])

    class Signature(Model):
        entity = CharField(max_length=30)
        entity_id = IntegerField()
        role = CharField(max_length=30)
        signer_name = CharField(max_length=50)
        signer_user = ForeignKeyField(User, null=True, on_delete='RESTRICT')
        method = CharField(max_length=10)
        image = BlobField(null=True)
        digest = CharField(max_length=64)
        signed_at = DateTimeField()
        recorded_by = ForeignKeyField(User, null=True, on_delete='RESTRICT')
        class Meta:
            database = db
            table_name = 'signature'
            indexes = ((('entity', 'entity_id'), False),)
    db.create_tables([Signature])

    class Approval(Model):
        entity = CharField(max_length=30)
        entity_id = IntegerField()
        step = CharField(max_length=30)
        decision = CharField(max_length=20)
        approver = ForeignKeyField(User, null=True, on_delete='RESTRICT')
        approver_name = CharField(max_length=50)
        approver_role = CharField(max_length=20, default='')
        method = CharField(max_length=10)
        paper_ref = CharField(max_length=50, default='')
        signature = ForeignKeyField(Signature, null=True, on_delete='RESTRICT')
        comment = TextField(default='')
        at = DateTimeField()
        recorded_by = ForeignKeyField(User, null=True, on_delete='RESTRICT')
        class Meta:
            database = db
            table_name = 'approval'
            indexes = ((('entity', 'entity_id'), False),)
    db.create_tables([Approval])

    class AuditEvent(Model):
        at = DateTimeField()
        user_id = IntegerField(null=True)
        username = CharField(max_length=50, default='')
        action = CharField(index=True, max_length=50)
        entity = CharField(max_length=30, default='')
        entity_id = CharField(max_length=40, default='')
        before = TextField(default='')
        after = TextField(default='')
        prev_hash = CharField(max_length=64)
        hash = CharField(unique=True, max_length=64)
        class Meta:
            database = db
            table_name = 'audit_event'
    db.create_tables([AuditEvent])

    class Person(Model):
        name = CharField(index=True, max_length=50)
        department = ForeignKeyField(Department, null=True, on_delete='RESTRICT')
        title = CharField(max_length=50, default='')
        phone = CharField(max_length=40, default='')
        user = ForeignKeyField(User, unique=True, null=True, on_delete='RESTRICT')
        is_salesperson = BooleanField(default=False)
        active = BooleanField(default=True)
        note = TextField(default='')
        version = IntegerField(default=1)
        class Meta:
            database = db
            table_name = 'person'
    db.create_tables([Person])

    class Borrowing(Model):
        number = CharField(unique=True, max_length=30)
        borrower = ForeignKeyField(Person, on_delete='RESTRICT')
        borrower_name = CharField(max_length=50)
        borrower_department = CharField(max_length=100, default='')
        borrower_phone = CharField(max_length=40, default='')
        mode = CharField(max_length=10)
        purpose = TextField()
        applied_on = DateField(index=True)
        expected_return = DateField()
        required_role = CharField(max_length=20)
        state = CharField(index=True, max_length=20)
        refusal_reason = TextField(default='')
        lent_at = DateTimeField(index=True, null=True)
        closed_at = DateTimeField(null=True)
        created_at = DateTimeField()
        created_by = ForeignKeyField(User, on_delete='RESTRICT')
        note = TextField(default='')
        version = IntegerField(default=1)
        class Meta:
            database = db
            table_name = 'borrowing'
    db.create_tables([Borrowing])

    class Region(Model):
        parent = ForeignKeyField('self', null=True, on_delete='RESTRICT')
        code = CharField(max_length=20, default='')
        name = CharField(max_length=50)
        sort = IntegerField(default=0)
        retired = BooleanField(default=False)
        version = IntegerField(default=1)
        class Meta:
            database = db
            table_name = 'region'
            indexes = ((('parent', 'name'), True),)
    db.create_tables([Region])

    class Category(Model):
        code = CharField(unique=True, max_length=10)
        name = CharField(max_length=50)
        color = CharField(max_length=9, default='#808080')
        sort = IntegerField(default=0)
        retired = BooleanField(default=False)
        version = IntegerField(default=1)
        class Meta:
            database = db
            table_name = 'category'
    db.create_tables([Category])

    class Card(Model):
        archive_no = CharField(unique=True, max_length=40)
        name = CharField(max_length=200)
        name_norm = CharField(index=True, max_length=200)
        credit_code = CharField(index=True, max_length=18, default='')
        legal_rep = CharField(max_length=50, default='')
        nature = CharField(max_length=20, default='ordinary')
        industry = CharField(max_length=100, default='')
        registered_capital = CharField(max_length=50, default='')
        founded_on = DateField(null=True)
        business_scope = TextField(default='')
        staff_count = IntegerField(null=True)
        annual_sales = CharField(max_length=50, default='')
        address = CharField(max_length=300, default='')
        postcode = CharField(max_length=10, default='')
        phone = CharField(max_length=40, default='')
        fax = CharField(max_length=40, default='')
        email = CharField(max_length=100, default='')
        website = CharField(max_length=200, default='')
        region = ForeignKeyField(Region, on_delete='RESTRICT')
        category = ForeignKeyField(Category, on_delete='RESTRICT')
        grade = CharField(max_length=1, default='B')
        stage = CharField(max_length=20, default='new')
        trade_status = CharField(index=True, max_length=20, default='active')
        salesperson = ForeignKeyField(Person, null=True, on_delete='RESTRICT')
        secrecy = IntegerField(index=True, default=1)
        department = ForeignKeyField(Department, null=True, on_delete='RESTRICT')
        sales_results = TextField(default='')
        cooperation = TextField(default='')
        competitor_relations = TextField(default='')
        management_quality = TextField(default='')
        credit_status = TextField(default='')
        credit_rating = CharField(max_length=20, default='')
        trade_terms = TextField(default='')
        credit_problems = TextField(default='')
        open_issues = TextField(default='')
        strengths = TextField(default='')
        plans = TextField(default='')
        service_area = TextField(default='')
        sales_capability = TextField(default='')
        potential = TextField(default='')
        philosophy = TextField(default='')
        location_room = CharField(max_length=50, default='')
        location_cabinet = CharField(max_length=20, default='')
        location_shelf = CharField(max_length=20, default='')
        location_box = CharField(max_length=20, default='')
        retention = CharField(max_length=4, default='D30')
        retention_event = CharField(max_length=100, default='')
        retention_start = DateField(null=True)
        retention_due = DateField(index=True, null=True)
        keeper = ForeignKeyField(User, null=True, on_delete='RESTRICT')
        status = CharField(index=True, max_length=20, default='active')
        trade_ended_on = DateField(null=True)
        destroyed_on = DateField(null=True)
        last_reviewed_on = DateField(null=True)
        note = TextField(default='')
        created_at = DateTimeField(index=True)
        created_by = ForeignKeyField(User, null=True, on_delete='RESTRICT')
        updated_at = DateTimeField()
        version = IntegerField(default=1)
        class Meta:
            database = db
            table_name = 'card'
    db.create_tables([Card])

    class BorrowingItem(Model):
        borrowing = ForeignKeyField(Borrowing, on_delete='CASCADE')
        card = ForeignKeyField(Card, on_delete='RESTRICT')
        state = CharField(index=True, max_length=20)
        due_date = DateField(index=True, null=True)
        lent_at = DateTimeField(null=True)
        returned_at = DateTimeField(null=True)
        condition = CharField(null=True, max_length=20)
        return_note = TextField(default='')
        day_close_reason = TextField(default='')
        renewals = IntegerField(default=0)
        version = IntegerField(default=1)
        class Meta:
            database = db
            table_name = 'borrowing_item'
    db.create_tables([BorrowingItem])

    class CardDocument(Model):
        card = ForeignKeyField(Card, on_delete='CASCADE')
        seq = IntegerField()
        title = CharField(max_length=200)
        doc_type = CharField(max_length=50, default='')
        is_original = BooleanField(default=True)
        pages = IntegerField(default=1)
        doc_date = DateField(null=True)
        note = CharField(max_length=200, default='')
        removed = BooleanField(default=False)
        class Meta:
            database = db
            table_name = 'card_document'
    db.create_tables([CardDocument])

    class CardFormerName(Model):
        card = ForeignKeyField(Card, on_delete='CASCADE')
        name = CharField(max_length=200)
        name_norm = CharField(index=True, max_length=200)
        until = DateField(null=True)
        note = CharField(max_length=200, default='')
        class Meta:
            database = db
            table_name = 'card_former_name'
    db.create_tables([CardFormerName])

    class CardHistory(Model):
        card = ForeignKeyField(Card, on_delete='CASCADE')
        at = DateTimeField()
        user = ForeignKeyField(User, null=True, on_delete='RESTRICT')
        action = CharField(max_length=30, default='edit')
        reported_by = CharField(max_length=50, default='')
        reason = CharField(max_length=300, default='')
        field = CharField(max_length=50, default='')
        old_value = TextField(default='')
        new_value = TextField(default='')
        class Meta:
            database = db
            table_name = 'card_history'
    db.create_tables([CardHistory])

    class CardSearch(Model):
        card = ForeignKeyField(Card, primary_key=True, on_delete='CASCADE')
        text = TextField(default='')
        initials = TextField(default='')
        full = TextField(default='')
        class Meta:
            database = db
            table_name = 'card_search'
    db.create_tables([CardSearch])

    class ContactPerson(Model):
        card = ForeignKeyField(Card, on_delete='CASCADE')
        seq = IntegerField(default=0)
        name = CharField(max_length=50)
        title = CharField(max_length=50, default='')
        mobile = CharField(max_length=40, default='')
        phone = CharField(max_length=40, default='')
        email = CharField(max_length=100, default='')
        id_number = CharField(max_length=18, default='')
        note = CharField(max_length=200, default='')
        class Meta:
            database = db
            table_name = 'contact_person'
    db.create_tables([ContactPerson])

    class CopyRecord(Model):
        number = CharField(unique=True, max_length=30)
        card = ForeignKeyField(Card, on_delete='RESTRICT')
        item = ForeignKeyField(BorrowingItem, null=True, on_delete='RESTRICT')
        pages = CharField(max_length=100)
        page_count = IntegerField()
        copies = IntegerField(default=1)
        purpose = TextField(default='')
        approver = ForeignKeyField(User, null=True, on_delete='RESTRICT')
        approver_name = CharField(max_length=50, default='')
        holder_name = CharField(max_length=50, default='')
        location = CharField(max_length=200, default='')
        taken_out = BooleanField(default=False)
        made_at = DateTimeField(index=True)
        due_date = DateField(null=True)
        returned_at = DateTimeField(null=True)
        struck_off_at = DateTimeField(null=True)
        struck_off_by = ForeignKeyField(User, null=True, on_delete='RESTRICT')
        version = IntegerField(default=1)
        class Meta:
            database = db
            table_name = 'copy_record'
    db.create_tables([CopyRecord])

    class DayClose(Model):
        day = DateField(unique=True)
        closed_at = DateTimeField()
        closed_by = ForeignKeyField(User, on_delete='RESTRICT')
        note = TextField(default='')
        class Meta:
            database = db
            table_name = 'day_close'
    db.create_tables([DayClose])

    class DestructionProposal(Model):
        number = CharField(unique=True, max_length=30)
        reason = TextField()
        state = CharField(index=True, max_length=20)
        proposer = ForeignKeyField(User, on_delete='RESTRICT')
        created_at = DateTimeField()
        reviewer = ForeignKeyField(User, null=True, on_delete='RESTRICT')
        reviewed_at = DateTimeField(null=True)
        review_opinion = TextField(default='')
        approver = ForeignKeyField(User, null=True, on_delete='RESTRICT')
        approved_at = DateTimeField(null=True)
        approval_opinion = TextField(default='')
        witness1 = CharField(max_length=50, default='')
        witness2 = CharField(max_length=50, default='')
        executed_on = DateField(null=True)
        place = CharField(max_length=100, default='')
        method = CharField(max_length=50, default='')
        feedback = TextField(default='')
        reported_at = DateTimeField(null=True)
        version = IntegerField(default=1)
        class Meta:
            database = db
            table_name = 'destruction_proposal'
    db.create_tables([DestructionProposal])

    class DestructionItem(Model):
        proposal = ForeignKeyField(DestructionProposal, on_delete='CASCADE')
        seq = IntegerField()
        card = ForeignKeyField(Card, on_delete='RESTRICT')
        archive_no = CharField(max_length=40)
        customer_name = CharField(max_length=200)
        year = IntegerField(null=True)
        retention = CharField(max_length=4)
        kept_years = IntegerField(default=0)
        pages = IntegerField(default=0)
        reason = CharField(max_length=300, default='')
        class Meta:
            database = db
            table_name = 'destruction_item'
    db.create_tables([DestructionItem])

    class Handover(Model):
        number = CharField(unique=True, max_length=30)
        kind = CharField(max_length=20)
        reason = TextField(default='')
        from_user = ForeignKeyField(User, null=True, on_delete='RESTRICT')
        from_name = CharField(max_length=50)
        from_department = ForeignKeyField(Department, null=True, on_delete='RESTRICT')
        to_user = ForeignKeyField(User, null=True, on_delete='RESTRICT')
        to_name = CharField(max_length=50)
        to_department = ForeignKeyField(Department, null=True, on_delete='RESTRICT')
        witness_user = ForeignKeyField(User, null=True, on_delete='RESTRICT')
        witness_name = CharField(max_length=50, default='')
        handover_date = DateField()
        state = CharField(index=True, max_length=20)
        received_at = DateTimeField(null=True)
        created_at = DateTimeField()
        created_by = ForeignKeyField(User, on_delete='RESTRICT')
        note = TextField(default='')
        version = IntegerField(default=1)
        class Meta:
            database = db
            table_name = 'handover'
    db.create_tables([Handover])

    class HandoverItem(Model):
        handover = ForeignKeyField(Handover, on_delete='CASCADE')
        seq = IntegerField()
        card = ForeignKeyField(Card, null=True, on_delete='RESTRICT')
        name = CharField(max_length=200)
        carrier = CharField(max_length=20, default='纸质')
        quantity = IntegerField(default=1)
        unit = CharField(max_length=4, default='卷')
        ref_no = CharField(max_length=50, default='')
        note = CharField(max_length=300, default='')
        checked = BooleanField(default=False)
        difference = CharField(null=True, max_length=20)
        resolution = CharField(null=True, max_length=20)
        resolution_note = CharField(max_length=300, default='')
        class Meta:
            database = db
            table_name = 'handover_item'
    db.create_tables([HandoverItem])

    class Inspection(Model):
        number = CharField(unique=True, max_length=30)
        kind = CharField(max_length=20, default='periodic')
        period = CharField(max_length=20)
        inspector = ForeignKeyField(User, on_delete='RESTRICT')
        started_at = DateTimeField()
        finished_at = DateTimeField(null=True)
        state = CharField(max_length=20, default='open')
        note = TextField(default='')
        version = IntegerField(default=1)
        class Meta:
            database = db
            table_name = 'inspection'
    db.create_tables([Inspection])

    class InspectionFinding(Model):
        inspection = ForeignKeyField(Inspection, null=True, on_delete='CASCADE')
        card = ForeignKeyField(Card, on_delete='RESTRICT')
        kind = CharField(max_length=20)
        description = TextField()
        proposal = TextField(default='')
        source = CharField(max_length=20, default='inspection')
        source_item = ForeignKeyField(BorrowingItem, null=True, on_delete='RESTRICT')
        state = CharField(index=True, max_length=20, default='open')
        approved_by = ForeignKeyField(User, null=True, on_delete='RESTRICT')
        approved_at = DateTimeField(null=True)
        resolved_by = ForeignKeyField(User, null=True, on_delete='RESTRICT')
        resolved_at = DateTimeField(null=True)
        resolution = TextField(default='')
        created_at = DateTimeField()
        created_by = ForeignKeyField(User, on_delete='RESTRICT')
        version = IntegerField(default=1)
        class Meta:
            database = db
            table_name = 'inspection_finding'
    db.create_tables([InspectionFinding])

    class LoanRule(Model):
        priority = IntegerField(default=100)
        min_secrecy = IntegerField(null=True)
        grade = CharField(null=True, max_length=1)
        mode = CharField(null=True, max_length=10)
        approver_role = CharField(max_length=20)
        max_days = IntegerField(default=0)
        working_days = BooleanField(default=False)
        allowed = BooleanField(default=True)
        note = CharField(max_length=200, default='')
        version = IntegerField(default=1)
        class Meta:
            database = db
            table_name = 'loan_rule'
    db.create_tables([LoanRule])

    class MonthEndList(Model):
        month = CharField(unique=True, max_length=7)
        produced_at = DateTimeField()
        produced_by = ForeignKeyField(User, on_delete='RESTRICT')
        originals_out = IntegerField(default=0)
        copies_out = IntegerField(default=0)
        class Meta:
            database = db
            table_name = 'month_end_list'
    db.create_tables([MonthEndList])

    class Renewal(Model):
        item = ForeignKeyField(BorrowingItem, on_delete='CASCADE')
        at = DateTimeField()
        by = ForeignKeyField(User, on_delete='RESTRICT')
        reason = TextField()
        old_due = DateField()
        new_due = DateField()
        class Meta:
            database = db
            table_name = 'renewal'
    db.create_tables([Renewal])

    class ReturnCheck(Model):
        item = ForeignKeyField(BorrowingItem, on_delete='CASCADE')
        document = ForeignKeyField(CardDocument, null=True, on_delete='RESTRICT')
        present = BooleanField(default=True)
        pages_expected = IntegerField(default=0)
        pages_found = IntegerField(default=0)
        damaged = BooleanField(default=False)
        note = CharField(max_length=300, default='')
        class Meta:
            database = db
            table_name = 'return_check'
    db.create_tables([ReturnCheck])

    class Sequence(Model):
        name = CharField(primary_key=True, max_length=100)
        value = IntegerField(default=0)
        class Meta:
            database = db
            table_name = 'sequence'
    db.create_tables([Sequence])

    class Setting(Model):
        key = CharField(primary_key=True, max_length=100)
        value = TextField()
        class Meta:
            database = db
            table_name = 'setting'
    db.create_tables([Setting])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('setting'))
    migrator.migrate(migrator.drop_table('sequence'))
    migrator.migrate(migrator.drop_table('return_check'))
    migrator.migrate(migrator.drop_table('renewal'))
    migrator.migrate(migrator.drop_table('month_end_list'))
    migrator.migrate(migrator.drop_table('loan_rule'))
    migrator.migrate(migrator.drop_table('inspection_finding'))
    migrator.migrate(migrator.drop_table('inspection'))
    migrator.migrate(migrator.drop_table('handover_item'))
    migrator.migrate(migrator.drop_table('handover'))
    migrator.migrate(migrator.drop_table('destruction_item'))
    migrator.migrate(migrator.drop_table('destruction_proposal'))
    migrator.migrate(migrator.drop_table('day_close'))
    migrator.migrate(migrator.drop_table('copy_record'))
    migrator.migrate(migrator.drop_table('contact_person'))
    migrator.migrate(migrator.drop_table('card_search'))
    migrator.migrate(migrator.drop_table('card_history'))
    migrator.migrate(migrator.drop_table('card_former_name'))
    migrator.migrate(migrator.drop_table('card_document'))
    migrator.migrate(migrator.drop_table('borrowing_item'))
    migrator.migrate(migrator.drop_table('card'))
    migrator.migrate(migrator.drop_table('category'))
    migrator.migrate(migrator.drop_table('region'))
    migrator.migrate(migrator.drop_table('borrowing'))
    migrator.migrate(migrator.drop_table('person'))
    migrator.migrate(migrator.drop_table('audit_event'))
    migrator.migrate(migrator.drop_table('approval'))
    migrator.migrate(migrator.drop_table('signature'))
    migrator.migrate(migrator.drop_table('user'))
    migrator.migrate(migrator.drop_table('department'))
