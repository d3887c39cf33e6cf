"""The plain-text reader: a loose scrape in, clean body text plus everything else as metadata out.

The raw text is cut into paragraphs (blank-line separated, or one per line when the scrape
puts each paragraph on its own line; hard-wrapped lines are kept together). Then, in order:

1. the header (at most the first 12 paragraphs): scraper date line, title, subtitle, byline,
   date/``Published`` line, labels, captions; it ends at the first paragraph of running text;
2. the trailer, from the end backwards: ``Original url:`` and URL lines, credit lines
   (``-AFP``, ``Source: AFP``, ``Reporting by ...``), boilerplate, a late date line;
3. the body in between: embedded posts (``Embed:`` ... ``— Name (@handle) date``), captions,
   boilerplate, bare URLs, then subheadings (short unpunctuated lines *between* body paragraphs);
4. the dateline at the start of the first body paragraph and a credit after the last sentence.

Kept paragraphs are copied from the raw text exactly and joined with a blank line; every other
span is listed in ``Article.removed``. Where a recogniser is allowed to apply is what keeps an
ordinary short body paragraph from being taken for a title, a subheading or a caption.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from samestory.errors import InputError
from samestory.ingest import recognize as rec
from samestory.ingest.article import Article, Removed, Segment, content_id
from samestory.ingest.dates import Published, date_from_url
from samestory.ingest.outlets import outlet_from_url

_EOL_RE = re.compile(r"\r\n|\r|\n")
_SPLIT = "_split"  # a paragraph removed as several spans (in extra_removed)
HEADER_MAX = 12  # paragraphs; a header longer than this is not a header
EMBED_MAX = 12  # paragraphs between "Embed:" and the post's signature line


@dataclass(slots=True)
class _Para:
    start: int  # raw offsets of the paragraph without surrounding whitespace
    end: int
    text: str
    lines: int = 1


@dataclass(slots=True)
class _Found:
    """What the passes recognised, gathered before the article is assembled."""

    kinds: list[str | None]
    title: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    credits: list[str] = field(default_factory=list)
    urls: list[tuple[int, str]] = field(default_factory=list)  # (priority, url)
    dates: list[tuple[int, Published]] = field(default_factory=list)  # (priority, value)
    meta: dict[str, Any] = field(default_factory=dict)
    extra_removed: list[Removed] = field(default_factory=list)
    spans: dict[int, tuple[int, int]] = field(default_factory=dict)  # para -> kept (start, end) if partial
    embeds: dict[int, int] = field(default_factory=dict)  # first para -> last para of an embed

    def credit(self, names: tuple[str, ...] | list[str]) -> None:
        for n in names:
            if n not in self.credits:
                self.credits.append(n)

    def add(self, key: str, value: Any) -> None:
        self.meta.setdefault(key, []).append(value)


def paragraphs(raw: str, *, join_wrapped: bool = True) -> list[_Para]:
    """Paragraphs of ``raw`` with their raw offsets.

    Each non-blank line is a paragraph, except that lines of a hard-wrapped block (lines of
    similar width that break mid-sentence) are kept together as one paragraph.
    """
    lines: list[tuple[int, int, bool]] = []  # (start, end, blank_before)
    pos, n, blank = 0, len(raw), True
    while pos <= n:
        m = _EOL_RE.search(raw, pos)
        end = m.start() if m else n
        line = raw[pos:end]
        stripped = line.strip()
        if stripped:
            s = pos + (len(line) - len(line.lstrip()))
            lines.append((s, s + len(stripped), blank))
            blank = False
        else:
            blank = True
        if not m:
            break
        pos = m.end()
    out: list[_Para] = []
    i = 0
    while i < len(lines):
        j = i + 1
        while j < len(lines) and not lines[j][2]:
            j += 1
        block = lines[i:j]
        if join_wrapped and _wrapped(raw, block):
            out.append(_Para(block[0][0], block[-1][1], raw[block[0][0] : block[-1][1]], len(block)))
        else:
            out.extend(_Para(s, e, raw[s:e]) for s, e, _ in block)
        i = j
    return out


def _wrapped(raw: str, block: list[tuple[int, int, bool]]) -> bool:
    """Whether a block of lines is one hard-wrapped paragraph rather than one paragraph a line."""
    if len(block) < 2:
        return False
    widths = [e - s for s, e, _ in block]
    if any(not 35 <= w <= 100 for w in widths[:-1]):
        return False
    inner = [raw[s:e] for s, e, _ in block]
    open_ends = sum(1 for t in inner[:-1] if t[-1] not in rec.TERMINAL or t[-1] == ",")
    lower_starts = sum(1 for t in inner[1:] if t[0].islower())
    if len(block) == 2:  # more often a headline over a subtitle or a lead: ask for a clear break
        return open_ends == 1 and (lower_starts == 1 or inner[0][-1] in ",-–")
    # a headline line over body lines has no lower-case continuation: keep those apart
    return lower_starts >= 1 and 2 * open_ends >= len(block) - 1


def _title_like(t: str) -> bool:
    return len(t) <= 200 and rec.word_count(t) <= 30 and t[-1] not in ".:;,…。．：；，" and not rec.is_prose(t)


def _header_meta(f: _Found, i: int, t: str) -> bool:
    """Recognise a header-only line (date, byline, label...) at paragraph ``i``."""
    dm = rec.date_marker(t)
    if dm is not None:
        f.kinds[i] = "date-line"
        f.dates.append((2, dm[0]))
        return True
    dl = rec.date_line(t)
    if dl is not None:
        _take_date_line(f, i, dl)
        return True
    who = rec.byline(t)
    if who is not None:
        f.kinds[i] = "byline"
        if f.byline is None:
            f.byline = who
        f.credit(rec.agencies_in(who))
        return True
    lab = rec.label(t)
    if lab is not None:
        f.kinds[i] = "label"
        f.meta.setdefault("label", lab)
        return True
    return False


def _take_date_line(f: _Found, i: int, dl: rec.DateLine) -> None:
    f.kinds[i] = "published"
    if dl.updated:
        f.meta.setdefault("updated", dl.value.isoformat())
    else:
        f.dates.append((0, dl.value))
    if dl.update_value is not None:
        f.meta.setdefault("updated", dl.update_value.isoformat())
    if dl.views is not None:
        f.meta.setdefault("views", dl.views)


def _furniture(f: _Found, paras: list[_Para], i: int, *, url_priority: int) -> bool:
    """Recognise lines that may stand anywhere: captions, URLs, boilerplate."""
    t = paras[i].text
    u = rec.url_line(t)
    if u is not None:
        labelled, url = u
        f.kinds[i] = "url"
        if url:
            f.urls.append((0 if labelled else url_priority, url))
        elif labelled and i + 1 < len(paras):  # "Original url:" with the URL on the next line
            nxt = rec.url_line(paras[i + 1].text)
            if nxt is not None and nxt[1]:
                f.urls.append((0, nxt[1]))
        return True
    if rec.boilerplate(t):
        f.kinds[i] = "boilerplate"
        return True
    cap = rec.caption(t) if paras[i].lines == 1 else None  # a wrapped block is running text
    if cap is not None:
        f.kinds[i] = "caption"
        f.add("captions", {"text": cap.text, "credit": cap.credit})
        return True
    return False


def _header(f: _Found, paras: list[_Para]) -> int:
    """Classify the header; returns the index of the first paragraph after it."""
    n = len(paras)
    limit = min(n, HEADER_MAX)
    i = 0
    while i < limit:
        t = paras[i].text
        if paras[i].lines == 1 and _header_meta(f, i, t):
            if f.kinds[i] == "date-line":
                _split_marker_rest(f, paras, i)
            i += 1
            continue
        if _furniture(f, paras, i, url_priority=2):
            i += 1
            continue
        if rec.embed_marker(t) or rec.dateline(t) is not None or rec.is_prose(t):
            break
        meta_ahead = any(
            rec.date_line(paras[k].text) or rec.byline(paras[k].text) or rec.date_marker(paras[k].text)
            for k in range(i + 1, min(i + 3, n))
        )
        if f.title is None and i + 1 < n and _title_like(t):
            f.kinds[i], f.title = "title", " ".join(t.split())
        elif (
            f.title is not None
            and f.subtitle is None
            and i + 1 < n
            and rec.word_count(t) <= 60
            and (meta_ahead or (_title_like(t) and not rec.ends_sentence(t)))
        ):
            f.kinds[i], f.subtitle = "subtitle", " ".join(t.split())
        elif f.title is not None and meta_ahead and rec.word_count(t) <= 4 and t[-1] not in rec.TERMINAL:
            f.kinds[i] = "label"  # a kicker or section name between headline and byline
            f.meta.setdefault("label", t)
        else:
            break
        i += 1
    return i


def _split_marker_rest(f: _Found, paras: list[_Para], i: int) -> None:
    """``date 2020-10-10 Video``: the date is a date-line, the rest a label (or the title)."""
    p = paras[i]
    dm = rec.date_marker(p.text)
    assert dm is not None
    rest = p.text[dm[1] :]
    lead = len(rest) - len(rest.lstrip())
    rest = rest.strip()
    if not rest:
        return
    rs = p.start + dm[1] + lead
    cut = p.start + dm[1]
    while cut > p.start and p.text[cut - p.start - 1].isspace():
        cut -= 1
    f.kinds[i] = _SPLIT  # covered by the two spans below
    f.extra_removed.append(Removed("date-line", p.start, cut, p.text[: cut - p.start]))
    if len(rest.split()) <= 3:
        kind = "label"
        f.meta.setdefault("label", rest)
    elif f.title is None:
        kind, f.title = "title", rest
    else:
        kind = "boilerplate"
    f.extra_removed.append(Removed(kind, rs, rs + len(rest), rest))


def _trailer(f: _Found, paras: list[_Para], first: int) -> int:
    """Classify the trailer backwards; returns the index of the last paragraph before it."""
    j = len(paras) - 1
    while j >= first:
        t = paras[j].text
        cr = rec.credit_line(t)
        if cr is not None:
            f.kinds[j] = "credit"
            f.meta.setdefault("_trailer_credits", []).insert(0, cr)
        elif not (_furniture(f, paras, j, url_priority=1) or (paras[j].lines == 1 and _header_meta(f, j, t))):
            break
        j -= 1
    return j


def _body(f: _Found, paras: list[_Para], first: int, last: int) -> None:
    """Classify embeds and furniture inside the body, then subheadings."""
    k = first
    while k <= last:
        t = paras[k].text
        if rec.embed_marker(t):
            end = _embed_end(paras, k + 1, min(last, k + EMBED_MAX))
            _take_embed(f, paras, k, end if end is not None else k, marker=True)
            k = (end if end is not None else k) + 1
            continue
        sig = rec.embed_signature(t)
        if sig is not None:
            start = k
            if k - 1 >= first and f.kinds[k - 1] is None and rec.TWEETISH_RE.search(paras[k - 1].text):
                start = k - 1
            _take_embed(f, paras, start, k, marker=False)
            k += 1
            continue
        _furniture(f, paras, k, url_priority=3)
        k += 1
    body = [k for k in range(first, last + 1) if f.kinds[k] is None]
    for k in body[1:-1]:  # a subheading has body text before and after it
        h = rec.subheading(paras[k].text)
        if h is not None:
            f.kinds[k] = "subheading"
            f.add("subheadings", h)


def _embed_end(paras: list[_Para], start: int, stop: int) -> int | None:
    for k in range(start, stop + 1):
        if rec.embed_signature(paras[k].text) is not None:
            return k
    return None


def _take_embed(f: _Found, paras: list[_Para], start: int, end: int, *, marker: bool) -> None:
    for k in range(start, end + 1):
        f.kinds[k] = "embed"
    f.embeds[start] = end
    sig = rec.embed_signature(paras[end].text)
    first_text = start + 1 if marker else start
    last_text = end - 1 if sig is not None else end
    text = "\n".join(rec.strip_tags(paras[k].text) for k in range(first_text, last_text + 1))
    f.add(
        "embeds",
        {
            "text": " ".join(text.split()) or None,
            "author": sig.author if sig else None,
            "handle": sig.handle if sig else None,
            "date": sig.date.isoformat() if sig and sig.date else None,
            "start": paras[start].start,
            "end": paras[end].end,
        },
    )


def _dateline_and_credit(f: _Found, paras: list[_Para], first: int, last: int) -> None:
    """The dateline opening the first body paragraph, a credit closing the last one."""
    body = [k for k in range(first, last + 1) if f.kinds[k] is None]
    if not body:
        return
    k = body[0]
    p = paras[k]
    dl = rec.dateline(p.text)
    if dl is not None:
        dend = len(p.text[: dl.end].rstrip())
        f.extra_removed.append(Removed("dateline", p.start, p.start + dend, p.text[:dend]))
        # raw[start:end] == text (the dateline without its separator)
        f.meta["dateline"] = {
            "text": dl.text,
            "place": dl.place,
            "date": dl.date,
            "agencies": list(dl.agencies),
            "start": p.start,
            "end": p.start + len(dl.text),
        }
        f.meta["_dateline_credits"] = dl.agencies
        f.spans[k] = (p.start + dl.body, p.end)
    k = body[-1]
    p = paras[k]
    s, e = f.spans.get(k, (p.start, p.end))
    tc = rec.trailing_credit(p.text[s - p.start :])
    if tc is not None:
        cut = s + tc[0]
        f.extra_removed.append(Removed("credit", cut, e, p.text[cut - p.start : e - p.start]))
        f.meta["_inline_credits"] = tc[1]
        kept_end = cut
        while kept_end > s and p.text[kept_end - 1 - p.start].isspace():
            kept_end -= 1
        f.spans[k] = (s, kept_end)


def _choose_published(dates: list[tuple[int, Published]]) -> Published | None:
    """The most trusted date; a less trusted one on the same day may add the clock time and zone."""
    if not dates:
        return None
    best = min(dates, key=lambda d: d[0])[1]
    day = best.date() if isinstance(best, datetime) else best

    def precision(v: Published) -> int:
        if isinstance(v, datetime):
            return 2 if v.tzinfo is not None else 1
        return 0

    same_day = [v for _, v in dates if (v.date() if isinstance(v, datetime) else v) == day]
    return max(same_day, key=precision) if same_day else best


def parse_plaintext(
    raw: str,
    *,
    source: str | None = None,
    encoding: str | None = None,
    header: bool = True,
    title: str | None = None,
) -> Article:
    """Read one article from its decoded text (see the module docstring).

    ``header=False`` skips header recognition (for text extracted from HTML, whose title and
    date come from the page's metadata); a paragraph equal to ``title`` is then removed as the title.
    Raises ``InputError`` (reason ``empty``) when no body text is left.
    """
    paras = paragraphs(raw, join_wrapped=header)
    if not paras:
        raise InputError("no text (the input is empty or whitespace only)", source=source, reason="empty")
    f = _Found(kinds=[None] * len(paras), title=title)
    if header:
        first = _header(f, paras)
    else:
        first = 0
        if title and " ".join(paras[0].text.split()) == " ".join(title.split()):
            f.kinds[0], first = "title", 1
    last = _trailer(f, paras, first)
    _body(f, paras, first, last)
    _dateline_and_credit(f, paras, first, last)
    return _assemble(raw, paras, f, source=source, encoding=encoding)


def _assemble(raw: str, paras: list[_Para], f: _Found, *, source: str | None, encoding: str | None) -> Article:
    parts: list[str] = []
    segments: list[Segment] = []
    removed: list[Removed] = list(f.extra_removed)
    pos = 0
    k = 0
    while k < len(paras):
        p = paras[k]
        kind = f.kinds[k]
        if kind == "embed" and k in f.embeds:
            last = f.embeds[k]
            removed.append(Removed("embed", p.start, paras[last].end, raw[p.start : paras[last].end]))
            k = last + 1
            continue
        if kind == _SPLIT:
            pass
        elif kind is not None:
            removed.append(Removed(kind, p.start, p.end, p.text))
        else:
            s, e = f.spans.get(k, (p.start, p.end))
            if e > s:
                if parts:
                    pos += 2
                segments.append(Segment(pos, s, e - s))
                parts.append(raw[s:e])
                pos += e - s
        k += 1
    text = "\n\n".join(parts)
    if not text.strip():
        kinds = ", ".join(sorted({r.kind for r in removed}))
        raise InputError(
            f"no body text: every line was recognised as something else ({kinds})", source=source, reason="empty"
        )
    removed.sort(key=lambda r: (r.start, r.end))

    # credits in reading order: byline (already in), dateline, then the trailer
    f.credit(f.meta.pop("_dateline_credits", ()))
    f.credit(f.meta.pop("_inline_credits", ()))
    reporting = []
    for cr in f.meta.pop("_trailer_credits", []):
        f.credit(cr.agencies)
        if cr.reporting:
            reporting.append(cr.reporting)
    if reporting:
        f.meta["reporting"] = reporting
    url = min(f.urls, key=lambda u: u[0])[1] if f.urls else None
    if url and url.startswith("www."):
        url = "https://" + url
    published = _choose_published(f.dates)
    if published is None and url:
        published = date_from_url(url)
        if published is not None:
            f.meta["published_from"] = "url"  # said, since it is inferred rather than printed
    return Article(
        id=content_id(f.title, text),
        text=text,
        title=f.title,
        subtitle=f.subtitle,
        url=url,
        outlet=outlet_from_url(url) if url else None,
        published=published,
        byline=f.byline,
        credits=tuple(f.credits),
        source=source,
        encoding=encoding,
        metadata=f.meta,
        removed=tuple(removed),
        segments=tuple(segments),
        raw=raw,
    )
