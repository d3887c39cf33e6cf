"""A small invented news corpus for the stories tests (every place, person and outlet is fictional).

Three stories told several times each (a wire report, verbatim and cut reprints, paraphrases by
other outlets, follow-ups on later days) and unrelated single reports; ``LATER`` brings a
follow-up of the bridge story and a new story (a ferry strike) for online tests.
"""

from __future__ import annotations

import json
from pathlib import Path

_BRIDGE = (
    "A storm with gusts of 140 kilometres an hour damaged the Elsen harbour bridge in Port Elsen on Tuesday night, "
    "and the town council closed the bridge to all traffic until engineers can inspect its steel cables. "
    "Mayor Ilse Brandvik said two of the cables that hold the main span had snapped and that nobody was hurt. "
    "Ferries will carry commuters across the harbour while the bridge is closed, the harbour authority said. "
    "The bridge, which opened in 1971, carries about 30,000 vehicles a day between the old town and the port."
)
_BRIDGE_CUT = " ".join(_BRIDGE.split(". ")[:2]) + "."

_MINE = (
    "Norvale Minerals will open a lithium mine in the Kestrel Valley next year, the company said on Wednesday, "
    "after the regional government granted it a licence to dig for twenty years. Chief executive Arvid Tollefsen "
    "said the mine would produce 18,000 tonnes of lithium carbonate a year for battery makers and employ 600 people. "
    "Farmers in the Kestrel Valley have warned that the open pit would drain the wells their cattle depend on. "
    "Norvale Minerals said it would pump water back into the valley and pay for new wells."
)

_BUSES = (
    "Marlow city council voted on Friday to run free night buses on six routes from June, in a trial meant to "
    "cut drunk driving and help people who work late shifts get home. Councillor Priya Anand, who proposed the "
    "night bus plan, said the trial would cost 2.4 million a year and be paid for by a parking levy. "
    "The free night buses will run every twenty minutes between midnight and five in the morning."
)

FIRST = [
    # the bridge story: wire report, verbatim reprint, cut reprint, paraphrase, follow-up
    ("bridge-wire", "Storm closes Port Elsen harbour bridge", _BRIDGE, "2024-04-02", "coastline-post.example"),
    (
        "bridge-reprint",
        "Port Elsen bridge shut after storm snaps cables",
        _BRIDGE,
        "2024-04-02",
        "north-herald.example",
    ),
    ("bridge-short", "Harbour bridge closed in Port Elsen", _BRIDGE_CUT, "2024-04-03", "daily-tide.example"),
    (
        "bridge-paraphrase",
        "Engineers to inspect storm-hit Elsen bridge",
        "Port Elsen's harbour bridge stays closed after Tuesday's storm snapped two steel cables on its main span, "
        "Mayor Ilse Brandvik told reporters. Engineers will inspect the cables of the Elsen bridge this week. Until "
        "then ferries carry commuters across the harbour. Nobody was hurt when the cables snapped, the town council "
        "said. The bridge normally carries 30,000 vehicles a day between the port and the old town.",
        "2024-04-03",
        "valley-voice.example",
    ),
    (
        "bridge-followup",
        "Elsen harbour bridge cables to be replaced",
        "Engineers who inspected the Elsen harbour bridge in Port Elsen said on Thursday that the two steel cables "
        "the storm snapped must be replaced, and the bridge will stay closed to traffic for at least a week. Mayor "
        "Ilse Brandvik said the ferries across the harbour would run every ten minutes for commuters until the bridge "
        "reopens.",
        "2024-04-04",
        "coastline-post.example",
    ),
    # the mine story
    ("mine-wire", "Norvale Minerals to open lithium mine in Kestrel Valley", _MINE, "2024-04-03", "ore-report.example"),
    (
        "mine-paraphrase",
        "Lithium mine approved for Kestrel Valley",
        "The regional government has granted Norvale Minerals a twenty-year licence for a lithium mine in the Kestrel "
        "Valley. Arvid Tollefsen, the chief executive of Norvale Minerals, said the open pit mine would produce 18,000 "
        "tonnes of lithium carbonate a year and employ 600 people. Kestrel Valley farmers fear the mine will drain "
        "their wells.",
        "2024-04-03",
        "north-herald.example",
    ),
    (
        "mine-reprint",
        "Norvale gets licence for Kestrel lithium mine",
        _MINE.replace("next year", "in 2025").replace("600 people", "about 600 people"),
        "2024-04-04",
        "daily-tide.example",
    ),
    (
        "mine-protest",
        "Kestrel Valley farmers protest Norvale lithium mine",
        "Hundreds of farmers drove their tractors to the regional parliament on Friday to protest against the lithium "
        "mine Norvale Minerals plans in the Kestrel Valley. The farmers say the open pit will drain the wells of the "
        "valley. Norvale Minerals chief executive Arvid Tollefsen repeated that the company would pay for new wells.",
        "2024-04-05",
        "valley-voice.example",
    ),
    # the night bus story
    ("buses-wire", "Marlow to run free night buses", _BUSES, "2024-04-05", "marlow-times.example"),
    ("buses-reprint", "Free night buses for Marlow from June", _BUSES, "2024-04-05", "north-herald.example"),
    (
        "buses-paraphrase",
        "Marlow council backs night bus trial",
        "Six night bus routes in Marlow will be free from June after the city council approved a trial on Friday. "
        "Councillor Priya Anand said the free night buses, paid for by a parking levy at a cost of 2.4 million a year, "
        "would help late shift workers and cut drunk driving.",
        "2024-04-06",
        "daily-tide.example",
    ),
    # unrelated single reports
    (
        "chess",
        "Teenager wins Vallen chess championship",
        "Sixteen-year-old Mira Okafor won the Vallen open chess championship on Sunday with a rook endgame against "
        "grandmaster Pavel Dunin, becoming the youngest champion in the tournament's history. Okafor scored seven "
        "points from nine rounds.",
        "2024-04-03",
        "board-games-weekly.example",
    ),
    (
        "comet",
        "Comet visible to the naked eye this month",
        "Astronomers at the Halden observatory said a bright comet will be visible to the naked eye after sunset for "
        "most of April. The comet's tail already stretches across two degrees of sky, and it will pass closest to the "
        "sun on April 21.",
        "2024-04-04",
        "sky-notes.example",
    ),
    (
        "bread",
        "Rye bread festival draws bakers to Osterby",
        "More than two hundred bakers brought sourdough rye loaves to the Osterby bread festival on Saturday, where "
        "a jury tasted crusts and crumbs for six hours. A family bakery from Lund Hill won the prize for the best "
        "dark rye with caraway seeds.",
        "2024-04-06",
        "kitchen-table.example",
    ),
    (
        "marathon",
        "Course record at the Corrin marathon",
        "Kenyan runner Joseph Langat broke the course record of the Corrin marathon on Sunday, finishing in two hours "
        "six minutes despite a headwind on the lakeside stretch. Last year's winner dropped out after thirty "
        "kilometres.",
        "2024-04-07",
        "track-side.example",
    ),
]

LATER = [
    (
        "bridge-reopens",
        "Port Elsen harbour bridge reopens",
        "The Elsen harbour bridge in Port Elsen reopened to traffic on Saturday after engineers replaced the two steel "
        "cables that Tuesday's storm snapped. Mayor Ilse Brandvik thanked the ferry crews who carried commuters across "
        "the harbour while the bridge was closed.",
        "2024-04-06",
        "north-herald.example",
    ),
    (
        "ferry-strike",
        "Hollin Island ferry crews go on strike",
        "Ferry crews on the Hollin Island route walked out on Saturday in a strike over pay, leaving about 4,000 "
        "island residents without a crossing to the mainland. The Hollin seafarers' union said its members had not "
        "had a pay rise for three years. Hollin Ferries said it would run one emergency boat a day.",
        "2024-04-06",
        "island-gazette.example",
    ),
    (
        "ferry-strike-2",
        "Strike halts Hollin Island ferries",
        "A strike by ferry crews over pay stopped the Hollin Island ferries on Saturday and left about 4,000 residents "
        "of the island without a crossing. The Hollin seafarers' union says crews have had no pay rise in three years; "
        "Hollin Ferries will run one emergency boat a day during the strike.",
        "2024-04-07",
        "coastline-post.example",
    ),
    (
        "orchid",
        "Rare orchid found in Brenna forest",
        "Botanists found a rare ghost orchid growing under beech trees in the Brenna forest, the first sighting of the "
        "leafless flower in the region for forty years. The exact spot will be kept secret to protect it.",
        "2024-04-07",
        "sky-notes.example",
    ),
]

# A reprint of the bridge wire report that is never stored (``samestory similar FILE``)
UNSTORED_REPRINT = (
    "date 2024-04-03\n\nBridge in Port Elsen closed by storm damage\n\n" + _BRIDGE + "\n\n-Coastline Post\n"
)

# What the stories should be: each story's ids (the unrelated reports are one story each)
FIRST_STORIES = [
    {"bridge-wire", "bridge-reprint", "bridge-short", "bridge-paraphrase", "bridge-followup"},
    {"mine-wire", "mine-paraphrase", "mine-reprint", "mine-protest"},
    {"buses-wire", "buses-reprint", "buses-paraphrase"},
    {"chess"},
    {"comet"},
    {"bread"},
    {"marathon"},
]


def records(items: list[tuple[str, str, str, str, str]]) -> list[dict]:
    return [
        {"id": i, "title": t, "text": x, "published": d, "url": f"https://{o}/news/{i}", "language": "en"}
        for i, t, x, d, o in items
    ]


def write_jsonl(path: Path, items: list[tuple[str, str, str, str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records(items)), encoding="utf-8")
    return path
