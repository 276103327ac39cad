"""The language check (py3langid, restricted to the languages conflict reports come in): terse English notes,
full of names and numbers, are English; French, Arabic, Spanish and Russian reports are not."""
import pytest

from factiongraph.ingest.language import detect, is_english

ENGLISH = [
    "On 2 March 2021, 3 coalition airstrikes reportedly hit Harib district (Marib). No casualties reported.",
    "Around 2 March 2021 (month of), AQAP militants clashed with Houthi forces in Al Bayda. 4 fatalities.",
    "Property destruction: Unidentified armed men torched houses in Kidal. Casualties unknown.",
    "Al-Shabaab fighters attacked AMISOM base in Lower Shabelle. 5 killed.",
    "Houthi forces shelled GPC positions in Hays (Al Hudaydah). No fatalities.",
    "HTS seized Saraqib from NDF militia; Jaish al-Izza, Ahrar al-Sham, Nour al-Din al-Zinki withdrew.",
    "Taliban militants ambushed ANDSF checkpoint in Nad-e Ali (Helmand). 3 ANP killed, 2 wounded.",
    "Gang members of 400 Mawozo kidnapped 5 people in Croix-des-Bouquets (Ouest). Ransom demanded.",
    "Al-Shabaab attacked Baidoa",  # too little to tell: not refused
    "HTS",
    "MOGADISHU, Somalia - Al-Shabaab fighters attacked a military base in the Lower Shabelle region on Monday, "
    "killing at least five soldiers, officials said.",
]
OTHER = [
    ("fr", "Les combattants du groupe ont attaqué la ville de Ménaka et ont tué des civils dans la région."),
    ("fr", "Des hommes armés ont attaqué un poste de police à Kidal."),
    ("ar", "قتل خمسة جنود في هجوم شنته حركة الشباب على قاعدة عسكرية في منطقة شبيلي السفلى يوم الاثنين"),
    ("es", "Los combatientes del grupo armado atacaron la ciudad y mataron a varios civiles, según fuentes locales."),
    ("es", "Enfrentamientos entre el ELN y disidencias de las FARC en Arauca dejaron tres muertos."),
    ("ru", "Боевики атаковали военную базу в районе Нижняя Шабелле, погибли пять солдат."),
]


@pytest.mark.parametrize("text", ENGLISH)
def test_terse_english_is_english(text):
    assert is_english(text)


@pytest.mark.parametrize("lang, text", OTHER)
def test_other_languages_are_refused(lang, text):
    assert detect(text)[0] == lang and not is_english(text)
