"""Small multilingual word lists shared by the analysis steps.

``SNOWBALL`` maps ISO 639-1 codes to PyStemmer algorithm names. ``CONCEPTS`` maps the nouns that
news figures most often count (people, deaths, soldiers...) in several languages to one
language-independent concept, so "400 lives" and "400 жизней" can share a number key;
``CONCEPT_INDEX`` is the same, inverted per language and extended with Snowball stems.
"""

from __future__ import annotations

SNOWBALL: dict[str, str] = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "cs": "czech", "da": "danish",
    "nl": "dutch", "en": "english", "eo": "esperanto", "et": "estonian", "fi": "finnish", "fr": "french",
    "de": "german", "el": "greek", "hi": "hindi", "hu": "hungarian", "id": "indonesian", "ga": "irish",
    "it": "italian", "lt": "lithuanian", "ne": "nepali", "nb": "norwegian", "no": "norwegian", "nn": "norwegian",
    "fa": "persian", "pl": "polish", "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian",
    "es": "spanish", "sv": "swedish", "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}

# concept -> language -> word forms (lower case). Only nouns that news figures count; a head noun
# outside this list keys by its stem, which still matches within one language.
CONCEPTS: dict[str, dict[str, str]] = {
    "people": {
        "en": "people persons person individuals", "de": "menschen personen leute", "fr": "personnes gens",
        "es": "personas", "it": "persone", "pt": "pessoas", "ru": "человек людей люди человека",
        "pl": "osób osoby ludzi", "tr": "kişi insan", "nl": "mensen personen", "ar": "شخص أشخاص شخصا",
        "zh": "人",
    },
    "death": {
        "en": "deaths dead fatalities killed died", "de": "tote toten todesopfer", "fr": "morts décès tués",
        "es": "muertos fallecidos muertes", "it": "morti", "pt": "mortos mortes",
        "ru": "погибших погибли смертей убитых",
        "pl": "zabitych zmarłych", "tr": "ölü", "nl": "doden", "ar": "قتيل قتلى قتيلا وفاة", "zh": "死亡",
    },
    "life": {
        "en": "lives life", "de": "leben menschenleben", "fr": "vies", "es": "vidas", "it": "vite", "pt": "vidas",
        "ru": "жизней жизни", "pl": "istnień", "tr": "can", "nl": "levens", "ar": "أرواح", "zh": "生命",
    },
    "soldier": {
        "en": "soldiers troops servicemen", "de": "soldaten", "fr": "soldats militaires", "es": "soldados militares",
        "it": "soldati militari", "pt": "soldados militares", "ru": "военных солдат военнослужащих бойцов",
        "pl": "żołnierzy", "tr": "asker", "nl": "soldaten militairen", "ar": "جندي جنود عسكريين", "zh": "士兵 军人",
    },
    "civilian": {
        "en": "civilians", "de": "zivilisten", "fr": "civils", "es": "civiles", "it": "civili", "pt": "civis",
        "ru": "мирных гражданских", "pl": "cywilów", "tr": "sivil", "nl": "burgers", "ar": "مدنيين مدنيا", "zh": "平民",
    },
    "child": {
        "en": "children kids", "de": "kinder", "fr": "enfants", "es": "niños", "it": "bambini", "pt": "crianças",
        "ru": "детей", "pl": "dzieci", "tr": "çocuk", "nl": "kinderen", "ar": "أطفال طفل", "zh": "儿童 孩子",
    },
    "woman": {
        "en": "women", "de": "frauen", "fr": "femmes", "es": "mujeres", "it": "donne", "pt": "mulheres",
        "ru": "женщин", "pl": "kobiet", "tr": "kadın", "nl": "vrouwen", "ar": "نساء امرأة", "zh": "妇女",
    },
    "resident": {
        "en": "residents inhabitants", "de": "einwohner bewohner", "fr": "habitants résidents",
        "es": "habitantes residentes", "it": "abitanti residenti", "pt": "habitantes moradores",
        "ru": "жителей жителя", "pl": "mieszkańców", "tr": "sakin", "nl": "inwoners bewoners",
        "ar": "ساكن سكان نسمة", "zh": "居民",
    },
    "injured": {
        "en": "injured wounded injuries", "de": "verletzte verletzten verwundete", "fr": "blessés", "es": "heridos",
        "it": "feriti", "pt": "feridos", "ru": "раненых пострадавших", "pl": "rannych", "tr": "yaralı",
        "nl": "gewonden", "ar": "جريح جرحى مصاب", "zh": "受伤",
    },
    "refugee": {
        "en": "refugees displaced", "de": "flüchtlinge", "fr": "réfugiés déplacés", "es": "refugiados desplazados",
        "it": "rifugiati sfollati", "pt": "refugiados deslocados", "ru": "беженцев", "pl": "uchodźców",
        "tr": "mülteci", "nl": "vluchtelingen", "ar": "لاجئ نازح", "zh": "难民",
    },
    "prisoner": {
        "en": "prisoners detainees", "de": "gefangene", "fr": "prisonniers", "es": "prisioneros presos",
        "it": "prigionieri", "pt": "prisioneiros", "ru": "пленных заключенных", "pl": "więźniów jeńców",
        "tr": "esir tutuklu", "nl": "gevangenen", "ar": "أسير أسرى معتقل", "zh": "囚犯",
    },
    "case": {
        "en": "cases infections", "de": "fälle infektionen neuinfektionen", "fr": "cas", "es": "casos",
        "it": "casi", "pt": "casos", "ru": "случаев заражений", "pl": "przypadków zakażeń", "tr": "vaka",
        "nl": "gevallen besmettingen", "ar": "حالة إصابة", "zh": "病例",
    },
    "home": {
        "en": "homes houses", "de": "häuser wohnungen", "fr": "maisons logements", "es": "viviendas casas",
        "it": "abitazioni", "pt": "casas", "ru": "домов", "pl": "domów", "tr": "ev konut", "nl": "huizen woningen",
        "ar": "منزل منازل", "zh": "房屋",
    },
    "job": {
        "en": "jobs", "de": "arbeitsplätze stellen", "fr": "emplois", "es": "empleos", "it": "posti",
        "pt": "empregos", "ru": "мест", "pl": "miejsc", "tr": "iş", "nl": "banen", "ar": "وظيفة", "zh": "岗位",
    },
    "worker": {
        "en": "workers employees staff", "de": "mitarbeiter beschäftigte arbeiter",
        "fr": "salariés employés travailleurs",
        "es": "trabajadores empleados", "it": "lavoratori dipendenti", "pt": "trabalhadores funcionários",
        "ru": "работников сотрудников рабочих", "pl": "pracowników", "tr": "çalışan işçi",
        "nl": "werknemers medewerkers", "ar": "عامل موظف", "zh": "员工 工人",
    },
    "migrant": {
        "en": "migrants", "de": "migranten", "fr": "migrants", "es": "migrantes", "it": "migranti",
        "pt": "migrantes", "ru": "мигрантов", "pl": "migrantów", "tr": "göçmen", "nl": "migranten",
        "ar": "مهاجر", "zh": "移民",
    },
    "protester": {
        "en": "protesters demonstrators", "de": "demonstranten", "fr": "manifestants", "es": "manifestantes",
        "it": "manifestanti", "pt": "manifestantes", "ru": "протестующих демонстрантов",
        "pl": "demonstrantów protestujących", "tr": "protestocu gösterici", "nl": "demonstranten",
        "ar": "متظاهر", "zh": "抗议者",
    },
    "village": {
        "en": "villages", "de": "dörfer", "fr": "villages", "es": "aldeas pueblos", "it": "villaggi",
        "pt": "aldeias", "ru": "сел деревень", "pl": "wsi", "tr": "köy", "nl": "dorpen", "ar": "قرية قرى",
        "zh": "村庄",
    },
    "country": {
        "en": "countries nations", "de": "länder staaten", "fr": "pays", "es": "países", "it": "paesi",
        "pt": "países", "ru": "стран", "pl": "krajów państw", "tr": "ülke", "nl": "landen", "ar": "دولة دول",
        "zh": "国家",
    },
    "member": {
        "en": "members", "de": "mitglieder", "fr": "membres", "es": "miembros", "it": "membri", "pt": "membros",
        "ru": "членов", "pl": "członków", "tr": "üye", "nl": "leden", "ar": "عضو أعضاء", "zh": "成员",
    },
    "victim": {
        "en": "victims", "de": "opfer", "fr": "victimes", "es": "víctimas", "it": "vittime", "pt": "vítimas",
        "ru": "жертв", "pl": "ofiar", "tr": "kurban", "nl": "slachtoffers", "ar": "ضحية ضحايا", "zh": "遇难者",
    },
}


def _index() -> dict[str, dict[str, str]]:
    """language -> {word form or its Snowball stem: concept}, so inflected forms not listed
    ("soldier" for "soldiers") still find their concept."""
    import Stemmer

    out: dict[str, dict[str, str]] = {}
    for concept, by_lang in CONCEPTS.items():
        for lang, words in by_lang.items():
            out.setdefault(lang, {}).update(dict.fromkeys(words.split(), concept))
    for lang, forms in out.items():
        if lang in SNOWBALL:
            words = list(forms)
            stems = Stemmer.Stemmer(SNOWBALL[lang]).stemWords(words)
            out[lang] = {**dict(zip(stems, (forms[w] for w in words))), **forms}
    return out


# A constant table derived once from CONCEPTS (stemming 800 words takes about a millisecond).
CONCEPT_INDEX: dict[str, dict[str, str]] = _index()
