"""A realistic archive of any size, reproducible from a seed and built in bulk.

``python -m bench.generate --cards 100000 --loans 1000000 --out FILE`` (the defaults) writes a
database the program opens as its own: users of every role, departments, salespeople and
borrowers; cards with contents lists, contact people, former names and history, spread over twenty
years, Chinese company names and addresses with a realistic spread of provinces and categories,
some of them 秘密 or 机密; loans over the same twenty years (growing with the archive) in every
state, with approvals, both signatures at lending and return, return checks, renewals, photocopy
records, day closes and month-end lists. One month (the last full one before "now") holds
``report_loans`` applications (10,000 by default) for the monthly workbook.

The rows are written as the services would write them (same columns, numbers from the same
sequences, signature digests that verify, the search index built by the program's own
:func:`archive_desk.cards.reindex_all`), but with ``executemany`` in big transactions and with
journalling off for the build: the service path costs ~5 ms a card and ~10 ms a loan.

What is deliberately simpler than twenty years of real use, and why:
- The program was "adopted" two years before ``NOW``. Loans before that are the paper register
  typed in: approvals and signatures on paper (no images), no per-document return checks. Loans
  since then have pad signatures (images from a pool of scribbles) and return checks.
- The audit trail holds one ``bench.import`` event per imported table instead of one event per
  historical action (a valid chain either way; nothing measured reads old events).
- Password hashes use cheap argon2 parameters (the login dialog is not measured).

:func:`cached_database` keeps built files in ``<temp>/archive-desk-bench/`` keyed by size, seed,
generator version and schema, so repeated runs do not rebuild them.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archive_desk import accounts, audit, cards, demo, numbering, validation
from archive_desk.cards import _search as search  # the bulk build fills the index itself
from archive_desk.clock import FixedClock
from archive_desk.db.connection import close_database, open_database, transaction
from archive_desk.db.models import (
    Approval,
    BaseModel,
    Borrowing,
    BorrowingItem,
    Card,
    CardDocument,
    CardFormerName,
    CardHistory,
    Category,
    ContactPerson,
    CopyRecord,
    DayClose,
    InspectionFinding,
    MonthEndList,
    Person,
    Region,
    Renewal,
    ReturnCheck,
    Signature,
    User,
)
from archive_desk.db.models import Sequence as SequenceRow
from archive_desk.db.schema import MIGRATION_TABLE, known_migrations
from archive_desk.domain import Role
from archive_desk.procedures import signatures

GENERATOR_VERSION = 1
NOW = dt.datetime(2026, 3, 2, 9, 0)  # the benchmark's "now" (a Monday morning)
YEARS = 20
ADOPTED = dt.datetime(2024, 3, 1)  # the program replaced the paper register here
PASSWORD = "bench-pass-1"
CLERK = "lihua"

# --- vocabulary ------------------------------------------------------------------------------

# province: (weight, cities) — weights roughly follow where a national company's customers are
PROVINCES: dict[str, tuple[float, list[str]]] = {
    "广东": (12, ["广州", "深圳", "东莞", "佛山", "珠海", "中山", "惠州", "汕头"]),
    "江苏": (11, ["南京", "苏州", "无锡", "常州", "南通", "徐州", "扬州"]),
    "浙江": (9, ["杭州", "宁波", "温州", "嘉兴", "绍兴", "金华", "台州"]),
    "山东": (8, ["济南", "青岛", "烟台", "潍坊", "临沂", "淄博", "单县"]),
    "上海": (7, ["浦东", "闵行", "嘉定", "松江", "宝山", "青浦"]),
    "北京": (6, ["海淀", "朝阳", "丰台", "通州", "大兴", "昌平"]),
    "河南": (5, ["郑州", "洛阳", "新乡", "南阳"]),
    "四川": (5, ["成都", "绵阳", "德阳", "宜宾"]),
    "湖北": (4.5, ["武汉", "宜昌", "襄阳", "荆州"]),
    "福建": (4.5, ["福州", "厦门", "泉州", "漳州"]),
    "湖南": (4, ["长沙", "株洲", "湘潭", "岳阳"]),
    "安徽": (3.5, ["合肥", "芜湖", "蚌埠"]),
    "河北": (3.5, ["石家庄", "唐山", "保定", "廊坊"]),
    "陕西": (2.5, ["西安", "宝鸡", "咸阳"]),
    "重庆": (2.5, ["渝北", "江北", "长寿", "万州"]),
    "辽宁": (2.5, ["沈阳", "大连", "鞍山"]),
    "天津": (2, ["滨海", "南开", "西青"]),
    "江西": (2, ["南昌", "赣州", "九江"]),
    "广西": (2, ["南宁", "柳州", "桂林"]),
    "云南": (2, ["昆明", "曲靖", "大理"]),
    "山西": (1.5, ["太原", "大同"]),
    "贵州": (1.5, ["贵阳", "遵义"]),
    "黑龙江": (1.2, ["哈尔滨", "大庆"]),
    "内蒙古": (1, ["呼和浩特", "包头"]),
    "吉林": (1, ["长春", "吉林"]),
    "新疆": (1, ["乌鲁木齐", "克拉玛依"]),
    "甘肃": (0.8, ["兰州", "天水"]),
    "海南": (0.5, ["海口", "三亚"]),
    "香港": (0.3, ["九龙", "荃湾"]),
    "宁夏": (0.3, ["银川"]),
    "青海": (0.2, ["西宁"]),
    "澳门": (0.1, ["氹仔"]),
    "西藏": (0.1, ["拉萨"]),
}
BRANDS = [
    *demo.WORDS,
    "长安",
    "联创",
    "九州",
    "同心",
    "德润",
    "泰和",
    "广源",
    "鸿运",
    "安泰",
    "国泰",
    "华夏",
    "中联",
    "正大",
    "万达",
    "宏图",
    "金鹏",
    "明珠",
    "新华",
    "建业",
    "荣盛",
    "嘉禾",
    "富通",
    "恒瑞",
    "三友",
    "华光",
    "大地",
    "远洋",
    "祥和",
    "星辉",
    "润泽",
    "金源",
    "天宇",
    "凯达",
    "振华",
    "通达",
    "东升",
    "海天",
    "福瑞",
    "锦程",
    "开元",
    "宝信",
    "昌盛",
    "弘毅",
    "信达",
    "伟业",
    "和信",
    "精工",
    "中兴",
    "华强",
    "汇通",
    "宇通",
    "蓝天",
    "绿洲",
    "红星",
    "新月",
    "百川",
    "千禧",
    "万通",
]  # the demo's and more
TRADES = [  # (name part, industry, weight)
    ("科技", "信息技术", 10),
    ("电子科技", "信息技术", 6),
    ("软件", "信息技术", 4),
    ("机械制造", "制造业", 8),
    ("汽车配件", "制造业", 4),
    ("电气", "制造业", 4),
    ("新材料", "制造业", 3),
    ("建材", "建筑业", 5),
    ("建筑工程", "建筑业", 4),
    ("物流", "交通运输", 6),
    ("商贸", "批发零售", 10),
    ("食品", "食品加工", 5),
    ("医药", "医药", 4),
    ("化工", "化工", 4),
    ("纺织", "纺织服装", 3),
    ("印刷包装", "制造业", 2),
    ("家具", "制造业", 2),
    ("环保工程", "环保", 2),
    ("农业发展", "农业", 2),
    ("新能源", "能源", 3),
]
FORMS = [("有限公司", 70), ("有限责任公司", 15), ("股份有限公司", 10), ("集团有限公司", 5)]
BUREAUS = ["市场监督管理局", "交通运输局", "教育局", "卫生健康委员会", "住房和城乡建设局", "水务局"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力鹏飞宇浩然欣怡佳琪子涵梓轩晨博文凯俊杰志强海燕雪梅晓东国庆建华"
ROADS = [
    "人民路",
    "解放路",
    "中山路",
    "建设路",
    "和平路",
    "新华路",
    "长江路",
    "黄河路",
    "科技路",
    "工业大道",
    "滨江路",
    "文化路",
    "青年路",
    "胜利路",
    "朝阳路",
]
DEPARTMENTS = [
    "销售一部",
    "销售二部",
    "销售三部",
    "销售四部",
    "大客户部",
    "市场部",
    "客服部",
    "财务部",
    "法务部",
    "总经办",
]
LENDING_DEPTS = [*DEPARTMENTS[:7], "财务部", "法务部"]
PURPOSES = [
    *demo.PURPOSES,
    "合同续签核对",
    "客户资信复核",
    "投标资料准备",
    "诉讼材料准备",
    "年度对账",
]
DOC_TYPES = [*demo.DOC_TYPES, ("税务登记证复印件", "税务登记证"), ("更名通知", "更名通知")]


def _weighted(
    rnd: random.Random, items: Sequence[Any], weights: Sequence[float]
) -> Callable[[], Any]:
    """A fast chooser: ``rnd.choices`` with precomputed cumulative weights."""
    cum = list(itertools.accumulate(weights))
    total = cum[-1]

    def pick() -> Any:
        return items[bisect.bisect(cum, rnd.random() * total)]

    return pick


def _person_name(rnd: random.Random) -> str:
    return rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.choice((1, 2, 2))))


def _mobile(rnd: random.Random) -> str:
    return f"1{rnd.choice('3456789')}{rnd.randint(0, 999_999_999):09d}"


def _ts(value: dt.datetime | None) -> str | None:
    """A datetime as peewee stores it in SQLite."""
    return None if value is None else value.replace(microsecond=0).isoformat(sep=" ")


def _day(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


# --- writing ---------------------------------------------------------------------------------


def _insert(
    conn: sqlite3.Connection,
    model: type[BaseModel],
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
) -> int:
    """``executemany`` INSERT of ``rows`` (tuples in ``columns`` order, field names)."""
    fields = model._meta.fields  # type: ignore[attr-defined]
    names = ", ".join(f'"{fields[c].column_name}"' for c in columns)
    marks = ", ".join("?" * len(columns))
    cursor = conn.executemany(
        f'INSERT INTO "{model._meta.table_name}" ({names}) VALUES ({marks})',  # type: ignore[attr-defined]
        rows,
    )
    return cursor.rowcount


@dataclass
class Stats:
    cards: int = 0
    loans: int = 0
    items: int = 0
    signatures: int = 0
    seconds: float = 0.0


@dataclass(frozen=True)
class Built:
    """What a benchmark needs to know about a generated database."""

    path: Path
    cards: int
    loans: int
    seed: int
    report_month: str
    now: dt.datetime
    clerk: str
    size_bytes: int
    build_seconds: float


class _Gen:
    def __init__(self, cards_count: int, loans: int, seed: int, report_loans: int) -> None:
        self.n_cards = cards_count
        self.n_loans = loans
        self.report_loans = min(report_loans, loans // 2)
        self.rnd = random.Random(seed)
        self.seed = seed
        self.stats = Stats()

    # -- people -------------------------------------------------------------------------------
    def people(self) -> None:
        clock = FixedClock(NOW - dt.timedelta(days=YEARS * 366))
        admin = accounts.create_first_admin("admin", "系统管理员", PASSWORD, clock=clock)
        self.admin = admin
        self.dept = {name: accounts.create_department(admin, name).id for name in DEPARTMENTS}
        users = [
            (CLERK, "李华", Role.CLERK, "客服部"),
            ("zhaomin", "赵敏", Role.CLERK, "客服部"),
            ("chenjing", "陈静", Role.MANAGER, "客服部"),
            ("zhouqiang", "周强", Role.GENERAL_MANAGER, "总经办"),
            ("sunli", "孙丽", Role.OFFICE_HEAD, "总经办"),
        ]
        heads = ["王刚", "刘洋", "张敏", "吴涛", "郑凯", "钱芳", "冯磊", "何静", "孔明"]
        for n, dept in enumerate(LENDING_DEPTS):
            users.append((f"head{n + 1}", heads[n % len(heads)], Role.DEPT_HEAD, dept))
        self.users: dict[str, User] = {}
        for username, full_name, role, dept in users:
            accounts.create_user(
                admin, username=username, full_name=full_name, role=role, password=PASSWORD,
                department_id=self.dept[dept], phone=_mobile(self.rnd), must_change_password=False,
            )  # fmt: skip
            self.users[username] = User.get(User.username == username)
        self.clerk = self.users[CLERK]
        self.manager = self.users["chenjing"]
        self.head_of = {u.department_id: u for u in self.users.values() if u.role == Role.DEPT_HEAD}
        rnd = self.rnd
        with transaction():
            self.sales = [
                Person.create(
                    name=_person_name(rnd), department=self.dept[rnd.choice(DEPARTMENTS[:5])],
                    phone=_mobile(rnd), is_salesperson=True, title="业务员",
                ).id
                for _ in range(max(12, min(120, self.n_cards // 800)))
            ]  # fmt: skip
            self.borrowers: list[tuple[int, str, int, str, str]] = []
            for _ in range(max(30, min(400, self.n_loans // 2500))):
                dept = rnd.choice(LENDING_DEPTS)
                person = Person.create(
                    name=_person_name(rnd), department=self.dept[dept], phone=_mobile(rnd)
                )
                self.borrowers.append((person.id, person.name, self.dept[dept], dept, person.phone))

    # -- cards --------------------------------------------------------------------------------
    def cards(self, conn: sqlite3.Connection) -> None:
        rnd = self.rnd
        regions = {r.name: r.id for r in Region.select() if r.parent_id is not None}
        categories = {c.code: c.id for c in Category.select()}
        province = _weighted(rnd, list(PROVINCES), [w for w, _ in PROVINCES.values()])
        trade = _weighted(rnd, TRADES, [t[2] for t in TRADES])
        form = _weighted(rnd, [f for f, _ in FORMS], [w for _, w in FORMS])
        category = _weighted(rnd, ["GY", "SY", "ZF", "GR", "HZ"], [35, 40, 5, 10, 10])
        secrecy = _weighted(rnd, [0, 1, 2, 3], [20, 66, 10, 4])
        grade = _weighted(rnd, "ABC", [15, 55, 30])
        start = NOW - dt.timedelta(days=YEARS * 365)
        span = (NOW - start).total_seconds()
        # more cards are filed each year as the company grows: density rises linearly 1 → 3
        created = sorted(
            start + dt.timedelta(seconds=span * ((1 + 8 * rnd.random()) ** 0.5 - 1) / 2)
            for _ in range(self.n_cards)
        )
        pattern = "{category}{year}{seq:3}"
        seq: dict[str, int] = {}
        card_rows, docs, contacts, former, hist = [], [], [], [], []
        self.card_secrecy: list[int] = [0]  # index = card id
        self.card_grade: list[str] = [""]
        self.card_docs: list[list[tuple[int, int, str]]] = [[]]
        self.card_name: list[str] = [""]
        self.card_no: list[str] = [""]
        doc_id = 0
        clerk = self.clerk.id
        for cid, at in enumerate(created, start=1):
            at = at.replace(hour=8 + at.hour % 9, microsecond=0)
            prov = province()
            city = rnd.choice(PROVINCES[prov][1])
            code = category()
            t_name, industry, _w = trade()
            nature = "ordinary"
            if code == "ZF":
                name, nature, industry = f"{city}{rnd.choice(BUREAUS)}", "government", "公共管理"
                if rnd.random() < 0.5:
                    name = f"{city}市{rnd.choice(BUREAUS)}"
            elif code == "GR":
                name, nature = f"{city}{_person_name(rnd)}{t_name}经营部", "individual"
            else:
                name = f"{city}{rnd.choice(BRANDS)}{t_name}{form()}"
                if code == "HZ":
                    nature = "partner"
            key, template = numbering.render_archive_no(
                pattern, category=code, region="", year=at.year
            )
            seq[key] = seq.get(key, 0) + 1
            archive_no = template.replace("\0", f"{seq[key]:03d}")
            trade_status = rnd.choices(["active", "suspended", "past"], [82, 8, 10])[0]
            ended = None
            if trade_status != "active":
                ended = (at + dt.timedelta(days=rnd.randint(200, 3000))).date()
                ended = min(ended, NOW.date())
            retention = rnd.choices(["D10", "D30", "Y"], [40, 50, 10])[0]
            due = cards.retention_due(retention, ended)
            sec = secrecy()
            g = grade()
            credit = (
                demo.credit_code_with_check(
                    f"91{rnd.randint(110000, 650000)}MA{rnd.randint(0, 9_999_999):07d}"
                )
                if code != "GR"
                else ""
            )
            road = rnd.choice(ROADS)
            card_rows.append((
                cid, archive_no, name, validation.normalize_name(name), credit, _person_name(rnd), nature,
                industry, f"{rnd.choice([50, 100, 200, 500, 1000, 5000])}万元",
                _day(dt.date(rnd.randint(1985, max(1986, at.year)), rnd.randint(1, 12), rnd.randint(1, 28))),
                f"{industry}相关产品的研发、生产与销售；技术咨询与售后服务。", rnd.randint(5, 5000),
                f"{rnd.randint(1, 90) * 100}万元", f"{prov}{city}{road}{rnd.randint(1, 999)}号",
                f"{rnd.randint(100000, 850000)}", f"0{rnd.randint(10, 999)}-{rnd.randint(2000_0000, 8999_9999)}",
                "", f"info{cid}@example.cn", "", regions[prov], categories[code], g,
                rnd.choice(["potential", "new", "old"]), trade_status, rnd.choice(self.sales), sec,
                self.dept[rnd.choice(DEPARTMENTS[:5])], f"上年度采购额约 {rnd.randint(10, 900)} 万元。",
                rnd.choice(["配合积极", "一般", "需重点维护"]), rnd.choice(["", "与同类供应商均有往来"]),
                rnd.choice(["规范", "一般", "较好"]), rnd.choice(["良好", "一般", "需关注"]),
                rnd.choice(["AAA", "AA", "A", "B"]), rnd.choice(["月结30天", "款到发货", "季度结算"]),
                "", "", "", "", "", "", "", "", "一号库房" if cid % 3 else "二号库房",
                f"{rnd.randint(1, 40):02d}", str(rnd.randint(1, 6)), f"{rnd.randint(1, 60):03d}",
                retention, "trade_end", _day(ended), _day(due), clerk, "active", _day(ended), None,
                None, "", _ts(at), clerk, _ts(at), 1,
            ))  # fmt: skip
            self.card_secrecy.append(sec)
            self.card_grade.append(g)
            self.card_name.append(name)
            self.card_no.append(archive_no)
            mine = []
            for seq_no, (title, doc_type) in enumerate(rnd.sample(DOC_TYPES, rnd.randint(2, 6)), 1):
                doc_id += 1
                pages = rnd.randint(1, 30)
                docs.append((doc_id, cid, seq_no, title, doc_type, doc_type == "合同", pages,
                             _day((at - dt.timedelta(days=rnd.randint(0, 60))).date()), "", False))  # fmt: skip
                mine.append((doc_id, pages, title))
            self.card_docs.append(mine)
            for seq_no in range(1, rnd.randint(1, 3) + 1):
                contacts.append((cid, seq_no, _person_name(rnd), rnd.choice(["采购经理", "财务", "总经理", "法务"]),
                                 _mobile(rnd), "", "", "", ""))  # fmt: skip
            hist.append(
                (
                    cid,
                    _ts(at),
                    clerk,
                    "create",
                    _person_name(rnd),
                    "建档",
                    "档案编号",
                    "",
                    archive_no,
                )
            )
            if rnd.random() < 0.05:  # renamed once: the old name is kept and searchable
                old = f"{city}{rnd.choice(BRANDS)}{t_name}{form()}"
                until = at + dt.timedelta(days=rnd.randint(30, 2000))
                if until < NOW:
                    former.append(
                        (cid, old, validation.normalize_name(old), _day(until.date()), "更名")
                    )
                    hist.append(
                        (cid, _ts(until), clerk, "rename", "", "更名", "客户名称", old, name)
                    )
            for _ in range(rnd.choice((0, 0, 1, 1, 2, 3))):
                when = at + dt.timedelta(days=rnd.randint(1, 3000))
                if when < NOW:
                    hist.append((cid, _ts(when), clerk, "edit", _person_name(rnd), "客户告知",
                                 "电话", f"0{rnd.randint(10, 999)}-{rnd.randint(2000_0000, 8999_9999)}", "（已更新）"))  # fmt: skip
        columns = [
            "id", "archive_no", "name", "name_norm", "credit_code", "legal_rep", "nature", "industry",
            "registered_capital", "founded_on", "business_scope", "staff_count", "annual_sales", "address",
            "postcode", "phone", "fax", "email", "website", "region", "category", "grade", "stage",
            "trade_status", "salesperson", "secrecy", "department", "sales_results", "cooperation",
            "competitor_relations", "management_quality", "credit_status", "credit_rating", "trade_terms",
            "credit_problems", "open_issues", "strengths", "plans", "service_area", "sales_capability",
            "potential", "philosophy", "location_room", "location_cabinet", "location_shelf", "location_box",
            "retention", "retention_event", "retention_start", "retention_due", "keeper", "status",
            "trade_ended_on", "destroyed_on", "last_reviewed_on", "note", "created_at", "created_by",
            "updated_at", "version",
        ]  # fmt: skip
        _insert(conn, Card, columns, card_rows)
        _insert(conn, CardDocument, ["id", "card", "seq", "title", "doc_type", "is_original", "pages", "doc_date", "note", "removed"], docs)  # fmt: skip
        _insert(conn, ContactPerson, ["card", "seq", "name", "title", "mobile", "phone", "email", "id_number", "note"], contacts)  # fmt: skip
        _insert(conn, CardFormerName, ["card", "name", "name_norm", "until", "note"], former)
        _insert(conn, CardHistory, ["card", "at", "user", "action", "reported_by", "reason", "field", "old_value", "new_value"], hist)  # fmt: skip
        _insert(
            conn, SequenceRow, ["name", "value"], [("archive_no:" + k, v) for k, v in seq.items()]
        )
        self.stats.cards = len(card_rows)

    # -- loans --------------------------------------------------------------------------------
    def _schedule(self) -> list[dt.datetime]:
        """Application times: the report month holds ``report_loans``; the rest grow 1 → 3."""
        rnd = self.rnd
        report_start = (NOW.replace(day=1) - dt.timedelta(days=1)).replace(day=1, hour=0, minute=0)
        report_end = NOW.replace(day=1, hour=0, minute=0)
        months: list[dt.datetime] = []
        m = report_start
        for _ in range(YEARS * 12):
            months.append(m)
            m = (m - dt.timedelta(days=1)).replace(day=1)
        months.reverse()  # oldest first; the last is the report month
        others = months[:-1]
        weights = [1 + 2 * i / max(1, len(others) - 1) for i in range(len(others))]
        rest = self.n_loans - self.report_loans - 60  # a few for the current month
        total_w = sum(weights)
        counts = [int(rest * w / total_w) for w in weights]
        counts[-1] += rest - sum(counts)
        times: list[dt.datetime] = []

        def fill(first: dt.datetime, last: dt.datetime, n: int) -> None:
            days = (last - first).days
            for _ in range(n):
                day = first + dt.timedelta(days=rnd.randrange(days))
                if day.weekday() >= 5 and rnd.random() < 0.9:
                    day -= dt.timedelta(days=day.weekday() - 4)  # few weekend loans
                times.append(day.replace(hour=rnd.randint(8, 16), minute=rnd.randrange(0, 60, 5)))

        for first, n in zip(others, counts, strict=True):
            nxt = (first + dt.timedelta(days=32)).replace(day=1)
            fill(first, nxt, n)
        fill(report_start, report_end, self.report_loans)
        for _ in range(self.n_loans - len(times)):  # this month, before 09:00 on the 2nd
            times.append(NOW - dt.timedelta(minutes=rnd.randint(20, 60 * 24 + 30)))
        times.sort()
        self.report_month = f"{report_start:%Y-%m}"
        return times

    def loans(self, conn: sqlite3.Connection) -> None:
        rnd = self.rnd
        times = self._schedule()
        n_cards = self.n_cards
        open_plan = {"lent": 40, "pending": 12, "approved": 6, "awaiting_signatures": 3}
        if self.n_loans < 5000:
            open_plan = {"lent": 8, "pending": 3, "approved": 2, "awaiting_signatures": 1}
        recent = [i for i, t in enumerate(times) if t >= NOW - dt.timedelta(days=14)]
        state_of: dict[int, str] = {}
        pool = recent[::-1]
        for state, n in open_plan.items():
            for _ in range(n):
                if pool:
                    state_of[pool.pop(rnd.randrange(min(len(pool), 60)))] = state
        overdue_old = [
            i
            for i, t in enumerate(times)
            if NOW - dt.timedelta(days=200) < t < NOW - dt.timedelta(days=20)
        ]
        for i in rnd.sample(overdue_old, min(4, len(overdue_old))):
            state_of[i] = "lent_overdue"
        open_count = len(state_of)
        # cards of open loans are used by no other loan (a lent card cannot be lent again)
        reserved = rnd.sample(range(1, n_cards + 1), min(n_cards // 3, open_count * 3))
        reserved_set = set(reserved)
        reserved_iter = iter(reserved)
        sig_pool = [demo.scribble_png(self.seed * 1000 + k) for k in range(48)]
        borrower = self.borrowers
        clerk, clerk_name = self.clerk.id, self.clerk.full_name
        manager = self.manager
        seqs: dict[str, int] = {}
        b_rows, i_rows, a_rows, s_rows, rc_rows, ren_rows, cp_rows, f_rows = ([] for _ in range(8))
        item_id = sig_id = 0
        mode_pick = _weighted(rnd, ["read", "copy"], [80, 20])
        n_items_pick = _weighted(rnd, [1, 2, 3], [85, 12, 3])

        def sign(
            bid: int, role: str, name: str, user: int | None, at: dt.datetime, pad: bool
        ) -> int:
            nonlocal sig_id
            sig_id += 1
            image = sig_pool[rnd.randrange(len(sig_pool))] if pad else None
            digest = signatures.digest(
                entity="borrowing",
                entity_id=bid,
                role=role,
                signer_name=name,
                signed_at=at,
                image=image,
            )
            s_rows.append(
                (
                    sig_id,
                    "borrowing",
                    bid,
                    role,
                    name,
                    user,
                    "pad" if pad else "paper",
                    image,
                    digest,
                    _ts(at),
                    clerk,
                )
            )
            return sig_id

        for n, applied in enumerate(times):
            bid = n + 1
            state = state_of.get(n)
            if state is None:
                state = rnd.choices(["returned", "refused", "cancelled"], [95, 3, 2])[0]
            modern = applied >= ADOPTED
            pid, pname, pdept, pdept_name, pphone = borrower[rnd.randrange(len(borrower))]
            mode = mode_pick()
            k = n_items_pick()
            chosen: list[int] = []
            while len(chosen) < k:
                if state in ("returned", "refused", "cancelled"):
                    c = rnd.randint(1, n_cards)
                    if c in reserved_set:
                        continue
                else:
                    c = next(reserved_iter, 0) or rnd.randint(1, n_cards)
                if c not in chosen:
                    chosen.append(c)
            strict = any(self.card_secrecy[c] >= 2 or self.card_grade[c] == "A" for c in chosen)
            confidential = any(self.card_secrecy[c] >= 3 for c in chosen)
            role = Role.MANAGER if strict else Role.DEPT_HEAD
            approver = manager if strict else self.head_of.get(pdept, manager)
            if mode == "copy" and confidential:
                days = 0
            elif confidential:
                days = rnd.choice([0, 0, 3, 5])
            else:
                days = rnd.choice([0, 0, 0, 3, 7, 14])
            if mode == "copy":
                days = 0
            due = applied.date() + dt.timedelta(days=days)
            year = applied.year
            seqs[f"doc:JY{year}"] = seqs.get(f"doc:JY{year}", 0) + 1
            number = f"JY{year}-{seqs[f'doc:JY{year}']:04d}"
            decided = applied + dt.timedelta(minutes=rnd.randint(10, 90))
            lent_at = decided + dt.timedelta(minutes=rnd.randint(5, 60))
            if state in ("lent", "lent_overdue", "awaiting_signatures"):
                lent_at = min(lent_at, NOW - dt.timedelta(minutes=5))
                decided = min(decided, lent_at - dt.timedelta(minutes=1))
            refusal = closed = None
            b_state = {"lent_overdue": "lent"}.get(state, state)
            item_state = {"returned": "returned", "refused": "cancelled", "cancelled": "cancelled", "pending": "pending",
                          "approved": "pending", "awaiting_signatures": "pending", "lent": "lent", "lent_overdue": "lent"}[state]  # fmt: skip
            # approval
            if state not in ("pending", "cancelled"):
                method = (
                    rnd.choices(["login", "pad", "paper"], [60, 20, 20])[0] if modern else "paper"
                )
                sig = None
                if method == "pad":
                    sig = sign(bid, "approver", approver.full_name, approver.id, decided, True)
                refused = state == "refused"
                a_rows.append(("borrowing", bid, role, "refused" if refused else "approved", approver.id,
                               approver.full_name, approver.role, method,
                               f"审批单 {number}" if method == "paper" else "", sig,
                               "不同意：用途说明不充分" if refused else "同意", _ts(decided),
                               approver.id if method == "login" else clerk))  # fmt: skip
                if refused:
                    refusal, closed = "不同意：用途说明不充分", decided
            elif state == "cancelled":
                refusal, closed = "借阅人不再需要", applied + dt.timedelta(minutes=20)
            lent = state in ("returned", "lent", "lent_overdue")
            back: dt.datetime | None = None
            if state == "returned":
                r = rnd.random()
                if r < 0.75:
                    back = lent_at + dt.timedelta(minutes=rnd.randint(20, 240))
                elif r < 0.97:
                    back = dt.datetime.combine(
                        due, dt.time(rnd.randint(9, 16), rnd.randrange(0, 60, 5))
                    )
                    back = max(back, lent_at + dt.timedelta(minutes=30))
                else:
                    back = dt.datetime.combine(
                        due + dt.timedelta(days=rnd.randint(1, 20)), dt.time(10)
                    )
                if back >= NOW:
                    back = NOW - dt.timedelta(minutes=rnd.randint(1, 10))
                    back = max(back, lent_at + dt.timedelta(minutes=1))
                closed = back
            if state == "lent_overdue":
                due = lent_at.date() + dt.timedelta(days=rnd.choice([3, 7]))
            if lent or state == "awaiting_signatures":
                pad = modern and (rnd.random() < 0.9) and state != "awaiting_signatures"
                sign(bid, "borrower", pname, None, lent_at, pad)
                sign(
                    bid, "clerk", clerk_name, clerk, lent_at, pad and state != "awaiting_signatures"
                )
            if back is not None:
                pad = modern and rnd.random() < 0.9
                sign(bid, "return_borrower", pname, None, back, pad)
                sign(bid, "return_clerk", clerk_name, clerk, back, pad)
            b_rows.append((bid, number, pid, pname, pdept_name, pphone, mode, rnd.choice(PURPOSES), _day(applied.date()),
                           _day(due), role, b_state, refusal or "", _ts(lent_at) if lent else None, _ts(closed),
                           _ts(applied), clerk, "", 1 + (state != "pending") + lent + (back is not None)))  # fmt: skip
            for c in chosen:
                item_id += 1
                cond = note = None
                renewals, item_due = 0, due if lent else None
                if back is not None:
                    cond, note = "intact", ""
                    if modern:
                        damaged = rnd.random() < 0.01
                        for d_i, (doc, pages, _title) in enumerate(self.card_docs[c]):
                            rc_rows.append(
                                (
                                    item_id,
                                    doc,
                                    True,
                                    pages,
                                    pages,
                                    damaged and d_i == 0,
                                    "边角破损" if damaged and d_i == 0 else "",
                                )
                            )
                        if damaged:
                            cond = "damaged"
                            note = f"《{self.card_docs[c][0][2]}》损坏：边角破损"
                            f_rows.append((c, "damage", f"借阅 {number} 归还时发现：{note}", "return", item_id,
                                           _ts(back), clerk, "", "open", "", 1))  # fmt: skip
                        if (
                            mode == "read"
                            and days >= 3
                            and rnd.random() < 0.03
                            and item_due is not None
                        ):
                            new_due = item_due + dt.timedelta(days=7)
                            ren_rows.append(
                                (
                                    item_id,
                                    _ts(lent_at + dt.timedelta(days=1)),
                                    clerk,
                                    "客户资料核对未完成",
                                    _day(item_due),
                                    _day(new_due),
                                )
                            )
                            renewals, item_due = 1, new_due
                i_rows.append((item_id, bid, c, item_state, _day(item_due), _ts(lent_at) if lent else None,
                               _ts(back), cond, note or "", "", renewals, 1 + lent + (back is not None) + renewals))  # fmt: skip
                if lent and mode == "copy":
                    seqs[f"doc:YY{year}"] = seqs.get(f"doc:YY{year}", 0) + 1
                    out = rnd.random() < 0.05
                    struck = (lent_at + dt.timedelta(days=rnd.randint(1, 9))) if out else None
                    if struck is not None and struck >= NOW:
                        struck = None
                    cp_rows.append((f"YY{year}-{seqs[f'doc:YY{year}']:04d}", c, item_id, f"1-{rnd.randint(1, 6)}",
                                    rnd.randint(1, 6), rnd.choice([1, 1, 2]), "复印留存", approver.id, approver.full_name,
                                    pname, f"{pdept_name}办公室" if out else "", out, _ts(lent_at),
                                    _day(lent_at.date() + dt.timedelta(days=10)) if out else None,
                                    _ts(struck), _ts(struck), clerk if struck else None, 1 + (struck is not None)))  # fmt: skip
            if len(b_rows) >= 50_000:
                self._flush(
                    conn, b_rows, i_rows, a_rows, s_rows, rc_rows, ren_rows, cp_rows, f_rows
                )
        self._flush(conn, b_rows, i_rows, a_rows, s_rows, rc_rows, ren_rows, cp_rows, f_rows)
        _insert(conn, SequenceRow, ["name", "value"], list(seqs.items()))
        # day closes and month-end lists since the program was adopted
        day = ADOPTED.date()
        closes = []
        while day < NOW.date():
            if day.weekday() < 5:
                closes.append(
                    (_day(day), _ts(dt.datetime.combine(day, dt.time(17, 30))), clerk, "")
                )
            day += dt.timedelta(days=1)
        _insert(conn, DayClose, ["day", "closed_at", "closed_by", "note"], closes)
        months, m = [], ADOPTED
        while m < NOW.replace(day=1):
            produced = (m + dt.timedelta(days=33)).replace(day=3, hour=10, minute=0)
            months.append(
                (f"{m:%Y-%m}", _ts(produced), clerk, rnd.randint(0, 40), rnd.randint(0, 5))
            )
            m = (m + dt.timedelta(days=32)).replace(day=1)
        _insert(
            conn,
            MonthEndList,
            ["month", "produced_at", "produced_by", "originals_out", "copies_out"],
            months,
        )
        self.stats.loans = len(times)

    def _flush(
        self,
        conn: sqlite3.Connection,
        b: list,
        i: list,
        a: list,
        s: list,
        rc: list,
        ren: list,
        cp: list,
        f: list,
    ) -> None:  # type: ignore[type-arg]
        _insert(conn, Borrowing, ["id", "number", "borrower", "borrower_name", "borrower_department", "borrower_phone", "mode",
                                  "purpose", "applied_on", "expected_return", "required_role", "state", "refusal_reason",
                                  "lent_at", "closed_at", "created_at", "created_by", "note", "version"], b)  # fmt: skip
        _insert(conn, BorrowingItem, ["id", "borrowing", "card", "state", "due_date", "lent_at", "returned_at", "condition",
                                      "return_note", "day_close_reason", "renewals", "version"], i)  # fmt: skip
        _insert(conn, Signature, ["id", "entity", "entity_id", "role", "signer_name", "signer_user", "method", "image",
                                  "digest", "signed_at", "recorded_by"], s)  # fmt: skip
        _insert(conn, Approval, ["entity", "entity_id", "step", "decision", "approver", "approver_name", "approver_role",
                                 "method", "paper_ref", "signature", "comment", "at", "recorded_by"], a)  # fmt: skip
        _insert(
            conn,
            ReturnCheck,
            ["item", "document", "present", "pages_expected", "pages_found", "damaged", "note"],
            rc,
        )
        _insert(conn, Renewal, ["item", "at", "by", "reason", "old_due", "new_due"], ren)
        _insert(conn, CopyRecord, ["number", "card", "item", "pages", "page_count", "copies", "purpose", "approver",
                                   "approver_name", "holder_name", "location", "taken_out", "made_at", "due_date",
                                   "returned_at", "struck_off_at", "struck_off_by", "version"], cp)  # fmt: skip
        _insert(
            conn,
            InspectionFinding,
            [
                "card",
                "kind",
                "description",
                "source",
                "source_item",
                "created_at",
                "created_by",
                "proposal",
                "state",
                "resolution",
                "version",
            ],
            f,
        )
        self.stats.items += len(i)
        self.stats.signatures += len(s)
        for rows in (b, i, a, s, rc, ren, cp, f):
            rows.clear()


def generate(
    out: Path,
    *,
    cards_count: int = 100_000,
    loans: int = 1_000_000,
    seed: int = 1,
    report_loans: int = 10_000,
    log: Callable[[str], None] = print,
) -> Built:
    """Build a new database at ``out`` (which must not exist)."""
    if out.exists():
        raise FileExistsError(out)
    started = time.perf_counter()
    real_hasher = accounts._hasher
    from argon2 import PasswordHasher

    accounts._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    try:
        db = open_database(out)
        gen = _Gen(cards_count, loans, seed, report_loans)
        gen.people()
        conn: sqlite3.Connection = db.connection()
        conn.execute("PRAGMA journal_mode=OFF")  # build only: rebuilt from scratch on failure
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("PRAGMA cache_size=-1000000")
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("BEGIN")
        gen.cards(conn)
        conn.execute("COMMIT")
        log(
            f"  {gen.stats.cards:,} cards with contents, contacts and history: {time.perf_counter() - started:.1f} s"
        )
        t = time.perf_counter()
        search.reindex_all()
        log(f"  search index (search.reindex_all): {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        conn.execute("BEGIN")
        gen.loans(conn)
        # the open loans' holds, as lending writes them (card_hold, migration 0009)
        conn.execute(
            "INSERT INTO card_hold (card_id, kind, ref, exclusive, note, since) "
            "SELECT i.card_id, 'loan', i.borrowing_id, 1, b.borrower_name, i.lent_at "
            "FROM borrowing_item i JOIN borrowing b ON b.id = i.borrowing_id WHERE i.state = 'lent'"
        )
        conn.execute("COMMIT")
        log(
            f"  {gen.stats.loans:,} loans, {gen.stats.items:,} items, {gen.stats.signatures:,} signatures: {time.perf_counter() - t:.1f} s"
        )
        t = time.perf_counter()
        conn.execute("PRAGMA foreign_keys=ON")
        problems = conn.execute("PRAGMA foreign_key_check").fetchmany(5)
        if problems:
            raise RuntimeError(f"generated rows break foreign keys: {problems}")
        conn.execute("ANALYZE")
        conn.execute("PRAGMA journal_mode=WAL")
        with transaction():
            for model in (
                Card,
                CardDocument,
                Borrowing,
                BorrowingItem,
                Signature,
                Approval,
                CopyRecord,
            ):
                audit.record(
                    accounts.actor_for(gen.clerk),
                    "bench.import",
                    model._meta.table_name,  # type: ignore[attr-defined]
                    "",
                    after={
                        "rows": model.select().count(),
                        "generator": GENERATOR_VERSION,
                        "seed": seed,
                    },
                    at=NOW - dt.timedelta(hours=1),
                )
        log(f"  checks, statistics, audit: {time.perf_counter() - t:.1f} s")
    finally:
        accounts._hasher = real_hasher
        close_database()
    seconds = time.perf_counter() - started
    return Built(
        out, cards_count, loans, seed, gen.report_month, NOW, CLERK, out.stat().st_size, seconds
    )


def cache_dir() -> Path:
    return Path(tempfile.gettempdir()) / "archive-desk-bench"


def cache_name(cards_count: int, loans: int, seed: int, report_loans: int = 10_000) -> str:
    # no schema in the name: a cached file is brought up to date by the program's own
    # migrations (as a clerk's database would be), not rebuilt for every new index
    return f"archive-{cards_count}c-{loans}l-{report_loans}r-s{seed}-g{GENERATOR_VERSION}.db"


def cached_database(
    cards_count: int = 100_000,
    loans: int = 1_000_000,
    seed: int = 1,
    report_loans: int = 10_000,
    *,
    folder: Path | None = None,
    log: Callable[[str], None] = print,
) -> Built:
    """The generated database of this size and seed, built once and then reused."""
    folder = folder or cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / cache_name(cards_count, loans, seed, report_loans)
    if path.exists():
        log(f"  cached database: {path}")
        if _schema_of(path) != known_migrations()[-1]:
            started = time.perf_counter()
            open_database(path)  # the program's migrations, as on a clerk's machine
            close_database()
            log(f"  migrated to {known_migrations()[-1]} in {time.perf_counter() - started:.1f} s")
        return Built(
            path, cards_count, loans, seed, _report_month(), NOW, CLERK, path.stat().st_size, 0.0
        )
    part = path.with_suffix(".part")
    for leftover in folder.glob(part.name + "*"):
        leftover.unlink()
    log(f"  building {cards_count:,} cards and {loans:,} loans (seed {seed}) …")
    built = generate(
        part, cards_count=cards_count, loans=loans, seed=seed, report_loans=report_loans, log=log
    )
    for suffix in ("-wal", "-shm"):
        Path(str(part) + suffix).unlink(missing_ok=True)
    part.rename(path)
    log(f"  built in {built.build_seconds:.0f} s: {path} ({built.size_bytes / 1e6:,.0f} MB)")
    return Built(
        path,
        cards_count,
        loans,
        seed,
        built.report_month,
        NOW,
        CLERK,
        path.stat().st_size,
        built.build_seconds,
    )


def _schema_of(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        row = conn.execute(f"SELECT MAX(name) FROM {MIGRATION_TABLE}").fetchone()
    return str(row[0] or "")


def _report_month() -> str:
    return f"{(NOW.replace(day=1) - dt.timedelta(days=1)):%Y-%m}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--loans", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--report-loans", type=int, default=10_000, help="applications in the report month"
    )
    parser.add_argument(
        "--out", type=Path, help="the new database file (default: the benchmark cache)"
    )
    args = parser.parse_args(argv)
    if args.out is None:
        built = cached_database(args.cards, args.loans, args.seed, args.report_loans)
    else:
        built = generate(
            args.out,
            cards_count=args.cards,
            loans=args.loans,
            seed=args.seed,
            report_loans=args.report_loans,
        )
        print(
            f"  built in {built.build_seconds:.0f} s: {built.path} ({built.size_bytes / 1e6:,.0f} MB)"
        )
    print(
        f"  clerk: {built.clerk} / {PASSWORD}; report month {built.report_month}; now {built.now}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
