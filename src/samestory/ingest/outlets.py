"""The outlet (publication) behind a URL: well-known news sites by name, others by domain."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# registrable domain (or a full host, checked first) -> the outlet's proper name
OUTLETS: dict[str, str] = {
    # wires
    "reuters.com": "Reuters",
    "apnews.com": "Associated Press",
    "ap.org": "Associated Press",
    "afp.com": "AFP",
    "dpa.com": "dpa",
    "efe.com": "EFE",
    "ansa.it": "ANSA",
    "xinhuanet.com": "Xinhua",
    "news.cn": "Xinhua",
    "tass.com": "TASS",
    "tass.ru": "TASS",
    "ria.ru": "RIA Novosti",
    "interfax.ru": "Interfax",
    "aa.com.tr": "Anadolu Agency",
    "kyodonews.net": "Kyodo News",
    "yna.co.kr": "Yonhap",
    "en.yna.co.kr": "Yonhap",
    "ptinews.com": "PTI",
    "bssnews.net": "BSS",
    "unb.com.bd": "UNB",
    "bloomberg.com": "Bloomberg",
    # United States
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal",
    "usatoday.com": "USA Today",
    "latimes.com": "Los Angeles Times",
    "cnn.com": "CNN",
    "foxnews.com": "Fox News",
    "nbcnews.com": "NBC News",
    "cbsnews.com": "CBS News",
    "abcnews.go.com": "ABC News",
    "npr.org": "NPR",
    "politico.com": "Politico",
    "politico.eu": "Politico",
    "axios.com": "Axios",
    "thehill.com": "The Hill",
    "cnbc.com": "CNBC",
    "forbes.com": "Forbes",
    "time.com": "Time",
    "newsweek.com": "Newsweek",
    "theatlantic.com": "The Atlantic",
    "news.yahoo.com": "Yahoo News",
    "huffpost.com": "HuffPost",
    "voanews.com": "Voice of America",
    "rferl.org": "Radio Free Europe/Radio Liberty",
    # United Kingdom and Ireland
    "bbc.co.uk": "BBC",
    "bbc.com": "BBC",
    "theguardian.com": "The Guardian",
    "guardian.co.uk": "The Guardian",
    "ft.com": "Financial Times",
    "economist.com": "The Economist",
    "telegraph.co.uk": "The Telegraph",
    "independent.co.uk": "The Independent",
    "thetimes.co.uk": "The Times",
    "dailymail.co.uk": "Daily Mail",
    "mirror.co.uk": "Daily Mirror",
    "news.sky.com": "Sky News",
    "irishtimes.com": "The Irish Times",
    "rte.ie": "RTÉ",
    # Europe
    "dw.com": "Deutsche Welle",
    "france24.com": "France 24",
    "euronews.com": "Euronews",
    "rfi.fr": "RFI",
    "lemonde.fr": "Le Monde",
    "lefigaro.fr": "Le Figaro",
    "liberation.fr": "Libération",
    "spiegel.de": "Der Spiegel",
    "faz.net": "Frankfurter Allgemeine Zeitung",
    "sueddeutsche.de": "Süddeutsche Zeitung",
    "zeit.de": "Die Zeit",
    "welt.de": "Die Welt",
    "tagesschau.de": "Tagesschau",
    "elpais.com": "El País",
    "elmundo.es": "El Mundo",
    "corriere.it": "Corriere della Sera",
    "repubblica.it": "la Repubblica",
    "nos.nl": "NOS",
    "swissinfo.ch": "Swissinfo",
    "kyivindependent.com": "The Kyiv Independent",
    "themoscowtimes.com": "The Moscow Times",
    "meduza.io": "Meduza",
    "kommersant.ru": "Kommersant",
    "rbc.ru": "RBC",
    "novayagazeta.ru": "Novaya Gazeta",
    "rt.com": "RT",
    "eurasianet.org": "Eurasianet",
    # Middle East and Africa
    "aljazeera.com": "Al Jazeera",
    "aljazeera.net": "Al Jazeera",
    "haaretz.com": "Haaretz",
    "timesofisrael.com": "The Times of Israel",
    "jpost.com": "The Jerusalem Post",
    "hurriyetdailynews.com": "Hürriyet Daily News",
    "dailysabah.com": "Daily Sabah",
    "arabnews.com": "Arab News",
    "thenationalnews.com": "The National",
    "news24.com": "News24",
    "allafrica.com": "AllAfrica",
    "zawya.com": "Zawya",
    # Asia and Oceania
    "scmp.com": "South China Morning Post",
    "globaltimes.cn": "Global Times",
    "japantimes.co.jp": "The Japan Times",
    "asahi.com": "The Asahi Shimbun",
    "nhk.or.jp": "NHK",
    "koreaherald.com": "The Korea Herald",
    "thehindu.com": "The Hindu",
    "timesofindia.indiatimes.com": "The Times of India",
    "hindustantimes.com": "Hindustan Times",
    "ndtv.com": "NDTV",
    "dawn.com": "Dawn",
    "thedailystar.net": "The Daily Star",
    "dhakatribune.com": "Dhaka Tribune",
    "bdnews24.com": "bdnews24.com",
    "straitstimes.com": "The Straits Times",
    "abc.net.au": "ABC News (Australia)",
    "smh.com.au": "The Sydney Morning Herald",
    "theaustralian.com.au": "The Australian",
    "nzherald.co.nz": "The New Zealand Herald",
    # the Americas
    "cbc.ca": "CBC",
    "theglobeandmail.com": "The Globe and Mail",
    "folha.uol.com.br": "Folha de S.Paulo",
    "g1.globo.com": "G1",
    "oglobo.globo.com": "O Globo",
    "clarin.com": "Clarín",
    "eluniversal.com.mx": "El Universal",
    # energy and business trade press
    "offshore-energy.biz": "Offshore Energy",
    "renews.biz": "reNEWS",
    "nsenergybusiness.com": "NS Energy",
    "renewableenergymagazine.com": "Renewable Energy Magazine",
    "power-technology.com": "Power Technology",
    "offshore-technology.com": "Offshore Technology",
    "oedigital.com": "Offshore Engineer",
    "dieselgasturbine.com": "Diesel & Gas Turbine Worldwide",
    "chemengonline.com": "Chemical Engineering",
    "powerengineeringint.com": "Power Engineering International",
    "hydrocarbons-technology.com": "Hydrocarbons Technology",
    "process-worldwide.com": "PROCESS Worldwide",
    "electrek.co": "Electrek",
    "cleantechnica.com": "CleanTechnica",
    "rechargenews.com": "Recharge",
    "spglobal.com": "S&P Global",
    "oilprice.com": "OilPrice.com",
}

# outlets with regional editions on their own domains: pv-magazine-usa.com, pv-magazine.de...
_EDITIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"pv-magazine(?:-[a-z]+)?"), "pv magazine"),
    (re.compile(r"reuters"), "Reuters"),
    (re.compile(r"euronews"), "Euronews"),
    (re.compile(r"aljazeera"), "Al Jazeera"),
)

# second-level public suffixes under country codes (enough for news sites; not the full PSL)
_SECOND_LEVEL = frozenset(
    "co.uk org.uk ac.uk gov.uk me.uk com.au net.au org.au co.nz org.nz co.in net.in org.in co.jp or.jp "
    "ne.jp ac.jp co.kr or.kr co.za org.za com.bd net.bd org.bd gov.bd com.br com.cn com.mx com.ar com.tr "
    "org.tr gov.tr com.sg com.my com.pk com.ng com.eg com.sa com.hk com.tw com.ua com.ph com.vn co.il "
    "co.id co.th com.co com.pe com.ve com.uy com.ec co.ke co.ug co.tz com.gh com.lb com.kw com.qa "
    "com.pl com.ru org.ru com.cy com.mt com.np com.lk com.mm com.kh co.zw".split()
)
_HOST_RE = re.compile(r"[\w-]+(?:\.[\w-]+)*")
_HOST_PREFIXES = ("www.", "m.", "amp.", "mobile.", "www1.", "www2.")


def host_of(url: str) -> str | None:
    """The lower-cased host of a URL (scheme optional) without ``www.``/``m.``/``amp.`` prefixes."""
    url = url.strip()
    if not url:
        return None
    if "://" not in url:
        url = "http://" + url.lstrip("/")
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.rstrip(".").lower()
    if not _HOST_RE.fullmatch(host):
        return None  # "not a url" has no host, whatever urlsplit makes of it
    changed = True
    while changed:  # "www.m.example.com"
        changed = False
        for p in _HOST_PREFIXES:
            if host.startswith(p) and host.count(".") > 1:
                host, changed = host[len(p) :], True
    return host


def registrable_domain(host: str) -> str:
    """``news.bbc.co.uk`` -> ``bbc.co.uk``, ``edition.cnn.com`` -> ``cnn.com``; IPs stay as they are."""
    parts = host.split(".")
    if len(parts) <= 2 or all(p.isdigit() for p in parts):
        return host
    keep = 3 if ".".join(parts[-2:]) in _SECOND_LEVEL else 2
    return ".".join(parts[-keep:])


def outlet_from_url(url: str | None) -> str | None:
    """The outlet's name for a URL: a well-known news site by its proper name, else its domain.

    ``https://www.themoscowtimes.com/...`` -> ``The Moscow Times``; ``https://observerbd.com/x``
    -> ``observerbd.com``. ``None`` when ``url`` has no host.
    """
    if not url:
        return None
    host = host_of(url)
    if host is None:
        return None
    if host in OUTLETS:
        return OUTLETS[host]
    domain = registrable_domain(host)
    if domain in OUTLETS:
        return OUTLETS[domain]
    label = domain.split(".")[0]
    for rx, name in _EDITIONS:
        if rx.fullmatch(label):
            return name
    return domain


def known_outlet(url: str | None) -> str | None:
    """The outlet's proper name when the URL is a well-known news site, else ``None`` (no fallback)."""
    host = host_of(url) if url else None
    if host is None:
        return None
    name = OUTLETS.get(host) or OUTLETS.get(registrable_domain(host))
    if name:
        return name
    label = registrable_domain(host).split(".")[0]
    return next((n for rx, n in _EDITIONS if rx.fullmatch(label)), None)
