"""What the demo data is made of: partner names and places in several scripts, owners,
titles, milestones, FX rates, and the seeded generator of each agreement's values."""

# Tables of names, one entry a line, read better than wrapped (as in demo.py before).
# ruff: noqa: E501

from __future__ import annotations

import random
import unicodedata
from datetime import date, timedelta
from decimal import Decimal
from itertools import accumulate
from typing import Any

from app.domain.enums import (
    AgreementStatus,
    AgreementType,
    AuthorisationLevel,
    ChargebackLiability,
    LogisticsService,
    MarketingChannel,
    OperatingModel,
    PartnerRole,
    PartnerStatus,
    PaymentMethod,
    RateBasis,
    SharedResource,
)
from app.services.demo_random import choice, randint
from app.services.demo_terms import type_terms

COUNTRIES = [
    ("FR", "EUR", ["Maison", "Lumière", "Belle", "Provence", "Atelier"], ["美颂", "璐米", "贝乐", "普罗旺", "雅特"]),
    ("DE", "EUR", ["Nordwerk", "Klar", "Rhein", "Alpen", "Sonnen"], ["诺德", "克拉", "莱茵", "阿尔卑", "桑能"]),
    ("IT", "EUR", ["Bella", "Toscana", "Milano", "Vero", "Sole"], ["贝拉", "托斯卡", "米兰", "维罗", "索勒"]),
    ("JP", "JPY", ["Sakura", "Hoshi", "Kaze", "Yama", "Umi"], ["樱", "星", "风", "山", "海"]),
    ("KR", "KRW", ["Hana", "Seoul", "Bom", "Dal", "Nara"], ["韩娜", "首尔", "春", "月", "那拉"]),
    ("US", "USD", ["Pacific", "Liberty", "Summit", "Harbor", "Prairie"], ["太平洋", "自由", "峰会", "港湾", "草原"]),
    ("GB", "GBP", ["Thames", "Windsor", "Highland", "Oxford", "Bristol"], ["泰晤士", "温莎", "高地", "牛津", "布里斯托"]),
    ("AU", "AUD", ["Koala", "Outback", "Coral", "Southern", "Tasman"], ["考拉", "内陆", "珊瑚", "南方", "塔斯曼"]),
    ("NZ", "NZD", ["Kiwi", "Manuka", "Alpine", "Fern", "Tui"], ["奇异", "麦卢卡", "高山", "蕨", "图伊"]),
    ("CH", "CHF", ["Helvetia", "Matter", "Lac", "Edel", "Berg"], ["瑞峰", "马特", "湖", "埃德", "伯格"]),
    ("NL", "EUR", ["Tulp", "Delta", "Oranje", "Molen", "Zee"], ["郁金香", "三角洲", "橙", "风车", "海"]),
    ("SG", "SGD", ["Lion", "Merlion", "Straits", "Orchid", "Marina"], ["狮", "鱼尾狮", "海峡", "兰", "滨海"]),
    ("HK", "HKD", ["Victoria", "Harbour", "Kowloon", "Pearl", "Peak"], ["维多利亚", "海港", "九龙", "明珠", "山顶"]),
    ("CN", "CNY", ["Huaxia", "Jinshan", "Changjiang", "Dongfang", "Xinghai"], ["华夏", "金山", "长江", "东方", "星海"]),
    ("TH", "THB", ["Siam", "Lanna", "Chao", "Andaman", "Isan"], ["暹罗", "兰纳", "湄南", "安达曼", "依善"]),
    ("SE", "SEK", ["Nordic", "Fjäll", "Skog", "Ljus", "Vind"], ["北欧", "山", "森林", "光", "风"]),
    ("CA", "CAD", ["Maple", "Boreal", "Rocky", "Lakeshore", "Aurora"], ["枫叶", "北方", "落基", "湖岸", "极光"]),
    ("ES", "EUR", ["Sol", "Iberia", "Costa", "Luna", "Sierra"], ["太阳", "伊比利亚", "海岸", "月", "山脉"]),
]  # fmt: skip

_ROLE_WORDS: dict[PartnerRole, tuple[list[str], list[str]]] = {
    PartnerRole.BRAND_OWNER: (["Cosmetics", "Nutrition", "Baby Care", "Fashion", "Skincare", "Wines"],
                              ["化妆品", "营养品", "母婴", "时尚", "护肤", "酒业"]),
    PartnerRole.LOGISTICS_PROVIDER: (["Logistics", "Freight", "Express", "Customs Brokers", "Bonded Warehousing"],
                                     ["物流", "货运", "快递", "报关", "保税仓储"]),
    PartnerRole.MARKETING_CHANNEL: (["Media", "Live Commerce", "Digital Marketing", "KOL Studio", "Outdoor Media"],
                                    ["传媒", "直播电商", "数字营销", "达人工作室", "户外传媒"]),
    PartnerRole.PAYMENT_INSTITUTION: (["Payments", "Pay", "Settlement Services", "FinTech"],
                                      ["支付", "付", "结算服务", "金融科技"]),
    PartnerRole.ECOMMERCE_PLATFORM: (["Marketplace", "Shop", "E-Commerce", "Online Mall"],
                                     ["市集", "商城", "电子商务", "网上商城"]),
}  # fmt: skip
_SUFFIX = {
    "FR": "S.A.S.",
    "DE": "GmbH",
    "IT": "S.r.l.",
    "JP": "K.K.",
    "KR": "Co., Ltd.",
    "US": "Inc.",
    "GB": "Ltd",
    "AU": "Pty Ltd",
    "NZ": "Ltd",
    "CH": "AG",
    "NL": "B.V.",
    "SG": "Pte. Ltd.",
    "HK": "Limited",
    "CN": "有限公司",
    "TH": "Co., Ltd.",
    "SE": "AB",
    "CA": "Inc.",
    "ES": "S.L.",
}

_QUALIFIERS = [
    "Global",
    "International",
    "Trading",
    "Group",
    "Premium",
    "Pacific",
    "Royal",
    "United",
    "Alliance",
    "Heritage",
    "Modern",
    "Natural",
    "Star",
    "Golden",
    "Blue",
    "Green",
    "First",
    "Prime",
    "Metro",
    "Union",
]
_QUALIFIERS_ZH = [
    "环球",
    "国际",
    "贸易",
    "集团",
    "优品",
    "太平洋",
    "皇家",
    "联合",
    "联盟",
    "传承",
    "摩登",
    "自然",
    "星辰",
    "金",
    "蓝",
    "绿",
    "第一",
    "至尊",
    "都会",
    "联华",
]
TYPE_FOR_ROLE = {
    PartnerRole.BRAND_OWNER: AgreementType.BRAND,
    PartnerRole.LOGISTICS_PROVIDER: AgreementType.LOGISTICS,
    PartnerRole.MARKETING_CHANNEL: AgreementType.MARKETING,
    PartnerRole.PAYMENT_INSTITUTION: AgreementType.PAYMENT,
    PartnerRole.ECOMMERCE_PLATFORM: AgreementType.PLATFORM,
}
TYPE_WEIGHTS = [
    (AgreementType.BRAND, 45), (AgreementType.LOGISTICS, 20), (AgreementType.MARKETING, 18),
    (AgreementType.PAYMENT, 8), (AgreementType.PLATFORM, 9),
]  # fmt: skip
OWNERS = [
    "Li Wei",
    "Zhang Min",
    "Wang Fang",
    "Chen Jing",
    "Liu Yang",
    "Emma Schmidt",
    "Yuki Tanaka",
    "Zhao Lei",
    "Sun Li",
    "Olivia Brown",
    "Huang Tao",
    "Kim Ji-woo",
]
# The demo's people beyond the owners above (editors): who approves, in which team. Owners
# alternate between the two teams, so "editors change only their team's agreements" shows.
DEMO_TEAMS = ("Brand partnerships", "Service partnerships")
DEMO_APPROVERS = {"Zhang Min": "approver", "Wang Fang": "approver", "Chen Jing": "admin"}
# Asked for by the demo only where no policy is set: brand deals from CNY 5M need two
# approvals, one of them an admin's; any deal from CNY 20M needs two.
DEMO_POLICIES = ((AgreementType.BRAND, "5000000", 2, True), (None, "20000000", 2, False))
# Units of CNY for one unit of the currency, around the start of 2026.
FX = {
    "EUR": "7.8210",
    "USD": "7.1350",
    "JPY": "0.0478",
    "KRW": "0.005210",
    "GBP": "9.1030",
    "AUD": "4.6810",
    "NZD": "4.2290",
    "CHF": "8.3120",
    "SGD": "5.3040",
    "HKD": "0.9160",
    "THB": "0.2040",
    "SEK": "0.6820",
    "CAD": "5.1560",
}
# status_and_dates' draws, built once instead of per agreement (the same draws: choices()
# with cum_weights is what it does with weights after accumulating them).
_STATUSES = tuple(AgreementStatus)
_STATUS_CUM_WEIGHTS = list(accumulate([5, 8, 5, 55, 14, 5, 8]))
_NOTICES = (30, 30, 60, 60, 90, 90, 120, 180)
_YEARS = (1, 1, 2, 2, 3)
# Each enum's members once, in their order: draws from them are draws from list(enum).
_AUTHORISATION_LEVELS = tuple(AuthorisationLevel)
_LOGISTICS_SERVICES = tuple(LogisticsService)
_RATE_BASES = tuple(RateBasis)
_MARKETING_CHANNELS = tuple(MarketingChannel)
_PAYMENT_METHODS = tuple(PaymentMethod)
_CHARGEBACK_LIABILITIES = tuple(ChargebackLiability)
_SHARED_RESOURCES = tuple(SharedResource)

_CATEGORIES = [
    "Skincare",
    "Make-up",
    "Infant formula",
    "Health supplements",
    "Fashion",
    "Wine & spirits",
    "Home appliances",
    "Pet food",
    "Fragrance",
    "Sports nutrition",
]
_ROUTES = [
    "Frankfurt → Zhengzhou",
    "Los Angeles → Shanghai",
    "Tokyo → Ningbo",
    "Sydney → Guangzhou",
    "Rotterdam → Tianjin",
    "Incheon → Qingdao",
    "Singapore → Shenzhen",
    "Auckland → Hangzhou",
]
_MARKETS = ["Southeast Asia", "Hong Kong SAR", "Middle East", "Europe", "North America", "Japan"]
_PLATFORMS = ["Lazada", "Shopee", "Noon", "Zalando", "Rakuten", "Coupang", "Mercado Libre"]
_TITLES = {
    # Brand titles by operating model below: a listing is the platform model, an import the
    # direct one (we buy the goods).
    AgreementType.BRAND: [],
    AgreementType.LOGISTICS: ["Bonded warehouse services {year}", "International freight {route}",
                              "Customs clearance services {year}", "Last-mile delivery {year}"],
    AgreementType.MARKETING: ["{season} livestream campaign", "{season} promotion {year}",
                              "KOL seeding programme {year}", "Offline pop-up promotion {year}"],
    AgreementType.PAYMENT: ["Cross-border checkout {year}", "Multi-currency settlement {year}",
                            "Wallet acceptance agreement {year}"],
    AgreementType.PLATFORM: ["Traffic sharing with {platform}", "User exchange with {platform}",
                             "Inventory sharing with {platform}"],
}  # fmt: skip
_FESTIVALS = {1: "Chinese New Year", 2: "Chinese New Year", 3: "Spring", 4: "Spring",
              5: "618", 6: "618", 7: "Summer", 8: "Summer", 9: "Golden Week",
              10: "Double 11", 11: "Double 11", 12: "Double 12"}  # fmt: skip
_BRAND_TITLES = {
    OperatingModel.PLATFORM: ["{brand} flagship store distribution", "{brand} cross-border authorisation",
                              "{brand} platform listing agreement"],
    OperatingModel.DIRECT: ["{brand} exclusive import agreement", "{brand} direct supply agreement",
                            "{brand} bonded import agreement"],
}  # fmt: skip
MILESTONES = {
    AgreementType.BRAND: ["Brand authorisation letter renewed", "Annual purchase review",
                          "Store launch", "Quarterly GMV review"],
    AgreementType.LOGISTICS: ["SLA review", "Warehouse audit", "Insurance certificate renewal"],
    AgreementType.MARKETING: ["Campaign brief signed off", "Campaign launch", "Post-campaign ROI report"],
    AgreementType.PAYMENT: ["PCI DSS attestation", "AML/KYC annual review", "Settlement reconciliation"],
    AgreementType.PLATFORM: ["Data-sharing DPA signed", "Joint campaign launch", "Half-year review"],
}  # fmt: skip


def ascii_name(text: str) -> str:
    """ "Chloé" -> "Chloe": mailbox names are ASCII in practice."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def tiny_pdf(text: str) -> bytes:
    """A small but valid one-page PDF, so an opened demo attachment shows something."""
    stream = f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET".encode("latin-1", "replace")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


class Generator:
    def __init__(self, seed: int, today: date) -> None:
        self.rng = random.Random(seed)
        # The terms of #14 draw from their own stream, so everything drawn before them
        # (partners, values, dates, titles) stays what it was for a given seed.
        self.more = random.Random(seed * 7919 + 14)
        self.today = today

    def partners(self, count: int) -> list[dict[str, Any]]:
        rng = self.rng
        rows = []
        seen: set[tuple[str, str]] = set()
        roles = list(PartnerRole)
        for i in range(count):
            country, _, stems, zh_stems = COUNTRIES[i % len(COUNTRIES)]
            role = (
                roles[i % len(roles)]
                if i < 50
                else rng.choices(roles, weights=[50, 18, 16, 6, 10])[0]
            )
            k = rng.randrange(len(stems))
            words, zh_words = _ROLE_WORDS[role]
            w = rng.randrange(len(words))
            name = f"{stems[k]} {words[w]} {_SUFFIX[country]}"
            # Real companies differ by a second word before they differ by a number.
            qualifier = 0
            zh_extra = ""
            while (name, country) in seen:
                zh_extra = _QUALIFIERS_ZH[qualifier % len(_QUALIFIERS)]
                extra = _QUALIFIERS[qualifier % len(_QUALIFIERS)]
                round_ = qualifier // len(_QUALIFIERS)
                tail = f" {round_ + 1}" if round_ else ""
                name = f"{stems[k]} {extra} {words[w]}{tail} {_SUFFIX[country]}"
                qualifier += 1
            seen.add((name, country))
            round_zh = (
                f"{qualifier // len(_QUALIFIERS) + 1}" if qualifier > len(_QUALIFIERS) else ""
            )
            local = f"{zh_stems[k]}{zh_extra}{zh_words[w]}{round_zh}有限公司"
            second_role = rng.random() < 0.15
            rows.append(
                {
                    "legal_name": name,
                    "local_name": local,
                    "country": country,
                    "website": f"https://www.{stems[k].lower()}-{words[w].split()[0].lower()}.example",
                    "status": PartnerStatus.ACTIVE
                    if rng.random() < 0.9
                    else PartnerStatus.PROSPECT,
                    "notes": "",
                    "_role": role,
                    "_roles": {role} | ({choice(rng, roles)} if second_role else set()),
                    "_currency": COUNTRIES[i % len(COUNTRIES)][1],
                }
            )
        return rows

    def status_and_dates(self, i: int) -> tuple[AgreementStatus, date, date, int, date | None]:
        rng, today = self.rng, self.today
        statuses = _STATUSES
        notice = choice(rng, _NOTICES)
        years = choice(rng, _YEARS)
        if i < len(statuses):  # every status present even in a tiny demo
            status = statuses[i]
        else:
            # cum_weights: what choices() accumulates from weights on every call, once.
            status = rng.choices(statuses, cum_weights=_STATUS_CUM_WEIGHTS)[0]
        if status in (
            AgreementStatus.DRAFT,
            AgreementStatus.NEGOTIATION,
            AgreementStatus.PENDING_APPROVAL,
        ):
            start = today + timedelta(days=randint(rng, -30, 200))
        elif status is AgreementStatus.ACTIVE:
            # Decision dates spread from a few weeks ago to three years out.
            decision = today + timedelta(days=randint(rng, -20, 365 * years))
            end = decision + timedelta(days=notice)
            start = end - timedelta(days=365 * years - 1)
            return status, start, end, notice, start - timedelta(days=randint(rng, 5, 40))
        else:  # ended: expired, terminated, renewed
            end = today - timedelta(days=randint(rng, 1, 900))
            start = end - timedelta(days=365 * years - 1)
            return status, start, end, notice, start - timedelta(days=randint(rng, 5, 40))
        end = start + timedelta(days=365 * years - 1)
        signed = (
            None
            if status is not AgreementStatus.PENDING_APPROVAL or rng.random() < 0.5
            else today - timedelta(days=randint(rng, 1, 20))
        )
        return status, start, end, notice, signed

    def value(self, t: AgreementType, currency: str) -> Decimal:
        base_cny = {
            AgreementType.BRAND: (2_000_000, 80_000_000), AgreementType.LOGISTICS: (500_000, 20_000_000),
            AgreementType.MARKETING: (200_000, 10_000_000), AgreementType.PAYMENT: (100_000, 5_000_000),
            AgreementType.PLATFORM: (300_000, 30_000_000),
        }[t]  # fmt: skip
        cny = Decimal(randint(self.rng, *base_cny))
        rate = Decimal(FX.get(currency, "1"))
        amount = (cny / rate).quantize(Decimal(1000) if rate < 1 else Decimal(100))
        return amount.quantize(Decimal("0.01"))

    def terms(
        self, t: AgreementType, partner: dict[str, Any], value: Decimal, start: date
    ) -> dict[str, Any]:
        terms = self._first_terms(t, partner, value, start)
        terms.update(type_terms(self.more, t, terms, partner, value, self.today))
        return terms

    def _first_terms(
        self, t: AgreementType, partner: dict[str, Any], value: Decimal, start: date
    ) -> dict[str, Any]:
        rng = self.rng

        def pct(lo: float, hi: float) -> Decimal:
            return Decimal(randint(rng, int(lo * 100), int(hi * 100))) / 100

        if t is AgreementType.BRAND:
            model = OperatingModel.DIRECT if rng.random() < 0.42 else OperatingModel.PLATFORM
            brand = partner["legal_name"].split()[0]
            return {
                "brands": (brand, f"{brand} Pro") if rng.random() < 0.3 else (brand,),
                "product_categories": tuple(rng.sample(_CATEGORIES, randint(rng, 1, 3))),
                "operating_model": model,
                "exclusive": rng.random() < 0.25,
                "authorisation_level": choice(rng, _AUTHORISATION_LEVELS),
                "annual_minimum_purchase": (value * Decimal("0.6")).quantize(Decimal(1))
                if model is OperatingModel.DIRECT
                else None,
                "commission_rate_pct": pct(3, 12) if model is OperatingModel.PLATFORM else None,
                "gmv_target": (value * randint(rng, 2, 6)).quantize(Decimal(1)),
            }
        if t is AgreementType.LOGISTICS:
            return {
                "services": tuple(
                    s.value for s in rng.sample(_LOGISTICS_SERVICES, randint(rng, 1, 4))
                ),
                "routes": tuple(rng.sample(_ROUTES, randint(rng, 1, 2))),
                "delivery_sla_days": choice(rng, [3, 5, 7, 10, 14]),
                "on_time_target_pct": pct(92, 99),
                "loss_damage_cap_pct": pct(0.1, 1),
                "rate_basis": choice(rng, _RATE_BASES),
                "rate": pct(1, 60),
                "liability_cap": (value * Decimal("0.2")).quantize(Decimal(1)),
            }
        if t is AgreementType.MARKETING:
            return {
                "channels": tuple(
                    c.value for c in rng.sample(_MARKETING_CHANNELS, randint(rng, 1, 3))
                ),
                "budget": value,
                "partner_cost_share_pct": pct(0, 50),
                "campaign_start": start + timedelta(days=randint(rng, 0, 60)),
                "campaign_end": start + timedelta(days=randint(rng, 61, 200)),
                "target_impressions": randint(rng, 1, 500) * 100_000,
                "target_conversion_rate_pct": pct(1, 6),
                "target_roi": pct(1.5, 6),
            }
        if t is AgreementType.PAYMENT:
            return {
                "payment_methods": tuple(
                    m.value for m in rng.sample(_PAYMENT_METHODS, randint(rng, 1, 4))
                ),
                "settlement_currencies": tuple(sorted({"CNY", partner["_currency"]})),
                "fee_rate_pct": pct(0.4, 3),
                "settlement_cycle_days": choice(rng, [1, 2, 3, 7]),
                "fx_markup_pct": pct(0.1, 1.5),
                "chargeback_liability": choice(rng, _CHARGEBACK_LIABILITIES),
                "pci_dss": rng.random() < 0.9,
                "aml_kyc": rng.random() < 0.95,
            }
        return {
            "partner_platform": choice(rng, _PLATFORMS),
            "markets": tuple(rng.sample(_MARKETS, randint(rng, 1, 3))),
            "shared_resources": tuple(
                r.value for r in rng.sample(_SHARED_RESOURCES, randint(rng, 1, 3))
            ),
            "revenue_share_pct": pct(5, 30),
            "target_users": randint(rng, 10, 2000) * 1000,
            "target_gmv": (value * randint(rng, 3, 10)).quantize(Decimal(1)),
        }

    def title(
        self, t: AgreementType, partner: dict[str, Any], start: date, terms: dict[str, Any]
    ) -> str:
        if t is AgreementType.BRAND:
            template = choice(self.rng, _BRAND_TITLES[OperatingModel(terms["operating_model"])])
        else:
            template = choice(self.rng, _TITLES[t])
        return template.format(
            brand=partner["legal_name"].split()[0],
            # A campaign is named after the year it runs in, which may be after the signing.
            year=getattr(terms.get("campaign_start"), "year", start.year),
            route=(terms.get("routes") or ("",))[0],
            platform=terms.get("partner_platform", ""),
            season=self._season(terms),
        )

    def _season(self, terms: dict[str, Any]) -> str:
        """The shopping festival a campaign's start date falls before: a "618 livestream
        campaign" starts in May or June, a Double 11 one in October or November."""
        spare = self.rng.random()  # drawn as before, so the rest of the demo stays the same
        day = terms.get("campaign_start")
        if not isinstance(day, date):
            return "Spring" if spare < 0.5 else "Summer"
        return _FESTIVALS[day.month]
