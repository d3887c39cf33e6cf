"""The single-paragraph recognisers, with the body sentences they must leave alone."""

from __future__ import annotations

import pytest

from samestory.ingest import recognize as rec


@pytest.mark.parametrize(
    "line,who",
    [
        ("By Hervé Bar for AFP", "Hervé Bar for AFP"),
        ("By Jane Doe, Reuters", "Jane Doe, Reuters"),
        ("By AP Staff", "AP Staff"),
        ("BY MARY SMITH", "MARY SMITH"),
        ("Par Jean Dupont", "Jean Dupont"),
        ("Author: J. Doe", "J. Doe"),
        ("By Jan Kowalski", "Jan Kowalski"),
        ("By May Lee", "May Lee"),
    ],
)
def test_byline(line, who):
    assert rec.byline(line) == who


@pytest.mark.parametrize(
    "line",
    [
        "By Friday the talks had failed",
        "By the end of the week",
        "By October 9 the deal was done",
        "By contrast, the north stayed dry",
        "By President Lee's count, 300 people died.",
    ],
)
def test_not_a_byline(line):
    assert rec.byline(line) is None


@pytest.mark.parametrize(
    "line,agencies",
    [
        ("-AFP", ("AFP",)),
        ("— Reuters", ("Reuters",)),
        ("(AFP)", ("AFP",)),
        ("Source: AFP", ("AFP",)),
        ("AFP/BSS", ("AFP", "BSS")),
        ("With AFP", ("AFP",)),
        ("© 2020 Agence France-Presse", ("AFP",)),
        ("With agencies", ()),
        ("(Reporting by Jane Doe; Editing by Alex Smith)", ()),
    ],
)
def test_credit_line(line, agencies):
    cr = rec.credit_line(line)
    assert cr is not None and cr.agencies == agencies


def test_credit_line_needs_the_whole_line():
    assert rec.credit_line("AFP said on Friday that talks had resumed.") is None
    assert rec.credit_line("Reuters") is not None and rec.credit_line("AP") is not None


@pytest.mark.parametrize(
    "para,credit",
    [
        ("...outbreaks of fighting.\u00a0\u00a0 \u00a0 -AFP", ("AFP",)),
        ("It ended there. (Reuters)", ("Reuters",)),
        ('"No," he said. AFP/BSS', ("AFP", "BSS")),
        ("It ended there. — AP", ("AP",)),
    ],
)
def test_trailing_credit(para, credit):
    found = rec.trailing_credit(para)
    assert found is not None and found[1] == credit
    assert para[: found[0]].rstrip().endswith((".", '"'))


@pytest.mark.parametrize(
    "para", ["He told AFP.", "The statement was sent to Reuters and AP.", "a claim the AFP-JIJI desk denied"]
)
def test_no_trailing_credit(para):
    assert rec.trailing_credit(para) is None


@pytest.mark.parametrize(
    "para,text,place,agencies",
    [
        ("Baku, Oct 9: Armenia and Azerbaijan", "Baku, Oct 9", "Baku", ()),
        ("MOSCOW (Reuters) - Russia said", "MOSCOW (Reuters)", "MOSCOW", ("Reuters",)),
        ("PARIS, Oct 9 (AFP) – France said", "PARIS, Oct 9 (AFP)", "PARIS", ("AFP",)),
        ("WASHINGTON — The Senate", "WASHINGTON", "WASHINGTON", ()),
        ("KYIV, Ukraine (AP) — Officials", "KYIV, Ukraine (AP)", "KYIV", ("AP",)),
        ("RALEIGH, N.C. — The governor", "RALEIGH, N.C.", "RALEIGH", ()),
        ("PARIS, 9 oct (AFP) - Les ministres", "PARIS, 9 oct (AFP)", "PARIS", ("AFP",)),
        ("МОСКВА, 9 окт — РИА Новости. Министры", "МОСКВА, 9 окт — РИА Новости", "МОСКВА", ("RIA Novosti",)),
        ("Rio de Janeiro, Oct 9 (Reuters) - Brazil", "Rio de Janeiro, Oct 9 (Reuters)", "Rio de Janeiro", ("Reuters",)),
        ("(AFP) - Talks resumed", "(AFP)", None, ("AFP",)),
    ],
)
def test_dateline(para, text, place, agencies):
    dl = rec.dateline(para)
    assert dl is not None
    assert (dl.text, dl.place, dl.agencies) == (text, place, agencies)
    assert para[: len(dl.text)] == dl.text and para[dl.body :][0].isalpha()


@pytest.mark.parametrize(
    "para",
    [
        "Armenia and Azerbaijan held talks on Oct 9: a first.",
        "However, the talks went on.",
        "The talks - which lasted hours - ended late.",
        "Baku, Oct 9 was a quiet day.",
        "Putin said on Friday that talks would go on.",
        "ROUNDUP: Talks resume in the capital",
        "POL-AA: Police report a burglary",
        "NATO — the alliance said",
        "DGAP- News: results",
        "USA: Talks resume",
    ],
)
def test_not_a_dateline(para):
    assert rec.dateline(para) is None


@pytest.mark.parametrize(
    "para,credit",
    [
        ("Putin's invitation came as fighting went on. **Kremlin.ru**", "Kremlin.ru"),
        ("Photo: A stranded lorry near the summit.", None),
        ("Snow ploughs work on the pass. (Photo: Karl Weber)", "Photo: Karl Weber"),
        ("Smoke rises over the city on Friday. Getty Images", "Getty Images"),
        ("The minister arrives in Baku on Friday. Jane Roe / AFP", "Jane Roe / AFP"),
        ("Rescuers search the rubble. REUTERS/Jane Doe", "REUTERS/Jane Doe"),
        ("A stranded lorry - AP Photo/J. Doe", "AP Photo/J. Doe"),
    ],
)
def test_caption(para, credit):
    cap = rec.caption(para)
    assert cap is not None and cap.credit == credit


@pytest.mark.parametrize(
    "para",
    [
        "He said the photo was sold to Getty Images.",
        "The attack — the largest so far — was confirmed to AFP.",
        "Read the full **report** here.",
        "It ended there. (Reuters)",
        "The vote was 84-10.",
    ],
)
def test_not_a_caption(para):
    assert rec.caption(para) is None


@pytest.mark.parametrize(
    "para,heading",
    [
        ("Mediation efforts", "Mediation efforts"),
        ("## Background", "Background"),
        ("**What comes next**", "What comes next"),
        ("MOUNTING TOLL", "MOUNTING TOLL"),
    ],
)
def test_subheading(para, heading):
    assert rec.subheading(para) == heading


@pytest.mark.parametrize(
    "para",
    [
        "The vote was 84-10.",
        "He declined to comment.",
        "Here is what we know:",
        '"We will win," he said',
        "the rest of a sentence",
        "A line that is far too long to be a heading because it goes on and on and on",
    ],
)
def test_not_a_subheading(para):
    assert rec.subheading(para) is None


def test_embed_signature():
    sig = rec.embed_signature("— Paul Ronzheimer (@ronzheimer) October 8, 2020")
    assert sig is not None
    assert (sig.author, sig.handle, str(sig.date)) == ("Paul Ronzheimer", "@ronzheimer", "2020-10-08")
    sig = rec.embed_signature("A post shared by Town Watch (@town.watch) on Oct 8, 2020 at 3:12pm PDT")
    assert sig is not None and sig.handle == "@town.watch"
    assert rec.embed_signature("— a quote, he said (@ no)") is None
    assert rec.strip_tags("in <u>#Shushi</u> now") == "in #Shushi now"


def test_date_line_and_labels():
    dl = rec.date_line("Published : Saturday, 10 October, 2020 at 12:00 AM \u00a0Count : 25")
    assert dl is not None and dl.views == 25 and not dl.updated
    dl = rec.date_line("Updated: 4 Nov 2021 09:30 GMT")
    assert dl is not None and dl.updated
    assert rec.date_line("October 9, 2020 was a Friday and the talks began.") is None
    assert rec.label("Video") == "Video" and rec.label("Video games are popular.") is None
    assert rec.boilerplate("Advertisement") and rec.boilerplate("Read more: Another story")
    assert not rec.boilerplate("Sign up begins on Monday for the new course.")
    assert rec.boilerplate("READ MORE") and rec.boilerplate("Lire aussi : Un autre article")
    assert not rec.boilerplate("Read next week's report before you vote.")
    assert not rec.boilerplate("See more than 300 photos in the gallery.")
