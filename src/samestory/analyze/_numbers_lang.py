"""Per-language number vocabulary for ``numbers.py``: multipliers, percent and currency words,
units, approximators, vague quantities and the small words that end a counted noun phrase.

Entries are regexes matched case-insensitively; (regex, value) pairs are tried in order, so put
longer forms first ("mil millones" before "mil").
"""

from __future__ import annotations

from dataclasses import dataclass

Pairs = tuple[tuple[str, object], ...]


@dataclass(frozen=True, slots=True)
class NumLang:
    decimal_comma: bool = False  # "1,5" is one and a half; "1.500" is fifteen hundred
    approx: str = ""  # before the number: "some", "etwa", "около"
    approx_after: str = ""  # after it: "or so", "civarında", "多"
    mult: Pairs = ()  # multiplier words after the number -> factor
    percent: str = ""  # percent words after the number
    percent_before: str = ""  # "yüzde 90", "百分之"
    currency: Pairs = ()  # currency words after the number -> ISO code
    units: Pairs = ()  # unit words -> unit code
    connector: str = ""  # between a vague quantity or percent and its noun: "of", "de", "di"
    vague: Pairs = ()  # "dozens" -> 24, lower case (scanned on lower-cased text)
    fractions: Pairs = ()  # "half" -> 50 (a percent), lower case
    ordinal: str = ""  # suffix right after the digits: "st|nd|rd|th"
    labels: str = ""  # words before a number that make it a label, not a figure ("Article 5")
    determiners: frozenset[str] = frozenset()  # skipped before a counted noun after the connector
    stop: frozenset[str] = frozenset()  # words that end a counted noun phrase
    head_first: bool = False  # the noun comes before its adjectives (fr, es, it, pt, ar)
    max_words: int = 2  # words in a counted noun phrase
    vague_needs_connector: bool = False  # "dozens" counts only in "dozens of"


# Shared by every language: symbols and ISO codes.
SYMBOLS_BEFORE: Pairs = (
    (r"US\$", "USD"),
    (r"A\$", "AUD"),
    (r"C\$", "CAD"),
    (r"HK\$", "HKD"),
    (r"S\$", "SGD"),
    (r"NZ\$", "NZD"),
    (r"R\$", "BRL"),
    (r"\$", "USD"),
    (r"€", "EUR"),
    (r"£", "GBP"),
    (r"¥", "JPY"),
    (r"₽", "RUB"),
    (r"₺", "TRY"),
    (r"₹", "INR"),
    (r"₴", "UAH"),
    (r"₩", "KRW"),
    (r"₦", "NGN"),
    (r"Rs\.?", "INR"),
)
CODES = (
    "USD|EUR|GBP|RUB|JPY|CNY|RMB|CHF|TRY|AZN|AMD|UAH|PLN|INR|BRL|CAD|AUD|SEK|NOK|DKK|KZT|GEL|SAR|AED|EGP|"
    "NGN|ZAR|MXN|KRW|HKD|SGD|IRR|QAR|KWD|BYN|CZK|HUF|RON|ILS"
)
SYMBOLS_AFTER: Pairs = (
    (r"€", "EUR"),
    (r"\$", "USD"),
    (r"£", "GBP"),
    (r"₽", "RUB"),
    (r"₺", "TRY"),
    (r"zł", "PLN"),
    (r"TL", "TRY"),
    (r"руб\.", "RUB"),
    (r"долл\.", "USD"),
)
UNITS_COMMON: Pairs = (
    (r"km/h|km/ч|kmh", "km/h"),
    (r"mph", "mph"),
    (r"km²|km2|sq\.?\s*km|кв\.\s*км", "km2"),
    (r"km|км", "km"),
    (r"kg|кг", "kg"),
    (r"TWh", "TWh"),
    (r"GWh", "GWh"),
    (r"MWh", "MWh"),
    (r"kWh", "kWh"),
    (r"GW|ГВт", "GW"),
    (r"MW|МВт", "MW"),
    (r"kW|кВт", "kW"),
    (r"bcm", "bcm"),
    (r"m³|m3|куб\.\s*м", "m3"),
    (r"bpd|b/d", "bpd"),
    (r"°C|° C", "degC"),
    (r"°F", "degF"),
    (r"ha|га", "ha"),
    (r"mm|мм", "mm"),
    (r"cm|см", "cm"),
)
TIME_UNITS_EN: Pairs = (
    (r"years?-old|years?\s+old", "age"),
    (r"decades?", "decade"),
    (r"years?", "year"),
    (r"months?", "month"),
    (r"weeks?", "week"),
    (r"days?", "day"),
    (r"hours?|hrs?", "hour"),
    (r"minutes?|mins?", "minute"),
    (r"seconds?", "second"),
)

EN = NumLang(
    vague_needs_connector=True,
    approx=r"some|about|around|nearly|almost|approximately|approx\.?|roughly|more\s+than|over|up\s+to|at\s+least|"
    r"an\s+estimated|estimated|close\s+to|upwards\s+of|fewer\s+than|less\s+than|under|just\s+over|"
    r"just\s+under|as\s+many\s+as|as\s+much\s+as|well\s+over|at\s+most|no\s+more\s+than|no\s+fewer\s+than|"
    r"no\s+less\s+than|circa|c\.|approaching|in\s+excess\s+of|above|below|almost|nigh\s+on",
    approx_after=r"or\s+so|or\s+more|-odd|-plus|\+",
    mult=((r"trillion|tn|trn", 1e12), (r"billion|bn|bln", 1e9), (r"million|mln|mn", 1e6), (r"thousand", 1e3)),
    percent=r"%|percent|per\s+cent|pct|percentage\s+points?",
    currency=(
        (r"US\s+dollars?|dollars?", "USD"),
        (r"euros?", "EUR"),
        (r"pounds?(?:\s+sterling)?|sterling", "GBP"),
        (r"r[ou]?ubles?", "RUB"),
        (r"yuan|renminbi", "CNY"),
        (r"yen", "JPY"),
        (r"(?:Turkish\s+)?liras?", "TRY"),
        (r"manats?", "AZN"),
        (r"drams?", "AMD"),
        (r"rupees?", "INR"),
        (r"hryvnias?", "UAH"),
        (r"zlotys?", "PLN"),
        (r"Swiss\s+francs?", "CHF"),
    ),
    units=UNITS_COMMON
    + TIME_UNITS_EN
    + (
        (r"kilomet(?:er|re)s?", "km"),
        (r"square\s+kilomet(?:er|re)s?", "km2"),
        (r"miles?", "mi"),
        (r"met(?:er|re)s?", "m"),
        (r"cubic\s+met(?:er|re)s?", "m3"),
        (r"billion\s+cubic\s+met(?:er|re)s?", "bcm"),
        (r"kilo(?:gram(?:me)?)?s?", "kg"),
        (r"(?:metric\s+)?tonnes?|(?:metric\s+)?tons?", "t"),
        (r"barrels?\s+(?:a|per)\s+day", "bpd"),
        (r"barrels?", "bbl"),
        (r"megawatts?", "MW"),
        (r"gigawatts?", "GW"),
        (r"kilowatts?", "kW"),
        (r"hectares?", "ha"),
        (r"acres?", "acre"),
        (r"lit(?:er|re)s?", "l"),
        (r"degrees?(?:\s+Celsius)?", "degC"),
        (r"feet|foot|ft", "ft"),
    ),
    connector=r"of",
    vague=(
        (r"tens\s+of\s+thousands", 2e4),
        (r"hundreds\s+of\s+thousands", 2e5),
        (r"tens\s+of\s+millions", 2e7),
        (r"hundreds\s+of\s+millions", 2e8),
        (r"dozens", 24),
        (r"hundreds", 200),
        (r"thousands", 2000),
        (r"millions", 2e6),
        (r"billions", 2e9),
    ),
    fractions=(
        (r"two[\s-]thirds", 200 / 3),
        (r"three[\s-]quarters", 75),
        (r"(?:a|one)[\s-]third", 100 / 3),
        (r"(?:a|one)[\s-]quarter", 25),
        (r"(?:a|one)[\s-]fifth", 20),
        (r"half", 50),
    ),
    ordinal=r"st|nd|rd|th",
    labels=r"No\.|no\.|Nos\.|Nr\.|№|#|[Nn]umber|Article|Section|Chapter|Resolution|Flight|Route|Highway|Interstate|"
    r"Page|Room|Item|Rule|Paragraph|Line|Unit|Gate|Terminal|Platform|Level|Phase|Stage|Round|Game|Episode|"
    r"Season|Volume|Version|Act|Decree|Protocol|Apollo|Windows|iPhone|Galaxy|Boeing|Airbus|Grade|Class|"
    r"Division|Block|Building|Lot|Ward|District|Zone|Sector|Channel|Track|Pier|Exit|Junction|Book|Part|"
    r"Figure|Fig\.|Table|Appendix|Annex|Amendment|Clause|Point|Bill|Law|Code|Category|Type|Model|Mark|"
    r"Tier|Level|Stage|Week|Day|Hall|Street|Avenue|Road|Lane|Box|Suite|Apartment|Apt\.|Floor|Studio|Camp",
    determiners=frozenset("the its their his her our my your all those these them this that".split()),
    stop=frozenset(
        "of in on at to from for with by into onto over after before since during and or but nor than as that "
        "which who whom whose were was is are be been being have has had will would could should may might must "
        "can did do does said says say according per a an the this these those its their his her our your my it "
        "they he she we you i not no more less each every all some other another such also still now then there "
        "here while when where if because so up down out off about around against between among through across "
        "toward towards under within without including plus minus than alone only just even already again "
        "yet ago last next first second third later earlier came went rose fell grew made took gave got saw left "
        "became began held told won lost paid set put cut hit ran stood fought sold bought brought built kept led "
        "met sent spent struck thought found meant show shows showed remain remains remained rise rises fall falls "
        "reach reached reaches come comes go goes went make makes take takes get gets need needs want wants "
        "live lived die died flee fled".split()
    ),
    max_words=3,
)


# Languages (beyond LANGS) that write a decimal comma and group thousands with "." or a space.
DECIMAL_COMMA = frozenset(
    "uk be bg cs sk sl hr sr bs mk sq ro hu fi sv nb no nn da is et lv lt el id vi az ka hy "
    "kk uz ky ca gl eu af".split()
)

EN_UNITS_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
EN_SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "dozen": 12}
EN_PLURALS = frozenset(
    "people children women men police personnel staff cattle livestock data media feet teeth "
    "mice geese sheep fish aircraft".split()
)
