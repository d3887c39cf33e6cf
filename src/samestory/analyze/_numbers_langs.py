"""Hand-written number vocabularies of de, fr, es, it, pt, ru, pl, tr, nl, ar and zh, and ``LANGS``."""

from __future__ import annotations

from samestory.analyze._numbers_lang import EN, UNITS_COMMON, NumLang

DE = NumLang(
    decimal_comma=True,
    approx=r"etwa|rund|ungefähr|circa|ca\.|knapp|fast|beinahe|mehr\s+als|über|mindestens|bis\s+zu|annähernd|gut|"
    r"weniger\s+als|unter|nahezu|schätzungsweise|an\s+die",
    mult=(
        (r"Billion(?:en)?", 1e12),
        (r"Milliarde(?:n)?|Mrd\.?", 1e9),
        (r"Million(?:en)?|Mio\.?", 1e6),
        (r"Tausend|Tsd\.?", 1e3),
    ),
    percent=r"%|Prozent(?:punkte?)?",
    currency=(
        (r"US-Dollar|Dollar", "USD"),
        (r"Euro", "EUR"),
        (r"Pfund", "GBP"),
        (r"Rubel", "RUB"),
        (r"Franken", "CHF"),
        (r"Yuan", "CNY"),
    ),
    units=(
        *UNITS_COMMON,
        (r"Kilometer(?:n)?", "km"),
        (r"Meter(?:n)?", "m"),
        (r"Tonnen?", "t"),
        (r"Barrel", "bbl"),
        (r"Jahren?|Jahre", "year"),
        (r"Monaten?|Monate", "month"),
        (r"Wochen?", "week"),
        (r"Tagen?|Tage", "day"),
        (r"Stunden?", "hour"),
        (r"Minuten?", "minute"),
        (r"Grad", "degC"),
        (r"Hektar", "ha"),
        (r"Liter(?:n)?", "l"),
    ),
    connector=r"von",
    vague=(
        (r"zehntausende", 2e4),
        (r"hunderttausende", 2e5),
        (r"dutzende|dutzenden", 24),
        (r"hunderte|hunderten", 200),
        (r"tausende|tausenden", 2000),
    ),
    fractions=(
        (r"zwei\s+drittel", 200 / 3),
        (r"drei\s+viertel", 75),
        (r"ein\s+drittel", 100 / 3),
        (r"ein\s+viertel", 25),
        (r"die\s+hälfte", 50),
    ),
    labels=r"Artikel|Art\.|Absatz|Abs\.|Nr\.|Kapitel|Paragraf|Paragraph|§|№|#",
    determiners=frozenset("der die das den dem des ihrer seiner aller".split()),
    stop=frozenset(
        "und oder in im am an auf aus bei mit nach von vor zu zum zur für über unter seit bis durch gegen "
        "ohne um der die das den dem des ein eine einen einem einer ist sind war waren wurden wurde werden "
        "hat haben hatte hatten sei seien als wie auch noch nur bereits schon sich es sie er wir ihr nicht "
        "kein keine pro je laut".split()
    ),
    max_words=3,
)

FR = NumLang(
    vague_needs_connector=True,
    decimal_comma=True,
    approx=r"environ|près\s+de|plus\s+de|moins\s+de|au\s+moins|jusqu['’]à|presque|quasiment|approximativement|"
    r"autour\s+de|quelque|pas\s+moins\s+de|près\s+d['’]|plus\s+d['’]|moins\s+d['’]|au\s+moins",
    mult=(
        (r"billions?", 1e12),
        (r"milliards?|Mds?\.?|Mrds?", 1e9),
        (r"millions?|M", 1e6),
        (r"milliers?", 1e3),
        (r"mille", 1e3),
    ),
    percent=r"%|pour\s?cent|points?\s+de\s+pourcentage",
    currency=(
        (r"dollars?", "USD"),
        (r"euros?", "EUR"),
        (r"livres?(?:\s+sterling)?", "GBP"),
        (r"roubles?", "RUB"),
        (r"francs\s+suisses", "CHF"),
        (r"yuans?", "CNY"),
    ),
    units=(
        *UNITS_COMMON,
        (r"kilomètres?", "km"),
        (r"mètres?", "m"),
        (r"tonnes?", "t"),
        (r"barils?", "bbl"),
        (r"ans|années?", "year"),
        (r"mois", "month"),
        (r"semaines?", "week"),
        (r"jours?", "day"),
        (r"heures?", "hour"),
        (r"minutes?", "minute"),
        (r"degrés?", "degC"),
        (r"hectares?", "ha"),
        (r"litres?", "l"),
    ),
    connector=r"de|d['’]|des|du",
    vague=(
        (r"des\s+dizaines\s+de\s+milliers", 2e4),
        (r"des\s+centaines\s+de\s+milliers", 2e5),
        (r"des\s+dizaines|dizaines", 24),
        (r"des\s+centaines|centaines", 200),
        (r"des\s+milliers|milliers", 2000),
        (r"des\s+millions", 2e6),
    ),
    fractions=(
        (r"les\s+deux\s+tiers", 200 / 3),
        (r"les\s+trois\s+quarts", 75),
        (r"un\s+tiers", 100 / 3),
        (r"un\s+quart", 25),
        (r"la\s+moitié", 50),
    ),
    ordinal=r"er|ère|e|ème|eme",
    labels=r"article|art\.|n°|no\.|№|#|chapitre|alinéa",
    determiners=frozenset("la le les l ses leurs sa son ces".split()),
    stop=frozenset(
        "et ou de du des d la le les l un une à au aux en dans sur sous par pour avec sans selon entre "
        "contre depuis ont a sont est était étaient été qui que dont se ne pas plus".split()
    ),
    head_first=True,
)

ES = NumLang(
    vague_needs_connector=True,
    decimal_comma=True,
    approx=r"unos|unas|alrededor\s+de|cerca\s+de|casi|más\s+de|menos\s+de|al\s+menos|aproximadamente|hasta|"
    r"en\s+torno\s+a|por\s+lo\s+menos|aprox\.",
    mult=((r"billones?", 1e12), (r"mil\s+millones", 1e9), (r"millones|millón|mill\.?|mln", 1e6), (r"mil", 1e3)),
    percent=r"%|por\s+ciento|puntos\s+porcentuales",
    currency=((r"dólares?", "USD"), (r"euros?", "EUR"), (r"libras?", "GBP"), (r"rublos?", "RUB"), (r"yuanes", "CNY")),
    units=(
        *UNITS_COMMON,
        (r"kilómetros?", "km"),
        (r"metros?", "m"),
        (r"toneladas?", "t"),
        (r"barriles", "bbl"),
        (r"años?", "year"),
        (r"meses|mes", "month"),
        (r"semanas?", "week"),
        (r"días?", "day"),
        (r"horas?", "hour"),
        (r"minutos?", "minute"),
        (r"grados?", "degC"),
        (r"hectáreas?", "ha"),
        (r"litros?", "l"),
    ),
    connector=r"del|de",
    vague=(
        (r"decenas\s+de\s+miles", 2e4),
        (r"cientos\s+de\s+miles|centenares\s+de\s+miles", 2e5),
        (r"decenas", 24),
        (r"cientos|centenares", 200),
        (r"miles", 2000),
        (r"millones", 2e6),
    ),
    fractions=(
        (r"dos\s+tercios", 200 / 3),
        (r"tres\s+cuartos", 75),
        (r"un\s+tercio", 100 / 3),
        (r"un\s+cuarto", 25),
        (r"la\s+mitad", 50),
    ),
    ordinal=r"º|ª|\.º|\.ª",
    labels=r"artículo|art\.|n\.º|nº|núm\.|№|#|capítulo",
    determiners=frozenset("los las la el sus su".split()),
    stop=frozenset(
        "y o de del la el los las un una a al en con por para sin sobre entre según desde han ha son es "
        "fue fueron que se no más".split()
    ),
    head_first=True,
)

IT = NumLang(
    vague_needs_connector=True,
    decimal_comma=True,
    approx=r"circa|quasi|oltre|più\s+di|almeno|fino\s+a|meno\s+di|intorno\s+a|all['’]incirca|approssimativamente",
    mult=((r"miliardi|miliardo|mld|mrd", 1e9), (r"milioni|milione|mln", 1e6), (r"mila", 1e3)),
    percent=r"%|per\s?cento|punti\s+percentuali",
    currency=((r"dollari", "USD"), (r"euro", "EUR"), (r"sterline", "GBP"), (r"rubli", "RUB")),
    units=(
        *UNITS_COMMON,
        (r"chilometri", "km"),
        (r"metri", "m"),
        (r"tonnellate", "t"),
        (r"barili", "bbl"),
        (r"anni", "year"),
        (r"mesi", "month"),
        (r"settimane", "week"),
        (r"giorni", "day"),
        (r"ore", "hour"),
        (r"minuti", "minute"),
        (r"gradi", "degC"),
        (r"ettari", "ha"),
        (r"litri", "l"),
    ),
    connector=r"di|dei|degli|delle|del|della",
    vague=(
        (r"decine\s+di\s+migliaia", 2e4),
        (r"centinaia\s+di\s+migliaia", 2e5),
        (r"decine", 24),
        (r"centinaia", 200),
        (r"migliaia", 2000),
        (r"milioni", 2e6),
    ),
    fractions=(
        (r"due\s+terzi", 200 / 3),
        (r"tre\s+quarti", 75),
        (r"un\s+terzo", 100 / 3),
        (r"un\s+quarto", 25),
        (r"la\s+metà", 50),
    ),
    ordinal=r"º|ª|°",
    labels=r"articolo|art\.|n\.|№|#|capitolo|comma",
    determiners=frozenset("i gli le la il lo l suoi sue loro".split()),
    stop=frozenset(
        "e o di del della dei degli delle il lo la i gli le un una a al in con per da su tra fra secondo "
        "hanno ha sono è era erano che si non più".split()
    ),
    head_first=True,
)

PT = NumLang(
    vague_needs_connector=True,
    decimal_comma=True,
    approx=r"cerca\s+de|quase|mais\s+de|pelo\s+menos|aproximadamente|até|menos\s+de|por\s+volta\s+de|"
    r"em\s+torno\s+de|ao\s+menos",
    mult=(
        (r"trilhões|trilhão|tri", 1e12),
        (r"mil\s+milhões", 1e9),
        (r"bilhões|bilhão|bi", 1e9),
        (r"milhões|milhão|mi", 1e6),
        (r"mil", 1e3),
    ),
    percent=r"%|por\s+cento|pontos\s+percentuais",
    currency=(
        (r"dólares?", "USD"),
        (r"euros?", "EUR"),
        (r"reais|real", "BRL"),
        (r"libras?", "GBP"),
        (r"rublos?", "RUB"),
    ),
    units=(
        *UNITS_COMMON,
        (r"quil[ôó]metros?", "km"),
        (r"metros?", "m"),
        (r"toneladas?", "t"),
        (r"barris", "bbl"),
        (r"anos?", "year"),
        (r"meses|mês", "month"),
        (r"semanas?", "week"),
        (r"dias?", "day"),
        (r"horas?", "hour"),
        (r"minutos?", "minute"),
        (r"graus?", "degC"),
        (r"hectares?", "ha"),
        (r"litros?", "l"),
    ),
    connector=r"d[oa]s?|de",
    vague=(
        (r"dezenas\s+de\s+milhares", 2e4),
        (r"centenas\s+de\s+milhares", 2e5),
        (r"dezenas", 24),
        (r"centenas", 200),
        (r"milhares", 2000),
        (r"milhões", 2e6),
    ),
    fractions=(
        (r"dois\s+terços", 200 / 3),
        (r"três\s+quartos", 75),
        (r"um\s+terço", 100 / 3),
        (r"um\s+quarto", 25),
        (r"a\s+metade", 50),
    ),
    ordinal=r"º|ª",
    labels=r"artigo|art\.|nº|n\.º|№|#|capítulo",
    determiners=frozenset("os as a o seus suas".split()),
    stop=frozenset(
        "e ou de do da dos das o a os as um uma em no na nos nas com por para sem sobre entre segundo "
        "desde têm tem são é foi foram que se não mais".split()
    ),
    head_first=True,
)

RU = NumLang(
    decimal_comma=True,
    approx=r"около|почти|более\s+чем|более|свыше|порядка|примерно|приблизительно|не\s+менее|не\s+более|менее|"
    r"больше|чуть\s+более|чуть\s+менее|как\s+минимум|минимум|максимум|до",
    mult=(
        (r"трлн\.?|триллион(?:а|ов)?", 1e12),
        (r"млрд\.?|миллиард(?:а|ов)?", 1e9),
        (r"млн\.?|миллион(?:а|ов)?", 1e6),
        (r"тыс\.?|тысяч[аиу]?", 1e3),
    ),
    percent=r"%|процент(?:а|ов)?|проц\.|п\.\s?п\.|процентн\w+\s+пункт\w*",
    currency=(
        (r"рубл(?:ь|я|ей)", "RUB"),
        (r"доллар(?:а|ов)?", "USD"),
        (r"евро", "EUR"),
        (r"фунт(?:а|ов)?", "GBP"),
        (r"юан(?:ь|я|ей)", "CNY"),
        (r"манат(?:а|ов)?", "AZN"),
        (r"драм(?:а|ов)?", "AMD"),
        (r"гривен|гривны|гривна", "UAH"),
    ),
    units=(
        *UNITS_COMMON,
        (r"километр(?:а|ов)?", "km"),
        (r"метр(?:а|ов)?", "m"),
        (r"тонн(?:а|ы)?", "t"),
        (r"баррел(?:ь|я|ей)", "bbl"),
        (r"лет|года?|год", "year"),
        (r"месяц(?:а|ев)?", "month"),
        (r"недел(?:я|и|ь|ю)", "week"),
        (r"дн(?:я|ей)|день|сут(?:ки|ок)", "day"),
        (r"час(?:а|ов)?", "hour"),
        (r"минут(?:а|ы)?", "minute"),
        (r"градус(?:а|ов)?", "degC"),
        (r"гектар(?:а|ов)?", "ha"),
        (r"литр(?:а|ов)?", "l"),
    ),
    vague=(
        (r"десятк(?:и|ов|ами|ах)\s+тысяч", 2e4),
        (r"сот(?:ни|ен|нями|нях)\s+тысяч", 2e5),
        (r"десятк(?:и|ов|ами|ах)", 24),
        (r"сот(?:ни|ен|нями|нях)", 200),
        (r"тысячи|тысячами|тысячах", 2000),
        (r"миллионы|миллионов", 2e6),
    ),
    fractions=((r"две\s+трети", 200 / 3), (r"треть", 100 / 3), (r"четверть", 25), (r"половин(?:а|у|ы)", 50)),
    ordinal=r"-(?:й|го|я|е|му|м|х|ый|ой|ая|ое)",
    labels=r"статья|статьи|статье|ст\.|п\.|пункт|№|#|глава",
    stop=frozenset(
        "и или в во на с со к ко по из от до за для без о об при у через после перед между а но что это "
        "как были был была было быть есть не ни уже еще ещё также".split()
    ),
)

PL = NumLang(
    decimal_comma=True,
    approx=r"około|ok\.|prawie|ponad|blisko|co\s+najmniej|niemal|przeszło|mniej\s+niż|więcej\s+niż|mniej\s+więcej|"
    r"niespełna|przynajmniej|nawet|do",
    mult=(
        (r"bln|bilion(?:y|ów)?", 1e12),
        (r"mld\.?|miliard(?:y|ów|a)?", 1e9),
        (r"mln\.?|milion(?:y|ów|a)?", 1e6),
        (r"tys\.?|tysiąc(?:e|a)?|tysięcy", 1e3),
    ),
    percent=r"%|proc\.|procent(?:y|ów|a)?|punkt(?:y|ów)?\s+procentow\w*",
    currency=(
        (r"złotych|złote|złoty|zł", "PLN"),
        (r"euro", "EUR"),
        (r"dolarów|dolary|dolar", "USD"),
        (r"rubli", "RUB"),
    ),
    units=(
        *UNITS_COMMON,
        (r"kilometr(?:y|ów|a)?", "km"),
        (r"metr(?:y|ów|a)?", "m"),
        (r"ton(?:y)?", "t"),
        (r"baryłek", "bbl"),
        (r"lat|lata|rok", "year"),
        (r"miesi[ąę]c(?:y|e)?", "month"),
        (r"tygodni(?:e)?|tydzień", "week"),
        (r"dni|dzień", "day"),
        (r"godzin(?:y)?", "hour"),
        (r"minut(?:y)?", "minute"),
        (r"stopni", "degC"),
    ),
    vague=(
        (r"dziesiątki\s+tysięcy", 2e4),
        (r"setki\s+tysięcy", 2e5),
        (r"dziesiątki|dziesiątek", 24),
        (r"setki|setek", 200),
        (r"tysiące", 2000),
        (r"miliony", 2e6),
    ),
    fractions=((r"dwie\s+trzecie", 200 / 3), (r"jedna\s+trzecia", 100 / 3), (r"połow(?:a|ę|y)", 50)),
    labels=r"artykuł|art\.|ust\.|pkt|nr|№|#|rozdział",
    stop=frozenset(
        "i oraz lub w we na z ze do od po za dla bez o przy u przez przed między a ale że to jak byli był "
        "była było są jest nie już też także".split()
    ),
)

TR = NumLang(
    decimal_comma=True,
    approx=r"yaklaşık(?:\s+olarak)?|en\s+az|neredeyse|tahminen|ortalama",
    approx_after=r"['’](?:d[ae]n|t[ae]n)\s+fazla|civarında|kadar|aşkın|küsur|['’]i\s+aşkın",
    mult=((r"trilyon", 1e12), (r"milyar", 1e9), (r"milyon", 1e6), (r"bin", 1e3)),
    percent=r"%",
    percent_before=r"yüzde|%",
    currency=((r"lira|TL", "TRY"), (r"dolar", "USD"), (r"avro|euro", "EUR"), (r"sterlin", "GBP")),
    units=(
        *UNITS_COMMON,
        (r"kilometre", "km"),
        (r"metre", "m"),
        (r"ton", "t"),
        (r"varil", "bbl"),
        (r"yıl|sene", "year"),
        (r"ay", "month"),
        (r"hafta", "week"),
        (r"gün", "day"),
        (r"saat", "hour"),
        (r"dakika", "minute"),
        (r"derece", "degC"),
        (r"hektar", "ha"),
    ),
    vague=(
        (r"on\s+binlerce", 2e4),
        (r"yüz\s+binlerce", 2e5),
        (r"onlarca", 24),
        (r"yüzlerce", 200),
        (r"binlerce", 2000),
        (r"milyonlarca", 2e6),
    ),
    labels=r"madde|no\.|№|#",
    stop=frozenset("ve veya ile de da bu bir için gibi olarak ise ki daha en çok".split()),
    max_words=1,
)

NL = NumLang(
    decimal_comma=True,
    approx=r"ongeveer|bijna|meer\s+dan|zo['’]n|circa|ruim|minstens|tot|minder\s+dan|ten\s+minste|rond|zowat",
    mult=((r"biljoen", 1e12), (r"miljard|mld\.?", 1e9), (r"miljoen|mln\.?", 1e6), (r"duizend", 1e3)),
    percent=r"%|procent(?:punt(?:en)?)?",
    currency=((r"dollar", "USD"), (r"euro", "EUR"), (r"pond", "GBP"), (r"roebel", "RUB")),
    units=(
        *UNITS_COMMON,
        (r"kilometer", "km"),
        (r"meter", "m"),
        (r"ton", "t"),
        (r"vaten", "bbl"),
        (r"jaar|jaren", "year"),
        (r"maanden?", "month"),
        (r"weken|week", "week"),
        (r"dagen|dag", "day"),
        (r"uur", "hour"),
        (r"minuten", "minute"),
        (r"graden", "degC"),
        (r"hectare", "ha"),
        (r"liter", "l"),
    ),
    connector=r"van",
    vague=(
        (r"tienduizenden", 2e4),
        (r"honderdduizenden", 2e5),
        (r"tientallen", 24),
        (r"honderden", 200),
        (r"duizenden", 2000),
        (r"miljoenen", 2e6),
    ),
    fractions=(
        (r"twee\s+derde", 200 / 3),
        (r"driekwart", 75),
        (r"een\s+derde", 100 / 3),
        (r"een\s+kwart", 25),
        (r"de\s+helft", 50),
    ),
    ordinal=r"ste|de|e",
    labels=r"artikel|art\.|nr\.|№|#|hoofdstuk",
    determiners=frozenset("de het hun zijn haar".split()),
    stop=frozenset(
        "en of in op aan bij met naar van voor tot door over onder uit de het een is zijn was waren werd "
        "werden heeft hebben had die dat niet ook nog al".split()
    ),
)

AR = NumLang(
    approx=r"حوالي|حوالى|نحو|قرابة|أكثر\s+من|ما\s+لا\s+يقل\s+عن|أقل\s+من|ما\s+يقرب\s+من|زهاء",
    mult=((r"تريليون", 1e12), (r"مليار(?:ات)?", 1e9), (r"مليون|ملايين", 1e6), (r"ألف|آلاف", 1e3)),
    percent=r"%|٪|في\s*الم(?:ائ|ئ|ا)ة|بالم(?:ائ|ئ|ا)ة",
    currency=((r"دولار(?:ا)?", "USD"), (r"يورو", "EUR"), (r"ريال(?:ا)?", "SAR"), (r"جنيه(?:ا)?", "EGP")),
    units=(
        *UNITS_COMMON,
        (r"كيلومترا?|كم", "km"),
        (r"مترا?", "m"),
        (r"طنا?|أطنان", "t"),
        (r"برميلا?|براميل", "bbl"),
        (r"عاما|سنوات|سنة|أعوام", "year"),
        (r"أشهر|شهرا|شهور", "month"),
        (r"أسابيع|أسبوعا", "week"),
        (r"أيام|يوما", "day"),
        (r"ساعات|ساعة", "hour"),
        (r"دقائق|دقيقة", "minute"),
    ),
    connector=r"من",
    vague=(
        (r"عشرات\s+الآلاف", 2e4),
        (r"مئات\s+الآلاف", 2e5),
        (r"عشرات", 24),
        (r"مئات", 200),
        (r"آلاف", 2000),
        (r"ملايين", 2e6),
    ),
    fractions=((r"ثلثي", 200 / 3), (r"ثلث", 100 / 3), (r"ربع", 25), (r"نصف", 50)),
    labels=r"المادة|رقم|№|#",
    stop=frozenset("و في من على إلى عن مع أو ثم قد التي الذي".split()),
    head_first=True,
)

ZH = NumLang(
    approx=r"约|大约|近|超过|逾|将近|至少|多达|约有",
    approx_after=r"多|余|左右|以上",
    mult=((r"万亿", 1e12), (r"亿", 1e8), (r"千万", 1e7), (r"百万", 1e6), (r"万", 1e4), (r"千", 1e3)),
    percent=r"%|％",
    currency=(
        (r"美元", "USD"),
        (r"欧元", "EUR"),
        (r"英镑", "GBP"),
        (r"日元", "JPY"),
        (r"卢布", "RUB"),
        (r"元|人民币", "CNY"),
    ),
    units=(
        *UNITS_COMMON,
        (r"公里", "km"),
        (r"千克|公斤", "kg"),
        (r"吨", "t"),
        (r"米", "m"),
        (r"桶", "bbl"),
        (r"年", "year"),
        (r"个月", "month"),
        (r"周|星期", "week"),
        (r"天", "day"),
        (r"小时", "hour"),
        (r"分钟", "minute"),
        (r"度", "degC"),
        (r"公顷", "ha"),
    ),
    vague=(
        (r"数十万", 2e5),
        (r"数万|上万", 2e4),
        (r"数千|几千|上千", 2000),
        (r"数百|几百|上百", 200),
        (r"数十|几十", 24),
    ),
    labels=r"第|№|#",
)

LANGS: dict[str, NumLang] = {
    "en": EN,
    "de": DE,
    "fr": FR,
    "es": ES,
    "it": IT,
    "pt": PT,
    "ru": RU,
    "pl": PL,
    "tr": TR,
    "nl": NL,
    "ar": AR,
    "zh": ZH,
    "ja": ZH,
}
