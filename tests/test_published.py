"""extract/published.py: a report's own publication date, read from its text."""
import pytest

from factiongraph.extract.published import infer_published


@pytest.mark.parametrize("text,title,expected", [
    # Reuters: year-less dateline, year from the header ...
    ("MOGADISHU, Oct 14 (Reuters) - A truck bomb killed at least 20 people, the worst attack of 2017.", None,
     ("2017-10-14", "Oct 14 (Reuters)")),
    # ... or from the latest date the story cites (publication is not before it)
    ("KABUL, Jan 3 (Reuters) - Taliban fighters attacked a checkpoint in Helmand province. " + "x " * 150
     + "The group last struck on 28 December 2017.", None, ("2018-01-03", "Jan 3 (Reuters)")),
    # AFP dateline with the full date
    ("KABUL, Oct 9, 2017 (AFP) - Taliban insurgents stormed a police compound.", None, ("2017-10-09", "Oct 9, 2017")),
    # AP: a date line above the dateline
    ("By JOHN SMITH\nOctober 9, 2017\nBAGHDAD (AP) — Iraqi forces advanced on Hawija on 5 October 2017.", None,
     ("2017-10-09", "October 9, 2017")),
    # Al Jazeera
    ("Published On 9 Oct 2017\nAl-Shabab fighters have attacked a military base.", "Al-Shabab attack Somali base",
     ("2017-10-09", "9 Oct 2017")),
    # a scraped page: "published" beats the later "updated"
    ("Home | News | Africa\nPublished on March 3, 2019 by Staff Writer. Updated on March 5, 2019.\nText.", None,
     ("2019-03-03", "March 3, 2019")),
    ("Updated 14:05 GMT, 3 May 2019\nClashes broke out in Tripoli.", None, ("2019-05-03", "3 May 2019")),
    # Guardian-style timestamp line, ISO timestamp, date in the title
    ("Mon 9 Oct 2017 14.05 BST\nRebels said on Sunday ...", None, ("2017-10-09", "9 Oct 2017")),
    ("2019-05-03T14:05:00Z\nClashes broke out.", None, ("2019-05-03", "2019-05-03")),
    ("A long paragraph about the fighting.", "Syria weekly update: 9 October 2017", ("2017-10-09", "9 October 2017")),
    # a date inside a paragraph is an event date: only its month is kept
    ("BAMAKO, Mali (Reuters) - Gunmen killed 12 soldiers in an attack on 9 October 2017, the army said.", None,
     ("2017-10", "9 October 2017")),
    ("Monthly report\nOctober 2017\nFighting continued.", None, ("2017-10", "October 2017")),
    ("GAO, 2 Oct (AFP) - Militants ambushed a convoy.", None, None),
    ("Some text without any date at all.", None, None),
])
def test_infer_published(text, title, expected):
    assert infer_published(text, title) == expected
