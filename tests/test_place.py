"""The place stage (pipeline/place.py) on short reports written for these tests: names are resolved in the
countries the report is about, not in a country it names only as an actor."""
import pytest

from factiongraph.models import Document
from factiongraph.pipeline import Extractor


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def places(extractor, text):
    doc = extractor.nlp.make_doc(text)
    doc._.fg_document = Document(id="t", text=text, published="2016-07-12")
    doc = extractor.nlp(doc)
    return {doc.text[a:b]: p for (a, b), p in doc._.fg_places.items()}, doc._.fg_countries


def test_an_actor_only_country_gives_no_small_towns(extractor):
    found, _ = places(extractor, "The US-led coalition and the Syrian army shelled the Old City of Aleppo and "
                                 "al-Baath on Monday, US officials said. Arab tribes fled Raqqa.")
    assert all(p.country != "US" for p in found.values()), found
    assert found["Raqqa"].country == "SY"


def test_a_country_named_as_a_place_is_home(extractor):
    found, countries = places(extractor, "Syrian rebels in Aleppo and Idlib fired rockets into Turkey on Monday, "
                                         "hitting Kilis, the Syrian army said.")
    assert found["Kilis"].country == "TR"  # a town of 80,000 abroad: Turkey is named as a place
    assert found["Idlib"].country == "SY" and {"SY", "TR"} <= set(countries)


def test_a_demonym_before_a_place_noun_is_home(extractor):
    found, _ = places(extractor, "Al-Shabaab militants planted a bomb that killed a cleric in the Kenyan "
                                 "coastal county of Lamu, near the border with Somalia.")
    assert found["Lamu"].country == "KE"
