"""Realistic Chinese demo data: users of every role, 240 cards, borrowings in every state.

The cards are of every kind of customer, each filed under the category its nature calls for:
companies under 工业客户 or 商业客户 by their industry, partners under 合作伙伴, authorities
under 政府机构, private persons under 个人客户. Customers' people (legal representatives,
contacts, individual customers) get names of their own, never those of our staff.

Cards are created through :mod:`archive_desk.cards` (so numbers, history, the search index and the
audit trail are real), each on the date it was "filed" over the past three years. Borrowings are
written as records in every state of the procedure, spread over the last twelve months; once the
borrowing services exist they take over this part.
"""

from __future__ import annotations

import datetime as dt
import random
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from archive_desk import accounts, cards
from archive_desk.clock import SYSTEM_CLOCK, Clock, FixedClock
from archive_desk.db.connection import transaction
from archive_desk.db.models import (
    Card,
    Department,
    Person,
)
from archive_desk.domain import Role
from archive_desk.errors import Conflict
from archive_desk.permissions import Actor

DEMO_PASSWORD = "demo1234"
DEMO_CLERK = "lihua"  # the account to try the program with

# ``progress(done, total)`` after each step of :func:`populate` (the return value is ignored:
# a demo half written is no use, so it always runs to the end)
Progress = Callable[[int, int], object]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    full_name: str
    role: str
    role_label: str


DEPARTMENTS = ["销售一部", "销售二部", "客服部", "总经办", "财务部"]
USERS = [  # username, name, role, department
    ("lihua", "李华", Role.CLERK, "客服部"),
    ("zhaomin", "赵敏", Role.CLERK, "客服部"),
    ("wanggang", "王刚", Role.DEPT_HEAD, "销售一部"),
    ("liuyang", "刘洋", Role.DEPT_HEAD, "销售二部"),
    ("chenjing", "陈静", Role.MANAGER, "客服部"),
    ("zhouqiang", "周强", Role.GENERAL_MANAGER, "总经办"),
    ("sunli", "孙丽", Role.OFFICE_HEAD, "总经办"),
    ("zhengjie", "郑洁", Role.DEPT_HEAD, "客服部"),  # approves handovers out of 客服部
]


def demo_accounts() -> list[DemoAccount]:
    """The demo's accounts (all with :data:`DEMO_PASSWORD`): the administrator, then the rest."""
    admin = DemoAccount("admin", DEMO_PASSWORD, "系统管理员", Role.ADMIN, Role.LABELS[Role.ADMIN])
    return [admin] + [
        DemoAccount(username, DEMO_PASSWORD, full_name, role, Role.LABELS[role])
        for username, full_name, role, _dept in USERS
    ]


SALESPEOPLE = [
    "张伟",
    "王芳",
    "李娜",
    "刘强",
    "陈磊",
    "杨洋",
    "黄敏",
    "吴静",
    "周杰",
    "徐丽",
    "马超",
    "胡军",
]

CITIES = {
    "北京": ["海淀", "朝阳", "丰台", "通州"],
    "上海": ["浦东", "闵行", "嘉定", "松江"],
    "广东": ["广州", "深圳", "东莞", "佛山"],
    "江苏": ["南京", "苏州", "无锡", "常州"],
    "浙江": ["杭州", "宁波", "温州", "嘉兴"],
    "山东": ["济南", "青岛", "烟台", "单县"],
    "四川": ["成都", "绵阳", "德阳"],
    "重庆": ["渝北", "江北", "长寿"],
    "湖北": ["武汉", "宜昌", "襄阳"],
    "湖南": ["长沙", "株洲", "岳阳"],
    "河南": ["郑州", "洛阳"],
    "陕西": ["西安", "宝鸡"],
    "辽宁": ["沈阳", "大连"],
    "天津": ["滨海", "南开"],
    "福建": ["福州", "厦门", "泉州"],
}
WORDS = [
    "华信",
    "中科",
    "宏达",
    "永安",
    "金桥",
    "东方",
    "新世纪",
    "恒通",
    "瑞丰",
    "长城",
    "天成",
    "鑫源",
    "兴业",
    "海纳",
    "博远",
    "致远",
    "盛世",
    "银河",
    "卓越",
    "汇丰",
]
TRADES = [  # name part, industry, and so the category: 工业客户 (GY) or 商业客户 (SY)
    ("机械制造", "通用设备制造", "GY"),
    ("电子科技", "电子设备制造", "GY"),
    ("建材", "建材制造", "GY"),
    ("食品", "食品加工", "GY"),
    ("医药", "医药制造", "GY"),
    ("化工", "化学原料制造", "GY"),
    ("环保设备", "环保设备制造", "GY"),
    ("物流", "交通运输", "SY"),
    ("商贸", "批发零售", "SY"),
    ("软件", "信息技术服务", "SY"),
]
DOC_TYPES = [
    ("购销合同", "合同"),
    ("营业执照复印件", "营业执照复印件"),
    ("组织机构代码证复印件", "组织机构代码证"),
    ("收费明细", "收费明细"),
    ("授权委托书", "授权委托书"),
    ("往来函件", "往来函件"),
]
PERSON_DOC_TYPES = [  # an individual customer's folder
    ("购销合同", "合同"),
    ("身份证复印件", "身份证复印件"),
    ("收费明细", "收费明细"),
    ("往来函件", "往来函件"),
]
GOVERNMENT_DOC_TYPES = [
    ("政府采购合同", "合同"),
    ("中标通知书", "中标通知书"),
    ("统一社会信用代码证书复印件", "统一社会信用代码证书"),
    ("收费明细", "收费明细"),
    ("往来函件", "往来函件"),
]
# customers' people: legal representatives, contact people, individual customers (never the
# names of our own staff, so a customer's contact is not mistaken for one of our salespeople)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤"
GIVEN_NAMES = [
    "建国",
    "秀英",
    "志强",
    "丽娟",
    "海燕",
    "晓东",
    "俊杰",
    "桂兰",
    "红梅",
    "文博",
    "国华",
    "玉兰",
    "建华",
    "淑珍",
    "明辉",
    "春燕",
    "永刚",
    "雪梅",
    "志明",
    "立新",
    "晓燕",
    "德胜",
    "宏伟",
    "慧敏",
    "子轩",
    "欣怡",
    "海涛",
    "凤英",
    "卫东",
    "金凤",
    "振华",
    "美玲",
    "少华",
    "家豪",
    "思远",
    "雅琴",
    "国强",
    "玉梅",
    "学军",
    "晨阳",
    "敏",
    "静",
    "磊",
    "勇",
    "军",
    "杰",
    "娟",
    "涛",
    "斌",
    "霞",
    "鹏",
    "婷",
]
MUNICIPALITIES = {"北京", "上海", "天津", "重庆"}
AREA_CODES = {  # of each place in CITIES; the four municipalities have one each
    "北京": "010", "上海": "021", "天津": "022", "重庆": "023",
    "广州": "020", "深圳": "0755", "东莞": "0769", "佛山": "0757",
    "南京": "025", "苏州": "0512", "无锡": "0510", "常州": "0519",
    "杭州": "0571", "宁波": "0574", "温州": "0577", "嘉兴": "0573",
    "济南": "0531", "青岛": "0532", "烟台": "0535", "单县": "0530",
    "成都": "028", "绵阳": "0816", "德阳": "0838", "武汉": "027", "宜昌": "0717", "襄阳": "0710",
    "长沙": "0731", "株洲": "0731", "岳阳": "0730", "郑州": "0371", "洛阳": "0379",
    "西安": "029", "宝鸡": "0917", "沈阳": "024", "大连": "0411",
    "福州": "0591", "厦门": "0592", "泉州": "0595",
}  # fmt: skip
BUREAUS = [
    "市场监督管理局",
    "交通运输局",
    "住房和城乡建设局",
    "教育局",
    "卫生健康委员会",
    "生态环境局",
    "水务局",
    "公共资源交易中心",
]
ROADS = ["人民路", "解放路", "建设路", "中山路", "和平路", "新华路", "长江路", "文化路", "胜利路"]
# what kind of customer a demo card is: its nature (企业性质) and so its category
CUSTOMER_KINDS = {"company": 72, "partner": 8, "government": 6, "individual": 14}
PURPOSES = ["核对合同条款", "办理续签", "查阅收费记录", "客户回访准备", "审计抽查", "应收账款核对"]
# the open loans of the last days, by the state each is left in
_RECENT_COUNTS = {
    "lent": 6, "pending": 5, "approved": 3, "refused": 3, "cancelled": 2, "awaiting_signatures": 2
}  # fmt: skip
# state by state in rounds: a small archive that runs out of open cards still has each state
RECENT_LOANS = tuple(state for n in range(6) for state, most in _RECENT_COUNTS.items() if n < most)
# one handover slip left in each state
HANDOVER_TARGETS = (
    "draft",
    "returned",
    "dept_approved",
    "checked",
    "office_approved",
    "received",
    "cancelled",
)

# destruction lists, one in each state (in this order of importance: a small archive that runs
# out of due cards still has the first ones) and how many cards each lists when there are enough
DESTRUCTION_TARGETS = (
    ("reported", 4), ("executed", 3), ("approved", 2), ("due_now", 1), ("reviewed", 2),
    ("draft", 2), ("returned", 1), ("refused", 1), ("cancelled", 1),
)  # fmt: skip
OLD_CUSTOMER_EVERY = 4  # every 4th demo card: an old customer whose trade ended 10–14 years ago

CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def credit_code_with_check(first17: str) -> str:
    """Append the GB 32100-2015 check character to 17 characters."""
    total = sum(CREDIT_CHARS.index(ch) * pow(3, i, 31) for i, ch in enumerate(first17))
    check = (31 - total % 31) % 31
    return first17 + CREDIT_CHARS[check]


def scribble_png(seed: int, width: int = 240, height: int = 80) -> bytes:
    """A small grey-scale PNG of a pen scribble (a stand-in signature; no Qt needed)."""
    rnd = random.Random(seed)
    pixels = bytearray([255] * (width * height))
    x, y = 10.0, height / 2
    for _ in range(900):
        x = min(width - 3, x + rnd.uniform(0.05, 0.45))
        y = max(3, min(height - 4, y + rnd.uniform(-2.2, 2.2)))
        for dx in range(2):
            for dy in range(2):
                pixels[int(y + dy) * width + int(x + dx)] = 20
    raw = b"".join(b"\x00" + bytes(pixels[r * width : (r + 1) * width]) for r in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _landline(rnd: random.Random, province: str, place: str) -> str:
    """An eight-digit landline with the place's area code."""
    area = AREA_CODES[province if province in MUNICIPALITIES else place]
    return f"{area}-{rnd.randint(2000_0000, 8999_9999)}"


def _mobile(rnd: random.Random) -> str:
    return f"1{rnd.choice('3456789')}{rnd.randint(0, 999_999_999):09d}"


# What a step of :func:`populate` weighs, in cards (~12 ms each here): a user is two password
# hashes (~0.36 s), a loan through its procedure ~20 ms, a handover slip as much. So the
# progress bar moves with the time, not by 8 slow steps and then 240 quick ones.
USER_WEIGHT, LOAN_WEIGHT, HANDOVER_WEIGHT, DESTRUCTION_WEIGHT = 30, 2, 2, 6
# the inspection: a finished round with its findings, then an inventory in progress
INSPECTION_PARTS = {"round": 20, "inventory": 10}


def progress_total(cards_count: int = 240, loans: int = 120) -> int:
    """The ``total`` that :func:`populate` reports to its ``progress`` for this size."""
    users = (1 + len(USERS)) * USER_WEIGHT
    return (
        users
        + cards_count
        + (loans + len(RECENT_LOANS)) * LOAN_WEIGHT
        + len(HANDOVER_TARGETS) * HANDOVER_WEIGHT
        + len(DESTRUCTION_TARGETS) * DESTRUCTION_WEIGHT
        + sum(INSPECTION_PARTS.values())
    )


class _Steps:
    """Counts the steps of :func:`populate` done and reports each to ``progress``."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.done, self.total, self.progress = 0, total, progress

    def step(self, weight: int = 1) -> None:
        self.done += weight
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)


def populate(
    *,
    clock: Clock = SYSTEM_CLOCK,
    seed: int = 7,
    cards_count: int = 240,
    loans: int = 120,
    progress: Progress | None = None,
) -> list[DemoAccount]:
    """Fill an opened, empty database. Returns the demo accounts and their passwords.
    ``progress(done, total)`` follows the steps: each user, card, borrowing and handover slip."""
    if accounts.has_users():
        raise Conflict("数据库中已有用户，演示数据只能写入空数据库。")
    total = progress_total(cards_count, loans)
    steps = _Steps(total, progress)
    if progress is not None:
        progress(0, total)
    rnd = random.Random(seed)
    now = clock.now()
    admin = accounts.create_first_admin("admin", "系统管理员", DEMO_PASSWORD, clock=clock)
    dept_ids = {name: accounts.create_department(admin, name).id for name in DEPARTMENTS}
    steps.step(USER_WEIGHT)
    actors: dict[str, Actor] = {}
    for username, full_name, role, dept in USERS:
        accounts.create_user(
            admin,
            username=username,
            full_name=full_name,
            role=role,
            password=DEMO_PASSWORD,
            department_id=dept_ids[dept],
            phone=_mobile(rnd),
            must_change_password=False,
        )
        actors[username] = accounts.login(username, DEMO_PASSWORD, clock=clock)
        steps.step(USER_WEIGHT)
    with transaction():
        sales = [
            Person.create(
                name=n,
                department=dept_ids["销售一部" if i % 2 == 0 else "销售二部"],
                phone=_mobile(rnd),
                is_salesperson=True,
                title="业务员",
            )
            for i, n in enumerate(SALESPEOPLE)
        ]
    card_ids = _make_cards(actors["lihua"], rnd, now, cards_count, [p.id for p in sales], steps)
    _make_borrowings(actors, rnd, now, card_ids, dept_ids, loans, steps)
    _make_handovers(actors, now, dept_ids, steps)
    _make_round(actors, now, card_ids, steps)
    _make_inventory(actors, now, card_ids, steps)
    _make_destructions(actors, now, steps)
    if progress is not None:
        progress(total, total)
    return demo_accounts()


@dataclass(frozen=True)
class _Customer:
    """Who a demo card is about: the customer's nature decides its category."""

    kind: str  # a key of CUSTOMER_KINDS
    name: str
    province: str
    place: str
    trade: tuple[str, str, str] | None  # companies and partners: (name part, industry, category)


def _person_name(rnd: random.Random, avoid: set[str]) -> str:
    while True:
        name = rnd.choice(SURNAMES) + rnd.choice(GIVEN_NAMES)
        if name not in avoid:
            return name


def _local(province: str, place: str) -> str:
    """The place as an authority or an address names it: 北京市海淀区, 广州市, 单县."""
    if place.endswith("县"):
        return place
    if province in MUNICIPALITIES:
        return f"{province}市{place}{'新区' if place == '滨海' else '区'}"
    return f"{place}市"


def _address(rnd: random.Random, province: str, place: str) -> str:
    prefix = "" if province in MUNICIPALITIES else f"{province}省"
    return f"{prefix}{_local(province, place)}{rnd.choice(ROADS)}{rnd.randint(1, 999)}号"


FIXED_CUSTOMERS = [  # the names the search examples and tests use: name, province, place, trade
    ("北京海淀科技有限公司", "北京", "海淀", "软件"),
    ("单县建材有限公司", "山东", "单县", "建材"),
    ("重庆长安物流有限公司", "重庆", "江北", "物流"),
    ("长沙银河医药有限公司", "湖南", "长沙", "医药"),
]


def _customer(rnd: random.Random, i: int, taken: set[str], staff: set[str]) -> _Customer:
    """The i-th demo customer, with a name no other demo card has."""
    if i < len(FIXED_CUSTOMERS):
        name, province, place, part = FIXED_CUSTOMERS[i]
        fixed = next(t for t in TRADES if t[0] == part)
        return _Customer("company", name, province, place, fixed)
    kind = rnd.choices(list(CUSTOMER_KINDS), list(CUSTOMER_KINDS.values()))[0]
    while True:
        province = rnd.choice(list(CITIES))
        place = rnd.choice(CITIES[province])
        trade: tuple[str, str, str] | None = None
        if kind == "individual":
            name = _person_name(rnd, staff)
        elif kind == "government":
            name = f"{_local(province, place)}{rnd.choice(BUREAUS)}"
        else:
            trade = rnd.choice(TRADES)
            form = rnd.choices(["有限公司", "股份有限公司", "集团有限公司"], [80, 12, 8])[0]
            name = f"{place}{rnd.choice(WORDS)}{trade[0]}{form}"
        if name not in taken:
            return _Customer(kind, name, province, place, trade)


def _customer_values(
    c: _Customer, rnd: random.Random, i: int, categories: dict[str, int], staff: set[str]
) -> dict[str, object]:
    """The identity and contact fields of a card for ``c`` (individuals have no credit code,
    capital or legal representative; authorities' codes are 机关 codes, 11…)."""
    values: dict[str, object] = {
        "name": c.name,
        "address": _address(rnd, c.province, c.place),
        "postcode": f"{rnd.randint(100000, 850000)}",
        "phone": _mobile(rnd) if c.kind == "individual" else _landline(rnd, c.province, c.place),
    }
    if c.kind == "individual":
        return {**values, "nature": "individual", "category_id": categories["GR"]}
    area = rnd.randint(110000, 650000)
    values |= {
        "legal_rep": _person_name(rnd, staff),
        "staff_count": rnd.randint(8, 3000),
        "email": f"info{i}@example.cn",
    }
    if c.kind == "government":
        return {
            **values,
            "nature": "government",
            "category_id": categories["ZF"],
            "industry": "公共管理",
            "credit_code": credit_code_with_check(f"11{area}0{rnd.randint(0, 99_999_999):08d}"),
        }
    assert c.trade is not None
    part, industry, code = c.trade
    return {
        **values,
        "nature": "partner"
        if c.kind == "partner"
        else rnd.choices(["ordinary", "special"], [92, 8])[0],
        "category_id": categories["HZ" if c.kind == "partner" else code],
        "industry": industry,
        "credit_code": credit_code_with_check(f"91{area}MA{rnd.randint(0, 9_999_999):07d}"),
        "registered_capital": f"{rnd.choice([50, 100, 200, 500, 1000, 5000])}万元",
        "founded_on": dt.date(rnd.randint(1995, 2020), rnd.randint(1, 12), rnd.randint(1, 28)),
        "annual_sales": f"{rnd.randint(1, 90) * 100}万元",
        "business_scope": f"{part}相关产品的研发、生产与销售；技术咨询服务。",
    }


def _contacts(
    c: _Customer, values: dict[str, object], rnd: random.Random, staff: set[str]
) -> list[cards.ContactInput]:
    if c.kind == "individual":  # the customer is the contact
        return [cards.ContactInput(c.name, "本人", mobile=str(values["phone"]))]
    titles = ["办公室主任", "科长", "采购专员"] if c.kind == "government" else []
    titles = titles or ["采购经理", "财务主管", "总经理", "业务对接人"]
    return [
        cards.ContactInput(_person_name(rnd, staff), rnd.choice(titles), mobile=_mobile(rnd))
        for _ in range(rnd.randint(1, 3))
    ]


def _documents(c: _Customer, rnd: random.Random, filed: dt.datetime) -> list[cards.DocumentInput]:
    """The folder's contents: an individual's ID copy, an authority's tender papers, a
    company's licence."""
    kinds = {"individual": PERSON_DOC_TYPES, "government": GOVERNMENT_DOC_TYPES}
    types = kinds.get(c.kind, DOC_TYPES)
    return [
        cards.DocumentInput(
            title,
            doc_type,
            is_original=doc_type == "合同",
            pages=rnd.randint(1, 30),
            doc_date=(filed - dt.timedelta(days=rnd.randint(0, 60))).date(),
        )
        for title, doc_type in rnd.sample(types, rnd.randint(2, len(types)))
    ]


def _make_cards(
    clerk: Actor,
    rnd: random.Random,
    now: dt.datetime,
    count: int,
    sales: list[int],
    steps: _Steps,
) -> list[int]:
    regions = {r.name: r.id for r in cards.list_regions() if r.parent_id is not None}
    categories = {c.code: c.id for c in cards.list_categories()}
    sales_names = {p.id: p.name for p in Person.select().where(Person.id.in_(sales))}
    staff = {*SALESPEOPLE, *(full_name for _, full_name, _, _ in USERS), "系统管理员"}
    names: set[str] = set()
    ids: list[int] = []
    # its own stream: the old customers change no other demo card
    old_rnd = random.Random(f"old-customers-{count}")
    for i in range(count):
        steps.step()
        customer = _customer(rnd, i, names, staff)
        names.add(customer.name)
        filed = now - dt.timedelta(days=rnd.randint(5, 3 * 365), hours=rnd.randint(0, 6))
        salesperson = rnd.choice(sales)
        individual = customer.kind == "individual"
        bought = rnd.randint(1, 30) if individual else rnd.randint(10, 900)  # 万元 last year
        values = {
            **_customer_values(customer, rnd, i, categories, staff),
            "region_id": regions[customer.province],
            "grade": rnd.choices(["A", "B", "C"], [5, 35, 60] if individual else [15, 55, 30])[0],
            "stage": rnd.choice(["potential", "new", "old"]),
            "trade_status": rnd.choices(["active", "suspended", "past"], [80, 12, 8])[0],
            "salesperson_id": salesperson,
            "secrecy": rnd.choices([0, 1, 2, 3], [20, 65, 10, 5])[0],
            "sales_results": f"上年度采购额约 {bought} 万元。",
            "cooperation": rnd.choice(["配合积极", "一般", "需重点维护"]),
            "credit_rating": rnd.choice(["AAA", "AA", "A", "B"]),
            "trade_terms": rnd.choice(["月结30天", "款到发货", "季度结算"]),
            "location_room": "一号库房",
            "location_cabinet": f"{rnd.randint(1, 12):02d}",
            "location_shelf": str(rnd.randint(1, 5)),
            "location_box": f"{rnd.randint(1, 40):03d}",
            "retention": rnd.choices(["D10", "D30", "Y"], [40, 50, 10])[0],
            "retention_event": "trade_end",
        }
        if i % OLD_CUSTOMER_EVERY == OLD_CUSTOMER_EVERY - 1:
            values.update(_old_customer(old_rnd, now))
        view = cards.create_card(
            _at(clerk, filed),
            cards.CardDraft(
                values,
                _contacts(customer, values, rnd, staff),
                _documents(customer, rnd, filed),
            ),
            confirm_warnings=True,
            allow_duplicate=True,
            reported_by=sales_names[salesperson],  # the card's salesperson brought the facts
        )
        ids.append(view.id)
    return ids


def _old_customer(rnd: random.Random, now: dt.datetime) -> dict[str, object]:
    """An old customer filed from the paper archive: the trade ended 11–14 years ago (a
    10-year retention, so the card has been due for months at least)."""
    ended = now.date() - dt.timedelta(days=rnd.randint(3950, 5100))
    return {
        "retention": "D10",
        "trade_status": rnd.choice(["suspended", "past"]),
        "trade_ended_on": ended,
    }


def _at(actor: Actor, when: dt.datetime) -> Actor:
    """The same user, acting at ``when`` (demo history is spread over time)."""
    from dataclasses import replace

    return replace(actor, clock=FixedClock(when))


def _make_borrowings(
    actors: dict[str, Actor],
    rnd: random.Random,
    now: dt.datetime,
    card_ids: list[int],
    dept_ids: dict[str, int],
    loans: int,
    steps: _Steps,
) -> None:
    """Loans in every state, through the borrowing service with the clock set back, so every
    rule, signature and audit event is what the program itself would have written."""
    from archive_desk import borrowing as bw

    clerk = actors["lihua"]
    heads = {"销售一部": actors["wanggang"], "销售二部": actors["liuyang"]}
    manager = actors["chenjing"]
    borrowers = list(Person.select().where(Person.is_salesperson == True))  # noqa: E712
    cards_by_id = {c.id: c for c in Card.select().where(Card.id.in_(card_ids))}
    lendable = [c for c in card_ids if cards_by_id[c].secrecy <= 2]
    rnd.shuffle(lendable)
    history = sorted(
        now - dt.timedelta(days=rnd.randint(1, 360), hours=rnd.randint(0, 6)) for _ in range(loans)
    )
    plan = [("returned", day) for day in history]
    recent = RECENT_LOANS
    for state in recent:
        back = rnd.choice([0, 0, 2, 9, 20]) if state == "lent" else rnd.randint(0, 3)
        plan.append((state, now - dt.timedelta(days=back)))
    open_cards = lendable[: min(len(recent) * 2, len(lendable) // 2)]
    history_cards = lendable[len(open_cards) :] or lendable
    for n, (state, when) in enumerate(plan):
        steps.step(LOAN_WEIGHT)
        day = when.replace(
            hour=rnd.randint(8, 11), minute=rnd.choice([0, 15, 30, 45]), second=0, microsecond=0
        )
        if day > now:
            day = now - dt.timedelta(minutes=5)
        person = rnd.choice(borrowers)
        dept = Department.get_by_id(person.department_id)
        pool = history_cards if state == "returned" else open_cards
        chosen = [pool.pop(0) for _ in range(min(len(pool), rnd.choice([1, 1, 1, 2])))]
        if not chosen:
            continue  # a small demo archive has run out of cards for open loans
        if state == "returned":
            pool.extend(chosen)  # history cards come round again; open cards are used once
        mode = rnd.choices(["read", "copy"], [80, 20])[0]
        strict = any(cards_by_id[c].secrecy >= 2 or cards_by_id[c].grade == "A" for c in chosen)
        due = (day + dt.timedelta(days=rnd.choice([0, 0, 3, 7]) if mode == "read" else 0)).date()
        approver = manager if strict else heads.get(dept.name, manager)
        try:
            app = bw.apply(
                _at(clerk, day),
                bw.BorrowerInput(name=person.name, department_id=dept.id, phone=person.phone),
                chosen,
                mode=mode,
                purpose=rnd.choice(PURPOSES),
                expected_return=due,
            )
            if state == "pending":
                continue
            if state == "cancelled":
                bw.cancel(
                    _at(clerk, day + dt.timedelta(minutes=20)),
                    app.id,
                    app.version,
                    "借阅人不再需要",
                )
                continue
            method = rnd.choice(["login", "login", "paper", "pad"])
            at = day + dt.timedelta(minutes=30)
            refuse = state == "refused"
            if method == "login":
                app = bw.decide(_at(approver, at), app.id, app.version, approve=not refuse,
                                comment="不同意：用途说明不充分" if refuse else "同意")  # fmt: skip
            else:
                app = bw.decide(
                    _at(clerk, at), app.id, app.version, approve=not refuse,
                    comment="用途说明不充分" if refuse else "同意", method=method,
                    approver_id=approver.user_id, paper_ref=f"审批单 {n:04d}",
                    signature_png=scribble_png(n * 3 + 1) if method == "pad" else None,
                )  # fmt: skip
            if state in ("refused", "approved"):
                continue
            at = day + dt.timedelta(hours=1)
            borrower_sig = bw.SignatureInput(png=scribble_png(n * 7 + 2))
            clerk_sig = bw.SignatureInput(png=scribble_png(n * 7 + 5))
            if state == "awaiting_signatures":
                borrower_sig = bw.SignatureInput(on_paper=True)
            app = bw.lend(
                _at(clerk, at),
                app.id,
                app.version,
                borrower_signature=borrower_sig,
                clerk_signature=clerk_sig,
            )
            if state != "returned":
                continue
            late = rnd.random() < 0.1
            back_at = at + (
                dt.timedelta(days=rnd.randint(1, 20))
                if late
                else dt.timedelta(hours=rnd.randint(1, 4))
            )
            back_at = min(back_at, now)
            returns = []
            for item in app.items:
                docs = cards.get_card(_at(clerk, back_at), item.card_id, log_view=False).documents
                checks = []
                if docs and rnd.random() < 0.05:
                    checks.append(
                        bw.DocumentCheck(int(docs[0].id or 0), damaged=True, note="边角破损")
                    )
                returns.append(bw.ItemReturn(item.id, checks))
            bw.return_items(
                _at(clerk, back_at), app.id, app.version, returns,
                borrower_signature=bw.SignatureInput(png=scribble_png(n * 11 + 3)),
                clerk_signature=bw.SignatureInput(png=scribble_png(n * 11 + 7)),
            )  # fmt: skip
        except Conflict:
            continue  # a card still out from an earlier demo loan: skip this one


def _make_handovers(
    actors: dict[str, Actor], now: dt.datetime, dept_ids: dict[str, int], steps: _Steps
) -> None:
    """Handover slips in every state, through the handover service."""
    from archive_desk import borrowing as bw
    from archive_desk import handover as ho

    clerk, receiver = actors["lihua"], actors["zhaomin"]
    head, office = actors["wanggang"], actors["sunli"]
    free_cards = ho.cards_held_by(clerk, clerk.user_id)[-12:]
    pad = bw.SignatureInput(png=scribble_png(901))
    for n, target in enumerate(HANDOVER_TARGETS):
        steps.step(HANDOVER_WEIGHT)
        day = now - dt.timedelta(days=30 - n * 4, hours=2)
        at = _at(clerk, day)
        chosen = free_cards[n * 2 : n * 2 + 2]
        items = [ho.ItemInput(card_id=c) for c in chosen]
        items.append(ho.ItemInput(name=f"{day:%Y}年第{n + 1}批销售合同", quantity=n + 1, unit="册"))
        h = ho.create_handover(
            at, kind="filing" if n % 2 == 0 else "department", reason="销售一部年度归档",
            from_party=ho.PartyInput(user_id=clerk.user_id, department_id=dept_ids["销售一部"]),
            to_party=ho.PartyInput(user_id=receiver.user_id), witness=ho.PartyInput(user_id=office.user_id),
            handover_date=day.date(), items=items,
        )  # fmt: skip
        if target == "draft":
            continue
        later = day + dt.timedelta(hours=1)
        if target == "cancelled":
            ho.cancel_handover(_at(clerk, later), h.id, h.version, "移交部门改期")
            continue
        if target == "returned":
            ho.decide(
                _at(head, later), h.id, h.version, "dept", approve=False, comment="请补充合同目录"
            )
            continue
        h = ho.decide(_at(head, later), h.id, h.version, "dept", approve=True, comment="同意移交")
        if target == "dept_approved":
            continue
        h = ho.record_check(
            _at(receiver, later), h.id, h.version, ticked_item_ids=[i.id for i in h.items]
        )
        h = ho.finish_check(_at(receiver, later), h.id, h.version, accept=True)
        if target == "checked":
            continue
        h = ho.decide(_at(office, later), h.id, h.version, "office", approve=True, comment="同意")
        if target == "office_approved":
            continue
        ho.receive(
            _at(receiver, later), h.id, h.version, signed={"from": pad, "to": pad, "witness": pad}
        )


def _free_due_cards(clerk: Actor) -> list[int]:
    """The due cards a demo list may take: in the room, on no open slip, no open finding."""
    from archive_desk import retention

    rows = [r for r in retention.due_list(clerk) if not r.listed_on and not r.frozen]
    return _free(clerk, [r.card_id for r in rows])


def _free_ended_cards(clerk: Actor, taken: set[int]) -> list[int]:
    """Cards whose trade has ended, not yet due: proposed by hand (无恢复交易可能)."""
    ids = [
        c
        for status in ("past", "suspended")
        for c in cards.card_ids(clerk, cards.CardFilter(trade_status=status))
        if c not in taken
    ]
    return _free(clerk, ids)


def _free(clerk: Actor, ids: list[int]) -> list[int]:
    from archive_desk import handover as ho
    from archive_desk import inspection

    lent = {r.id for r in cards.card_rows(clerk, ids) if r.on_loan}
    slipped = {
        item.card_id
        for slip in ho.list_handovers(clerk, "open")
        for item in ho.get_handover(clerk, slip.id).items
    }
    found = inspection.open_findings(ids)
    return [i for i in ids if i not in lent and i not in slipped and i not in found]


def _make_destructions(actors: dict[str, Actor], now: dt.datetime, steps: _Steps) -> None:
    """Frozen cards and destruction lists in every state through the retention services, the
    clock set back: one fed back with its register, one executed with a card withheld."""
    from archive_desk import retention as rt

    clerk, manager, gm = actors["lihua"], actors["chenjing"], actors["zhouqiang"]
    pool = _free_due_cards(clerk)
    wanted = sum(n for _state, n in DESTRUCTION_TARGETS) + 1  # one more: frozen
    sizes = [n if len(pool) >= wanted else 1 for _state, n in DESTRUCTION_TARGETS]
    trading = cards.card_ids(clerk, cards.CardFilter(trade_status="active"), limit=2)
    # a due card frozen (the due list shows it so) when there are enough, else a trading one
    frozen = pool.pop() if len(pool) > len(DESTRUCTION_TARGETS) else trading.pop()
    rt.freeze(_at(manager, now - dt.timedelta(days=9)), [frozen], kind="litigation",
              reason="买卖合同纠纷，（2026）沪0115民初1234号")  # fmt: skip
    rt.freeze(_at(manager, now - dt.timedelta(days=3)), trading[:1], kind="audit",
              reason="2025年度外部审计抽查")  # fmt: skip
    pad = rt.SignatureInput(png=scribble_png(707))
    by_hand = _free_ended_cards(clerk, {*pool, frozen})
    for (target, _n), size in zip(DESTRUCTION_TARGETS, sizes, strict=True):
        steps.step(DESTRUCTION_WEIGHT)
        basis = rt.DestructionReason.RETENTION_ENDED
        chosen, pool = pool[:size], pool[size:]
        if not chosen:  # a small archive out of due cards: one whose trade ended, by hand
            basis = rt.DestructionReason.NO_RENEWED_TRADE
            chosen, by_hand = by_hand[:1], by_hand[1:]
        if chosen:
            _destruction(target, [rt.ItemInput(c, basis) for c in chosen], clerk, manager, gm,
                         now, pad)  # fmt: skip


_DAYS = {  # days before now of: proposal, review, approval, execution, feedback
    "reported": (80, 78, 75, 40, 38), "executed": (60, 57, 50, 12, 0),
    "approved": (12, 10, 5, 0, 0), "due_now": (50, 45, 35, 0, 0), "reviewed": (4, 2, 0, 0, 0),
    "draft": (1, 0, 0, 0, 0), "returned": (6, 3, 0, 0, 0), "refused": (30, 27, 20, 0, 0),
    "cancelled": (20, 15, 0, 0, 0),
}  # fmt: skip


def _destruction(
    target: str,
    items: list[Any],
    clerk: Actor,
    manager: Actor,
    gm: Actor,
    now: dt.datetime,
    pad: object,
) -> None:
    from archive_desk import retention as rt

    proposed, reviewed_day, approved_day, executed_day, reported_day = (
        now - dt.timedelta(days=d, hours=2) for d in _DAYS[target]
    )
    chosen = [item.card_id for item in items]
    lst = rt.create_list(_at(clerk, proposed), reason="保管期满，经鉴定无继续保存价值", items=items)
    if target == "draft":
        return
    if target == "cancelled":
        rt.cancel_list(_at(clerk, reviewed_day), lst.id, lst.version, reason="客户来电，需重新鉴定")
        return
    if target == "returned":
        rt.decide(_at(manager, reviewed_day), lst.id, lst.version, "review", approve=False,
                  comment="请补充每卷的鉴定意见")  # fmt: skip
        return
    exempt = (
        {lst.items[-1].id: "客户来函要求续存"} if target == "reported" and len(chosen) > 1 else {}
    )
    lst = rt.decide(_at(manager, reviewed_day), lst.id, lst.version, "review", approve=True,
                    comment="同意", exempt=exempt)  # fmt: skip
    if target == "reviewed":
        return
    if target == "refused":
        rt.decide(_at(gm, approved_day), lst.id, lst.version, "approve", approve=False,
                  comment="暂缓销毁，明年再议")  # fmt: skip
        return
    lst = rt.decide(_at(clerk, approved_day), lst.id, lst.version, "approve", approve=True,
                    comment="同意销毁", method="pad", approver_id=gm.user_id,
                    signature_png=scribble_png(808))  # fmt: skip
    if target in ("approved", "due_now"):
        return
    if target == "executed" and len(chosen) > 1:  # frozen after the approval: withheld
        rt.freeze(_at(manager, executed_day - dt.timedelta(days=2)), [chosen[-1]],
                  kind="dispute", reason="客户对账目有异议")  # fmt: skip
    lst = rt.execute(
        _at(clerk, executed_day), lst.id, lst.version, executed_on=executed_day.date(),
        place="档案室碎纸间", method="shred", executor=rt.Party("李华", clerk.user_id),
        witnesses=(rt.Party("孙丽"), rt.Party("赵敏")),
        signed={"witness1": pad, "witness2": pad, "executor": pad},  # type: ignore[dict-item]
    )  # fmt: skip
    if target == "reported":
        rt.record_feedback(
            _at(clerk, reported_day), lst.id, lst.version, reported_to="总经理 周强",
            reported_on=reported_day.date(),
            feedback=f"已按批准的清册在档案室碎纸间粉碎销毁 {len(lst.items_in(rt.ItemState.DESTROYED))} 卷，"
            "监销人孙丽、赵敏到场监督，销毁清册已归档永久保存。",
        )  # fmt: skip


# the finished round's findings, one in every state: card index, kind, what is wrong, its fate
ROUND_FINDINGS = (
    ("missing_pages", "购销合同第3页缺失", "open"),
    ("damage", "卷皮受潮起皱，边角破损", "proposed"),
    ("outdated", "联系人电话已停用，法定代表人已变更", "approved"),
    ("wrong_location", "卷宗放在相邻的柜中", "overdue"),
    ("other", "卷内文件目录与实际文件顺序不符", "rejected"),
    ("missing_pages", "缺营业执照复印件第2页", "resolved"),
)


def _make_round(
    actors: dict[str, Actor], now: dt.datetime, card_ids: list[int], steps: _Steps
) -> None:
    """The last review period's round, gone through over its month and closed, with findings
    left in every state: no proposal yet, awaiting approval, approved (one overdue), sent back,
    resolved — approved logged in, on paper and on the pad."""
    from archive_desk import inspection as ins

    steps.step(INSPECTION_PARTS["round"])
    clerk, manager = actors["lihua"], actors["chenjing"]
    previous = ins.period_start(ins.period_start(now.date()) - dt.timedelta(days=1))
    begun = dt.datetime.combine(previous + dt.timedelta(days=3), dt.time(9, 0))
    cutoff = dt.datetime.combine(previous, dt.time())
    kept = Card.select(Card.id, Card.created_at).where(
        Card.id.in_(card_ids) & (Card.status == "active")
    )
    old = [c.id for c in kept.order_by(Card.id) if c.created_at < cutoff]
    if len(old) < len(ROUND_FINDINGS) + 2:
        return  # a demo archive too small (or too new) for a past round

    def at(actor: Actor, days: float, hours: int = 0) -> Actor:
        return _at(actor, begun + dt.timedelta(days=days, hours=hours))

    review = ins.start_round(at(clerk, 0), kind="periodic", note="每年2月、8月例行检查")
    gone = old[: max(len(ROUND_FINDINGS), len(old) * 9 // 10)]
    for sitting in range(4):  # four sittings over the month
        ins.mark_reviewed(at(clerk, 1 + sitting * 6), gone[sitting::4])
    for n, (kind, text, fate) in enumerate(ROUND_FINDINGS):
        f = ins.new_finding(
            at(clerk, 2 + n), old[n], kind=kind, description=text, round_id=review.id
        )
        if fate == "open":
            continue
        due = (
            now.date() + dt.timedelta(days=20)
            if fate != "overdue"
            else previous + dt.timedelta(days=40)
        )
        if fate == "resolved":
            due = previous + dt.timedelta(days=25)
        f = ins.propose(at(clerk, 2 + n, 1), f.id, f.version, proposal=_PROPOSALS[kind], due_on=due)
        if fate == "proposed":
            continue
        later = at(manager, 3 + n)
        if fate == "rejected":
            ins.decide(later, f.id, f.version, approve=False, comment="请先与业务员核实后再提意见")
            continue
        if fate == "overdue":
            f = ins.decide(at(clerk, 3 + n), f.id, f.version, approve=True, comment="同意",
                           method="paper", approver_id=manager.user_id, paper_ref="整改审批 08-01")  # fmt: skip
        elif fate == "resolved":
            f = ins.decide(at(clerk, 3 + n), f.id, f.version, approve=True, comment="同意",
                           method="pad", approver_id=manager.user_id,
                           signature_png=scribble_png(777))  # fmt: skip
        else:
            f = ins.decide(later, f.id, f.version, approve=True, comment="同意，尽快办理")
        if fate == "resolved":
            ins.resolve(at(clerk, 12), f.id, f.version, resolution="已请业务员补交复印件并归卷",
                        resolved_on=(begun + dt.timedelta(days=11)).date(), helpers="销售一部 张伟")  # fmt: skip
    review = ins.get_round(clerk, review.id)
    ins.close_round(at(clerk, 24), review.id, review.version, note="其余档案卡下期补查",
                    confirm_warnings=True)  # fmt: skip


_PROPOSALS = {
    "missing_pages": "请业务员向客户索取补齐后归卷",
    "damage": "送修复，换新卷皮",
    "outdated": "请业务员核实后更新档案卡",
    "wrong_location": "移回 01 柜原位并核对相邻档案",
    "other": "按实际文件重编卷内目录",
}


def _make_inventory(
    actors: dict[str, Actor], now: dt.datetime, card_ids: list[int], steps: _Steps
) -> None:
    """An inventory of the fullest cabinet, in progress: most folders scanned, one found there
    but recorded elsewhere, an unknown label, one scanned twice, a few not yet scanned."""
    from archive_desk import inspection as ins

    steps.step(INSPECTION_PARTS["inventory"])
    clerk = actors["lihua"]
    rows = list(
        Card.select(Card.id, Card.archive_no, Card.location_room, Card.location_cabinet)
        .where(Card.id.in_(card_ids) & (Card.status == "active"))
        .order_by(Card.id)
    )
    by_place: dict[tuple[str, str], list[Card]] = {}
    for c in rows:
        by_place.setdefault((c.location_room, c.location_cabinet), []).append(c)
    (room, cabinet), here = max(by_place.items(), key=lambda kv: (len(kv[1]), kv[0]))
    if len(here) < 3:
        return
    begun = now - dt.timedelta(hours=2)
    where = ins.Scope(ins.ScopeKind.LOCATION, location=ins.Location(room, cabinet))
    inventory = ins.start_inventory(_at(clerk, begun), where, note="季度盘点")
    lent = {c for c in (i.card_id for i in ins.inventory_items(clerk, inventory.id, "pending", 0, 10_000)
                        if i.lent_at_start) if c}  # fmt: skip
    shelf = [c for c in here if c.id not in lent]
    elsewhere = next(
        (c for c in rows if (c.location_room, c.location_cabinet) != (room, cabinet)), None
    )
    codes = [c.archive_no for c in shelf[: max(1, len(shelf) - 2)]]
    if elsewhere is not None:
        codes.insert(len(codes) // 2, elsewhere.archive_no)
    codes += ["GY1999001", codes[0]]  # a label the archive does not know; one scanned twice
    for n, code in enumerate(codes):
        ins.scan(_at(clerk, begun + dt.timedelta(minutes=5, seconds=20 * n)), inventory.id, code)
