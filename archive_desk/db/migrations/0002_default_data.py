"""Default classification and borrowing rules for a new archive (frozen data, not code).

Regions: the seven large regions with their provinces; categories: 工业/商业/政府/个人/合作伙伴;
loan rules as DOMAIN.md gives them. Inserted only into empty tables, so an archive that already
has its own classification keeps it.
"""

from peewee import Table

REGIONS = {
    ("HB", "华北"): ["北京", "天津", "河北", "山西", "内蒙古"],
    ("HD", "华东"): ["上海", "江苏", "浙江", "安徽", "福建", "江西", "山东"],
    ("HN", "华南"): ["广东", "广西", "海南", "香港", "澳门"],
    ("HZ", "华中"): ["河南", "湖北", "湖南"],
    ("XN", "西南"): ["重庆", "四川", "贵州", "云南", "西藏"],
    ("XB", "西北"): ["陕西", "甘肃", "青海", "宁夏", "新疆"],
    ("DB", "东北"): ["辽宁", "吉林", "黑龙江"],
}

CATEGORIES = [
    ("GY", "工业客户", "#1f77b4"),
    ("SY", "商业客户", "#2ca02c"),
    ("ZF", "政府机构", "#d62728"),
    ("GR", "个人客户", "#ff7f0e"),
    ("HZ", "合作伙伴", "#9467bd"),
]

# priority, min_secrecy, grade, mode, approver_role, max_days, working_days, allowed, note
LOAN_RULES = [
    (10, 3, None, "copy", "manager", 0, False, True, "机密档案影印须经主管批准，当日归还"),
    (20, 3, None, None, "manager", 5, True, True, "机密档案最长5个工作日"),
    (30, 2, None, None, "manager", 14, False, True, "秘密档案由主管审批"),
    (40, None, "A", None, "manager", 14, False, True, "A类主力客户由主管审批"),
    (100, None, None, None, "dept_head", 14, False, True, "公开、内部档案由借阅人部门负责人审批"),
]


def up(migrator, db):
    # peewee Table objects keep this portable (placeholders, RETURNING on PostgreSQL). The
    # primary key must be named: without it an insert returns no id on PostgreSQL (no
    # RETURNING) and every province was written without its parent (SQLite: the same rows).
    region = Table(
        "region", ("id", "parent_id", "code", "name", "sort", "retired", "version"), primary_key="id"
    )
    category = Table("category", ("id", "code", "name", "color", "sort", "retired", "version"))
    rule = Table(
        "loan_rule",
        ("id", "priority", "min_secrecy", "grade", "mode", "approver_role", "max_days",
         "working_days", "allowed", "note", "version"),
    )
    region, category, rule = region.bind(db), category.bind(db), rule.bind(db)
    if not region.select().exists():
        for sort, ((code, name), provinces) in enumerate(REGIONS.items()):
            parent = region.insert(
                parent_id=None, code=code, name=name, sort=sort, retired=False, version=1
            ).execute()
            for i, province in enumerate(provinces):
                region.insert(
                    parent_id=parent, code="", name=province, sort=i, retired=False, version=1
                ).execute()
    if not category.select().exists():
        for sort, (code, name, color) in enumerate(CATEGORIES):
            category.insert(
                code=code, name=name, color=color, sort=sort, retired=False, version=1
            ).execute()
    if not rule.select().exists():
        keys = ("priority", "min_secrecy", "grade", "mode", "approver_role", "max_days",
                "working_days", "allowed", "note")
        for values in LOAN_RULES:
            rule.insert(version=1, **dict(zip(keys, values))).execute()
