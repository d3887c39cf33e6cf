"""Recognisers for the non-body parts of a scraped article, one paragraph at a time.

Each function looks at one stripped paragraph (or its start or end) and says what it is: a
byline, a date line, a photo caption, a dateline, a credit... They are pure and cheap (compiled
regexes); ``plaintext`` decides where in the article each one is allowed to apply, which is what
keeps an ordinary body paragraph from being mistaken for one of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from samestory.ingest.agencies import AGENCIES, agency_pattern, canonical_agency
from samestory.ingest.dates import MONTH_RE, Published, parse_date_at

_AGENCY_RE = agency_pattern()
# every spelling of every agency: short acronyms case-sensitive ("AP" but not "ap"), long names not
_SPELLINGS = sorted({n for ns in AGENCIES.values() for n in ns}, key=len, reverse=True)
_AG = (
    "(?:(?i:"
    + "|".join(re.escape(n) for n in _SPELLINGS if len(n) > 4)
    + ")|"
    + "|".join(re.escape(n) for n in _SPELLINGS if len(n) <= 4)
    + r")(?![\w])"
)
_AGS = rf"{_AG}(?:\s*(?:/|,|&|\+|and|et|und|и)\s*{_AG})*"

# a paragraph ending in one of these reads as a sentence (CJK, Arabic and Devanagari marks too)
TERMINAL = frozenset(".!?:;,…\"”»'’)]。！？：；，、」』）؟۔।")
_SENTENCE_END = frozenset(".!?…\"”»'’)。！？」』）؟۔।")
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def word_count(t: str) -> int:
    """Words, counting two CJK characters as one word (those scripts do not space words)."""
    return len(t.split()) + len(_CJK_RE.findall(t)) // 2


_DASH = "[-–—]"

# ---------------------------------------------------------------- header and trailer lines

_DATE_MARKER_RE = re.compile(r"date\s+(?=\d{4}-\d\d-\d\d)", re.IGNORECASE)
_PUBLISHED_KW_RE = re.compile(
    r"(?P<kw>published|posted|publish(?:ed)?\s+(?:on|at)|first\s+published|updated|last\s+updated|"
    r"last\s+modified|modified|date|publié|mis\s+à\s+jour|veröffentlicht|aktualisiert|publicado|"
    r"actualizado|pubblicato|aggiornato|opublikowano|aktualizacja|опубликовано|обновлено|дата\s+публикации)"
    r"\s*(?:on|at|le|am|el|il)?\s*[:|\-–]?\s*(?:on\s+)?",
    re.IGNORECASE,
)
_VIEWS_RE = re.compile(
    r"(?:count|views?|reads?|hits|просмотр\w*|vues|aufrufe)\s*:?\s*(?P<n>\d[\d,.\u00a0 ]*)", re.IGNORECASE
)
_UPDATED_RE = re.compile(
    r"(?:updated|last\s+updated|mis\s+à\s+jour|обновлено)\s*(?:on|at|le)?\s*[:|\-–]?\s*", re.IGNORECASE
)
_UPDATE_KEYWORDS = ("updated", "last", "modified", "mis", "aktual", "actual", "aggiorn", "обнов")
_LEFTOVER_RE = re.compile(r"[\s|·•,;:/\-–—()]*")

_BYLINE_RE = re.compile(
    r"(?:(?:written\s+|words\s+|reported\s+)?by|par|por|von|door|di|av|автор:?|"
    r"(?:author|authors|auteur|autor|autore)\s*:)\s+(?P<who>\S.{0,150})",
    re.IGNORECASE,
)
_NOT_A_NAME = re.compile(
    r"(?:the|a|an|this|that|then|now|late|early|mid|noon|midnight|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|\d)\b|" + MONTH_RE + r"\s*\d",  # "By October 9 ...", not "By Jan Kowalski"
    re.IGNORECASE,
)

LABELS = frozenset(
    {
        "video",
        "videos",
        "watch",
        "listen",
        "audio",
        "photos",
        "gallery",
        "photo gallery",
        "live",
        "live updates",
        "breaking",
        "breaking news",
        "exclusive",
        "opinion",
        "analysis",
        "explainer",
        "editorial",
        "commentary",
        "interview",
        "podcast",
        "sponsored",
        "premium",
        "fact check",
        "feature",
        "news",
        "world",
        "update",
        "updated",
        "vidéo",
        "видео",
        "фото",
        "эксклюзив",
        "mise à jour",
    }
)
_BOILERPLATE_RE = re.compile(
    r"(?:advertisement|advertising|ad|sponsored content|story continues below(?: advertisement)?|"
    r"continue reading(?: below| the main story)?|scroll to continue(?: with content)?|"
    r"share(?: this)?(?: article| story| on \w+)?|tweet|email|print|subscribe(?: now)?|"
    r"comments?|\d+ comments?|loading\.*|play video|copy link|copied|skip advert|реклама|publicité|"
    r"anzeige|werbung)[\s.!:]*"
    r"|(?:read|see)\s+(?:more|also|next)(?:\s*[:»>|\-–—].{0,300})?|(?:related|also read|more from|recommended)"
    r"(?:\s+(?:articles?|stories|news|content|topics?))?\s*:.{0,300}"
    r"|(?:tags?|topics?|keywords?)\s*:.{0,300}|our standards:.{0,200}"
    r"|click here to .{0,200}|sign up for .{0,100}newsletter.{0,100}"
    r"|follow (?:us|\w+) on (?:twitter|facebook|instagram|telegram|google news|linkedin|x)\b.{0,200}"
    r"|(?:(?:читайте|смотрите) также|(?:à )?lire aussi|lesen sie auch|lea también)(?:\s*[:»>|\-–—].{0,300})?",
    re.IGNORECASE,
)

_URL_LABEL_RE = re.compile(
    r"(?:original\s+(?:url|link|article|source)|source\s+(?:url|link)|canonical(?:\s+url)?|url|link|"
    r"permalink|article\s+(?:url|link)|(?:read\s+)?(?:the\s+)?original(?:\s+article)?)\s*:\s*"
    r"(?P<url>(?:https?://|www\.)\S+)?",
    re.IGNORECASE,
)
_BARE_URL_RE = re.compile(r"<?(?P<url>(?:https?://|www\.)[^\s<>]+)>?")


def date_marker(t: str) -> tuple[Published, int] | None:
    """``date 2020-10-10`` (a scraper's own field, maybe followed by a label): value, end of the date."""
    m = _DATE_MARKER_RE.match(t)
    if not m:
        return None
    parsed = parse_date_at(t, m.end())
    if parsed is None:
        return None
    return parsed


@dataclass(frozen=True, slots=True)
class DateLine:
    """A line that only gives the publication (or update) time and maybe a view count."""

    value: Published
    updated: bool = False
    update_value: Published | None = None
    views: int | None = None


def _views(s: str) -> tuple[int | None, str]:
    m = _VIEWS_RE.search(s)
    if not m:
        return None, s
    digits = re.sub(r"\D", "", m.group("n"))
    return (int(digits) if digits else None), s[: m.start()] + s[m.end() :]


def date_line(t: str) -> DateLine | None:
    """``Published : Saturday, 10 October, 2020 at 12:00 AM  Count : 25``, ``October 09, 2020``."""
    kw = _PUBLISHED_KW_RE.match(t)
    pos = kw.end() if kw else 0
    parsed = parse_date_at(t, pos)
    if parsed is None:
        return None
    value, end = parsed
    rest = t[end:]
    views, rest = _views(rest)
    update_value = None
    u = _UPDATED_RE.search(rest)
    if u:
        up = parse_date_at(rest, u.end())
        if up is not None:
            update_value = up[0]
            rest = rest[: u.start()] + rest[up[1] :]
    leftover = rest[_LEFTOVER_RE.match(rest).end() :]  # type: ignore[union-attr]
    # after a "Published"-like keyword a few more words (a source, a reading time) are fine;
    # a bare date must stand alone, or it is a sentence that starts with a date
    if leftover and (not kw or len(leftover.split()) > 8):
        return None
    is_update = bool(kw) and kw.group("kw").lower().startswith(_UPDATE_KEYWORDS)
    return DateLine(value, is_update, update_value, views)


def byline(t: str) -> str | None:
    """``By Hervé Bar for AFP`` -> ``Hervé Bar for AFP``; ``None`` when ``t`` is not a byline."""
    m = _BYLINE_RE.fullmatch(t)
    if not m:
        return None
    who = m.group("who").strip()
    words = who.split()
    if len(words) > 14 or (who[-1] in ".!?:;" and not re.search(r"\b[A-Z]\.$", who)):
        return None
    first = who.lstrip("\"'“")
    if not first[:1].isupper() or _NOT_A_NAME.match(first):
        return None
    return who


def label(t: str) -> str | None:
    """A section or format label standing alone (``Video``, ``Opinion``)."""
    s = t.strip(" :|•·-–—[]").strip()
    return s if s.casefold() in LABELS else None


def boilerplate(t: str) -> bool:
    """Site furniture: ``Advertisement``, ``Read more: ...``, ``Related: ...``, share buttons."""
    if _BOILERPLATE_RE.fullmatch(t):
        return True
    return not any(ch.isalnum() for ch in t)  # rules and ornaments: "* * *", "———"


def url_line(t: str) -> tuple[bool, str | None] | None:
    """``Original url: https://...`` (url maybe on a later line) or a line that is only a URL.

    Returns (labelled, url) or ``None``.
    """
    m = _URL_LABEL_RE.fullmatch(t)
    if m:
        return True, m.group("url")
    m = _BARE_URL_RE.fullmatch(t)
    if m:
        return False, m.group("url")
    return None


# ---------------------------------------------------------------- credits

_CREDIT_LINE_RE = re.compile(
    rf"(?:{_DASH}{{1,2}}\s*|\(\s*)?"
    r"(?:(?i:source|sources|with|via|courtesy(?:\s+of)?|copyright|avec|mit|con|fuente|quelle|источник)"
    r"\s*:?\s*(?:©\s*)?(?:\d{4}\s*)?|©\s*(?:\d{4}\s*)?|\(c\)\s*(?:\d{4}\s*)?)?"
    rf"(?P<ags>{_AGS})(?:\s+(?i:contributed to this report|contributed|reporting))?\s*\)?\s*\.?"
)
_AGENCIES_WORD_RE = re.compile(
    r"[(\-–—\s]*(?:with\s+(?:inputs\s+from\s+)?|source\s*:\s*)?(?:news\s+)?agencies\s*\)?\.?", re.IGNORECASE
)
_REPORTING_RE = re.compile(
    r"\(?(?:additional\s+)?(?:reporting|writing|editing|compiled|compiling|reported|research)\s+by\b.{1,400}",
    re.IGNORECASE,
)
_TRAILING_CREDIT_RE = re.compile(
    r"(?<=[.!?\"”»’')])\s+(?P<credit>(?:" + _DASH + r"{1,2}\s*|\(\s*)(?P<a>" + _AGS + r")\s*\)?\.?"
    r"|(?P<b>" + _AG + r"\s*/\s*" + _AGS + r")\.?"
    r"|(?i:source|with)\s*:?\s*(?P<c>" + _AGS + r")\.?)$"
)


def agencies_in(text: str) -> list[str]:
    """Canonical agencies named in ``text``, in order, without repeats."""
    out: list[str] = []
    for m in _AGENCY_RE.finditer(text):
        name = canonical_agency(m.group(1))
        if name and name not in out:
            out.append(name)
    return out


@dataclass(frozen=True, slots=True)
class Credit:
    """A credit line: the agencies it names (maybe none, e.g. ``With agencies``) and reporters."""

    agencies: tuple[str, ...]
    reporting: str | None = None


def credit_line(t: str) -> Credit | None:
    """A paragraph that is only a credit: ``-AFP``, ``(Reuters)``, ``Source: AFP``, ``AFP/BSS``..."""
    m = _CREDIT_LINE_RE.fullmatch(t)
    if m:
        return Credit(tuple(agencies_in(m.group("ags"))))
    if _AGENCIES_WORD_RE.fullmatch(t):
        return Credit(())
    if _REPORTING_RE.fullmatch(t) and len(t.split()) <= 60:
        return Credit(tuple(agencies_in(t)), reporting=t.strip("() "))
    return None


def trailing_credit(t: str) -> tuple[int, tuple[str, ...]] | None:
    """A credit after the last sentence of a paragraph (``... fighting.   -AFP``): start, agencies."""
    m = _TRAILING_CREDIT_RE.search(t, max(0, len(t) - 160))
    if not m:
        return None
    return m.start("credit"), tuple(agencies_in(m.group("credit")))


# ---------------------------------------------------------------- captions, embeds, subheadings

_CAPTION_PREFIX_RE = re.compile(
    r"(?:photo|photograph|image|picture|pic|caption|file\s+photo|photo\s+credit|foto|фото|illustration)"
    r"\s*(?::|\||–|—)\s*\S",
    re.IGNORECASE,
)
_CAPTION_BOLD_CREDIT_RE = re.compile(r"(?P<body>.*?[.!?\"”)])\s+\*\*(?P<credit>[^*\n]{1,80})\*\*\s*$", re.DOTALL)
_CAPTION_PAREN_RE = re.compile(
    r"\((?P<credit>(?i:photo|photograph|image|picture|pic|file\s+photo|photo\s+credit|foto|фото)"
    r"\s*(?::|by|/|-)?\s*[^()]{1,80})\)\s*\.?$"
)
_NAME_WORD = r"(?:[A-Z]\.|[A-Z][\w'’-]+)"  # "J." or "Messinis", never "Friday." ending a sentence
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}"
_PHOTO_CREDIT = (
    r"(?:Getty Images|Shutterstock|Alamy|AFP Photo|AFP PHOTO|AP Photo|Pool Photo|Handout|"
    r"Kremlin\.ru|Sputnik|EPA-EFE|EPA)"
)
_PHOTO_AGENCY = r"(?:AFP|AP|Reuters|REUTERS|EPA|EPA-EFE|Getty Images|Xinhua|Anadolu Agency|Sputnik|TASS|dpa)"
_CAPTION_CREDIT_END_RES = (
    # "... (Getty Images)", "... via Getty Images", "... / Sputnik", "... — AP Photo/Jane Doe",
    # "... on Friday. Getty Images"
    re.compile(
        r"(?:[/|(]|\s[-–—]|\bvia|[.!?][\"”]?(?=\s))\s*(?P<credit>(?:[A-Z][\w'’.-]*\s+){0,4}"
        + _PHOTO_CREDIT
        + r"(?:\s*/\s*"
        + _NAME
        + r")?)\)?\s*\.?$"
    ),
    # "... Aris Messinis / AFP"
    re.compile(
        r"(?:^|\s)\(?(?P<credit>"
        + _NAME_WORD
        + r"(?:\s+"
        + _NAME_WORD
        + r"){1,3}\s*/\s*"
        + _PHOTO_AGENCY
        + r")\)?\s*\.?$"
    ),
    # "... REUTERS/Jane Doe"
    re.compile(
        r"\(?(?P<credit>(?:AFP PHOTO|AFP Photo|AP Photo|REUTERS|Reuters|EPA-EFE|EPA|Xinhua)\s*/\s*"
        + _NAME
        + r")\)?\s*\.?$"
    ),
    # "... Photo: Jane Doe"
    re.compile(r"\b(?P<credit>(?i:photo(?:graph)?|image|credit)\s*:\s*[^.:]{2,60})$"),
)


_CAPTION_TAIL_RE = re.compile(r"(?:\s+via)?[\s\-–—|/(]*$")


@dataclass(frozen=True, slots=True)
class Caption:
    text: str
    credit: str | None


def caption(t: str) -> Caption | None:
    """A photo caption: ``Photo: ...``, ``... **Kremlin.ru**``, ``... (Photo: X)``, ``... REUTERS/Name``."""
    if len(t.split()) > 80:
        return None
    m = _CAPTION_PREFIX_RE.match(t)
    if m:
        return Caption(t, None)
    m = _CAPTION_BOLD_CREDIT_RE.match(t)
    if m and len(m.group("body").split()) >= 2:
        return Caption(m.group("body").strip(), m.group("credit").strip())
    m = _CAPTION_PAREN_RE.search(t)
    if m:
        return Caption(t[: m.start()].strip(), m.group("credit").strip())
    tail = max(0, len(t) - 160)  # the credit patterns are anchored at the end: search only there
    for rx in _CAPTION_CREDIT_END_RES:
        m = rx.search(t, tail)
        if m and m.start() > 0:
            text = _CAPTION_TAIL_RE.sub("", t[: m.start("credit")])
            return Caption(text or t, m.group("credit").strip())
    return None


_EMBED_MARKER_RE = re.compile(
    r"(?:embed(?:ded)?(?:\s+(?:content|tweet|post|video|code|media))?|"
    r"(?:twitter|instagram|facebook|youtube|tiktok|telegram)\s+(?:embed|post|video|content))\s*:?",
    re.IGNORECASE,
)
_TWEET_SIGNATURE_RE = re.compile(
    rf"{_DASH}{{1,2}}\s*(?P<author>[^()\n]{{0,80}}?)\s*\(@(?P<handle>\w{{1,30}})\)\s*(?P<date>.{{0,40}})"
)
_INSTAGRAM_SIGNATURE_RE = re.compile(
    r"a post shared by\s+(?P<author>[^()\n]{0,80}?)\s*\(@(?P<handle>[\w.]{1,30})\)"
    r"(?:\s+on\s+(?P<date>.{0,60}))?",
    re.IGNORECASE,
)
_TAG_RE = re.compile(r"</?[a-zA-Z][^<>]{0,200}>")
TWEETISH_RE = re.compile(r"pic\.twitter\.com/|https?://t\.co/|<u>|instagram\.com/|\(@\w+\)")


def embed_marker(t: str) -> bool:
    """The line a scraper leaves where a tweet or video was embedded (``Embed:``)."""
    return _EMBED_MARKER_RE.fullmatch(t) is not None


@dataclass(frozen=True, slots=True)
class Signature:
    author: str | None
    handle: str
    date: date | None


def embed_signature(t: str) -> Signature | None:
    """The closing line of an embedded post: ``— Paul Ronzheimer (@ronzheimer) October 8, 2020``."""
    m = _TWEET_SIGNATURE_RE.fullmatch(t) or _INSTAGRAM_SIGNATURE_RE.fullmatch(t)
    if not m:
        return None
    when: date | None = None
    raw_date = (m.group("date") or "").strip()
    if raw_date:
        parsed = parse_date_at(raw_date, 0)
        if parsed is None:
            return None
        when = parsed[0].date() if isinstance(parsed[0], datetime) else parsed[0]
    return Signature(m.group("author").strip() or None, "@" + m.group("handle"), when)


def strip_tags(t: str) -> str:
    """Drop inline HTML tags a scraper left in (``<u>#Shushi</u>`` -> ``#Shushi``)."""
    return _TAG_RE.sub("", t)


_MARKDOWN_HEADING_RE = re.compile(
    r"#{1,6}\s+(?P<h>[^#\n]{1,150}?)\s*#*|\*\*(?P<b>[^*\n]{1,150})\*\*|__(?P<u>[^_\n]{1,150})__"
)
_SENTENCE_BREAK_RE = re.compile(r"[.!?][\"”»’]?\s+[A-Z\"“«А-Я]|[。！？](?=.)")


def subheading(t: str) -> str | None:
    """A section heading between paragraphs: short, one line, no sentence punctuation at its end.

    Only called on paragraphs that have body text before and after them.
    """
    m = _MARKDOWN_HEADING_RE.fullmatch(t)
    if m:
        return (m.group("h") or m.group("b") or m.group("u")).strip()
    if "\n" in t or "\r" in t or len(t) > 80 or t[-1] in TERMINAL or t[-1] in "-–—":
        return None
    if not 1 <= word_count(t) <= 10 or not (t[0].isupper() or t[0].isdigit()):
        return None
    if not any(ch.isalpha() for ch in t):
        return None
    return t


def ends_sentence(t: str) -> bool:
    return bool(t) and t[-1] in _SENTENCE_END


def is_prose(t: str) -> bool:
    """Clearly running text: long, or several sentences."""
    words = word_count(t)
    return words > 45 or (words > 12 and t[-1] in _SENTENCE_END and _SENTENCE_BREAK_RE.search(t) is not None)


# ---------------------------------------------------------------- datelines

_PW = r"[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’.\-]*"
_CONNECT = r"(?:de|del|de\s+la|da|do|di|la|le|el|al|am|an|of|sur|on|upon|und|y|i|на|об)"
_PLACE = rf"{_PW}(?:[ \-](?:{_CONNECT}[ ])?{_PW}){{0,3}}"
_CAPS_W = r"[A-ZÀ-ÖØ-ÞА-ЯЁ][A-ZÀ-ÖØ-ÞА-ЯЁ'’.\-]+"
_CAPS_PLACE = rf"{_CAPS_W}(?:[ \-]{_CAPS_W}){{0,3}}"
_REGION = rf"{_PW}(?:[ ]{_PW}){{0,2}}"
_WEEKDAY = (
    r"(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi"
    r"|samedi|dimanche|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье)"
)
_DL_DATE = (
    rf"(?:(?i:{MONTH_RE})\s*\d{{1,2}}(?:,?\s*\d{{4}})?|\d{{1,2}}\.?\s*(?i:{MONTH_RE})(?:\s*\d{{4}})?"
    rf"|{_WEEKDAY})(?!\w)"
)
_SEP = rf"(?P<sep>:|{_DASH}{{1,2}}|\|)"
_DATELINE_RES = (
    # Baku, Oct 9: / PARIS, Oct 9 (AFP) – / МОСКВА, 9 окт — РИА Новости.
    re.compile(
        rf"(?P<place>{_PLACE})(?:,\s*(?P<region>{_REGION}))?,?\s+(?P<date>{_DL_DATE})"
        rf"\s*(?:\(\s*(?P<ag>{_AGS})\s*\)|{_DASH}\s*(?P<ag2>{_AGS})\s*(?=\.))?\s*{_SEP}?(?P<dot>\.)?"
    ),
    # MOSCOW (Reuters) - / WASHINGTON (AP) — / KYIV, Ukraine (AP) —
    re.compile(rf"(?P<place>{_PLACE})(?:,\s*(?P<region>{_REGION}))?\s*\(\s*(?P<ag>{_AGS})\s*\)\s*{_SEP}?"),
    # WASHINGTON — / RALEIGH, N.C. — (no colon, no glued dash: "USA:", "DGAP-" are prefixes, not places)
    re.compile(rf"(?P<place>{_CAPS_PLACE})(?:,\s*(?P<region>{_REGION}))?\s+(?P<sep>{_DASH}{{1,2}})"),
    # (AFP) -
    re.compile(rf"(?P<place>)\(\s*(?P<ag>{_AGS})\s*\)\s*{_SEP}"),
)
_NOT_A_PLACE = frozenset(
    (
        "the",
        "a",
        "an",
        "however",
        "but",
        "and",
        "on",
        "in",
        "at",
        "by",
        "it",
        "he",
        "she",
        "they",
        "we",
        "this",
        "that",
        "there",
        "as",
        "after",
        "before",
        "when",
        "while",
        "meanwhile",
        "still",
        "also",
        "yet",
        "so",
        "if",
        "since",
        "until",
        "update",
        "updated",
        "breaking",
        "exclusive",
        # kickers written like datelines ("ROUNDUP:", "RAW:")
        "roundup",
        "raw",
        "watch",
        "video",
        "photos",
        "live",
        "opinion",
        "editorial",
        "analysis",
        "factbox",
        "explainer",
        "insight",
        "column",
        "review",
        "interview",
        "corrected",
        "refile",
        "focus",
        "note",
        "editor's",
        "warning",
        "alert",
        "poll",
        "quiz",
        "podcast",
        "sponsored",
    )
)


@dataclass(frozen=True, slots=True)
class Dateline:
    """Where (and maybe when and from which agency) the story was filed: ``Baku, Oct 9:``."""

    text: str
    place: str | None
    date: str | None
    agencies: tuple[str, ...]
    region: str | None
    end: int  # end of the dateline and its separator in the paragraph
    body: int  # where the body text starts in the paragraph (== len when nothing follows)


def dateline(t: str) -> Dateline | None:
    """The dateline at the start of the first body paragraph, or ``None``."""
    for rx in _DATELINE_RES:
        m = rx.match(t)
        if not m:
            continue
        gd = m.groupdict()
        place, ag = gd.get("place") or "", gd.get("ag") or gd.get("ag2")
        if place and place.split(" ")[0].casefold() in _NOT_A_PLACE:
            continue
        if not (gd.get("sep") or ag or gd.get("dot")):
            continue  # "Baku, Oct 9 was..." is a sentence, not a dateline
        end = m.end()
        body = end
        while body < len(t) and t[body].isspace():
            body += 1
        if body < len(t) and body == end and t[end - 1].isalnum():
            continue  # the "separator" was part of a word
        if body < len(t) and not (t[body].isalnum() or t[body] in "\"“«'‘(["):
            continue
        if rx is _DATELINE_RES[2] and body < len(t) and t[body].islower():
            continue  # "NATO — the alliance said": an acronym in a sentence, not a place
        text_end = m.start("sep") if gd.get("sep") else m.start("dot") if gd.get("dot") else end
        text = t[:text_end].rstrip()
        return Dateline(
            text=text,
            place=place or None,
            date=gd.get("date"),
            region=gd.get("region"),
            agencies=tuple(agencies_in(ag)) if ag else (),
            end=end,
            body=body,
        )
    return None
