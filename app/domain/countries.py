"""ISO 3166-1 alpha-2 country codes with English and Chinese short names."""

from __future__ import annotations

# Names for the markets partnership managers actually meet; every other assigned code is
# accepted and shown as its code.
_NAMES: dict[str, tuple[str, str]] = {
    "AE": ("United Arab Emirates", "阿联酋"), "AR": ("Argentina", "阿根廷"),
    "AT": ("Austria", "奥地利"), "AU": ("Australia", "澳大利亚"), "BE": ("Belgium", "比利时"),
    "BR": ("Brazil", "巴西"), "CA": ("Canada", "加拿大"), "CH": ("Switzerland", "瑞士"),
    "CL": ("Chile", "智利"), "CN": ("China", "中国"), "CZ": ("Czechia", "捷克"),
    "DE": ("Germany", "德国"), "DK": ("Denmark", "丹麦"), "ES": ("Spain", "西班牙"),
    "FI": ("Finland", "芬兰"), "FR": ("France", "法国"), "GB": ("United Kingdom", "英国"),
    "GR": ("Greece", "希腊"), "HK": ("Hong Kong SAR", "中国香港"), "ID": ("Indonesia", "印度尼西亚"),
    "IE": ("Ireland", "爱尔兰"), "IL": ("Israel", "以色列"), "IN": ("India", "印度"),
    "IT": ("Italy", "意大利"), "JP": ("Japan", "日本"), "KR": ("South Korea", "韩国"),
    "MO": ("Macao SAR", "中国澳门"), "MX": ("Mexico", "墨西哥"), "MY": ("Malaysia", "马来西亚"),
    "NL": ("Netherlands", "荷兰"), "NO": ("Norway", "挪威"), "NZ": ("New Zealand", "新西兰"),
    "PH": ("Philippines", "菲律宾"), "PL": ("Poland", "波兰"), "PT": ("Portugal", "葡萄牙"),
    "RU": ("Russia", "俄罗斯"), "SA": ("Saudi Arabia", "沙特阿拉伯"), "SE": ("Sweden", "瑞典"),
    "SG": ("Singapore", "新加坡"), "TH": ("Thailand", "泰国"), "TR": ("Türkiye", "土耳其"),
    "TW": ("Taiwan, China", "中国台湾"), "US": ("United States", "美国"), "VN": ("Viet Nam", "越南"),
    "ZA": ("South Africa", "南非"),
}  # fmt: skip

COUNTRIES: frozenset[str] = frozenset(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
    BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
    DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS
    GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
    KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ
    MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
    PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV
    SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
    VN VU WF WS YE YT ZA ZM ZW
    """.split()
)


def is_country(code: str) -> bool:
    return code in COUNTRIES


def country_name(code: str, lang: str = "en") -> str:
    names = _NAMES.get(code)
    if names is None:
        return code
    return names[1] if lang == "zh" else names[0]
