# ruff: noqa: E501  (test sentences are kept whole, one per line)
"""General reading rules added for text written by other hands (GTD summaries, wire copy, SATP timelines).

Every sentence here is written for the test, in our own words; names of people are invented. Each test names
the rule it pins down (see docs/extraction.md, "Rules behind each field").
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tacitus.actors import get_actors
from tacitus.extract.casualties import sentence_statements, sentence_totals
from tacitus.extract.dates import find_dates


def _killed(text: str) -> int | None:
    totals = [s for s in sentence_totals(sentence_statements(text, 0, len(text), 0)) if s.field == "killed"]
    return totals[0].value if totals else None


# Dates -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("07/14/2009: Gunmen fired on a van.", dt.date(2009, 7, 14)),  # GTD prefix, month first
        ("On 23/05/2011 a bomb went off.", dt.date(2011, 5, 23)),  # a part above 12 is the day
        ("Filed 4-6-2013.", dt.date(2013, 4, 6)),
    ],
)
def test_numeric_dates(text: str, want: dt.date) -> None:
    assert [d.date for d in find_dates(text)] == [want]


def test_gtd_prefix_dates_event_without_publication(main_event: Any) -> None:
    v = main_event("03/11/2010: A bomb exploded at a bus stand in Khuzdar, Balochistan, Pakistan, killing four people.")
    assert (v["date"], v["date_precision"]) == (dt.date(2010, 3, 11), "day")


def test_statement_date_is_not_the_event_date(main_event: Any) -> None:
    v = main_event(
        "QUETTA — Police said on Wednesday that six miners had been shot dead late on Monday near Mach.",
        "2016-06-16",
    )
    assert v["date"] == dt.date(2016, 6, 13)


def test_incident_is_dated_by_its_start(main_event: Any) -> None:
    v = main_event(
        "LAHORE — Troops on Tuesday ended a standoff that began when gunmen seized a hostel on Monday, officials said.",
        "2015-03-04",
    )
    assert v["date"] == dt.date(2015, 3, 2)


def test_previous_day_counts_back_from_the_date_before_it(main_event: Any) -> None:
    v = main_event("Officials on Thursday said a roadside bomb had killed two soldiers the previous day.", "2012-08-10")
    assert v["date"] == dt.date(2012, 8, 8)


# Tolls -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        ("At least 31 people, most of them day labourers, were killed.", 31),
        ("Twelve people, several policemen among them, were killed.", 12),
        ("Two boys flying a kite nearby were killed.", 2),
        ("The raiders shot dead four guards and one cook.", 5),
        ("Commander Gul Wazir was killed along with six of his men.", 7),
        ("Tribal elder Noor Khan and three of his sons were killed.", 4),
        ("The judge and two others were killed.", 3),
        ("They shot eleven of them dead.", 11),
        ("Officials said 14 bodies had been taken to the morgue.", 14),
    ],
)
def test_killed_count_shapes(sentence: str, want: int) -> None:
    assert _killed(sentence) == want


def test_reporter_is_not_a_victim() -> None:
    assert _killed("The blast killed three policemen, a senior officer said.") == 3


def test_named_survivor_does_not_zero_the_toll(main_event: Any) -> None:
    v = main_event(
        "A bomb hit the governor's car in Quetta on 2 May 2011. The governor escaped unhurt, but 9 people were killed."
    )
    assert v["killed_best"] == 9


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # attackers who died in a clause of their own are added (GTD: killed includes perpetrators)
        ("Gunmen raided a checkpoint in Turbat on 9 May 2013; five soldiers were killed and two attackers died.", 7),
        (
            "Militants attacked an airbase in Kamra on 9 May 2013; eight guards were killed and four attackers blew themselves up.",
            12,
        ),
        (
            "Gunmen raided a checkpoint in Turbat on 9 May 2013, killing five soldiers before troops killed all three attackers.",
            8,
        ),
        ("A car bomb killed 19 people in Hangu on 9 May 2013, a figure that does not include the bomber.", 20),
        ("A bomb killed six people in Hangu on 9 May 2013; the bomber also died.", 7),
        # a lone suicide bomber who killed nobody else
        (
            "A suicide bomber blew up his car beside a bus in Hub on 9 May 2013; four passengers were hurt and the bomber was the only person killed.",
            1,
        ),
    ],
)
def test_attackers_among_the_dead(text: str, killed: int, main_event: Any) -> None:
    assert main_event(text)["killed_best"] == killed


def test_named_victim_restating_the_toll(main_event: Any) -> None:
    text = (
        "Party leader Akbar Jan was killed at a rally in Swabi on 4 April 2013. "
        "Police said Jan and 11 other people died in the blast."
    )
    assert main_event(text)["killed_best"] == 12


# Perpetrators ------------------------------------------------------------------------------------------------


def test_label_policy() -> None:
    actors = get_actors()
    labels = {a: actors.get(a).label for a in ("ttp", "bla", "lej", "jamaat-ul-ahrar", "jundallah-pk", "gov-usa")}  # type: ignore[union-attr]
    assert labels == {
        "ttp": "TTP",
        "bla": "BLA",
        "lej": "Lashkar-e-Jhangvi",
        "jamaat-ul-ahrar": "Jamaat-ul-Ahrar",
        "jundallah-pk": "Jundallah",
        "gov-usa": "United States",
    }
    assert actors.get("lej-alami").label == "Lashkar-e-Jhangvi"  # type: ignore[union-attr]
    assert actors.lookup(actors.get("lej-alami").label).id == "lej"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "who", "how"),
    [
        (
            "Rockets fired from American drones hit a madrassa near Wana on 5 June 2010, killing 14 militants.",
            "United States",
            "attributed",
        ),
        (
            "A missile from a suspected US spy drone struck a car near Mir Ali on 5 June 2010, killing three people.",
            "United States",
            "suspected",
        ),
    ],
)
def test_drone_strikes_name_the_state(text: str, who: str, how: str, main_event: Any) -> None:
    v = main_event(text)
    assert (v["perpetrator"], v["attribution"], v["claimed"]) == (who, how, False)


def test_recalled_drone_strike_is_not_this_attack(main_event: Any) -> None:
    v = main_event(
        "Unknown gunmen shot dead a tribal elder in Wana on 5 June 2010. "
        "It may be recalled that his son was killed in a US drone attack in 2008."
    )
    assert v["perpetrator"] == "Unknown"


@pytest.mark.parametrize(
    ("text", "who", "how"),
    [
        (
            "A bomb killed two officials in Kohat on 6 May 2011. Police later traced the bombing to Lashkar-e-Islam.",
            "Lashkar-e-Islam",
            "attributed",
        ),
        (
            "Engineer Tariq Aziz has been killed by his kidnappers near Khar, a spokesman for Tehrik-i-Taliban Pakistan said on 6 May 2011.",
            "TTP",
            "claimed",
        ),
        (
            "Gunmen stormed a school in Bannu on 6 May 2011. Qari Zahid, head of Tehrik-i-Taliban Pakistan, told journalists by phone that his men had carried out the raid.",
            "TTP",
            "claimed",
        ),
        (
            "A bomb killed five traders in Dera Bugti on 6 May 2011. Both the Baloch Republican Army and the Baloch Liberation Front claimed responsibility.",
            "Baloch Republican Army",
            "claimed",
        ),
        (
            "A bomb killed five traders in Quetta on 6 May 2011. Jundallah, an outfit allied to the Pakistani Taliban, claimed responsibility.",
            "Jundallah",
            "claimed",
        ),
        (
            "A bomb killed five people in Quetta on 6 May 2011. The blast bore the hallmarks of Lashkar-e-Jhangvi.",
            "Lashkar-e-Jhangvi",
            "suspected",
        ),
    ],
)
def test_claims_and_attributions(text: str, who: str, how: str, main_event: Any) -> None:
    v = main_event(text)
    want = get_actors().lookup(who)
    assert (v["perpetrator"], v["attribution"]) == ((want.label if want else who), how)


def test_army_announcing_its_own_air_strike(main_event: Any) -> None:
    v = main_event(
        "Pakistani military jets pounded hideouts in Tirah on 3 March 2015, killing 30 militants, the army said."
    )
    assert (v["perpetrator_id"], v["claimed"]) == ("pak-army", True)


# Attack and target types -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "attack"),
    [
        (
            "A car bomb struck the motorcade of Chief Minister Ali Raza near Quetta on 8 July 2012, killing 9 people.",
            "assassination",
        ),
        (
            "A bomb killed 30 people at a rally in Lahore on 8 July 2012; officials called it an attempt on his life.",
            "assassination",
        ),
        (
            "Former minister Javed Akhtar and four guards were killed when a suicide bomber struck his car in Swabi on 8 July 2012.",
            "assassination",
        ),
        (
            "Gunmen stormed a naval base in Karachi on 8 July 2012; a suicide vest was detonated before troops ended the 10-hour siege.",
            "armed_assault",
        ),
        (
            "Four gunmen armed with rifles and grenades stormed a college in Mardan on 8 July 2012, killing 12 students.",
            "armed_assault",
        ),
        (
            "Gunmen set fire to 30 oil tankers at a terminal near Jamrud on 8 July 2012; two drivers died in the blaze.",
            "facility_infrastructure_attack",
        ),
        (
            "Militants fired on a column of supply trucks near Landi Kotal on 8 July 2012 and drove the trucks away.",
            "hijacking",
        ),
        (
            "Gunmen took nine labourers from a camp near Turbat on 8 July 2012, led them into the hills and killed them.",
            "hostage_taking_kidnapping",
        ),
    ],
)
def test_attack_type_rules(text: str, attack: str, main_event: Any) -> None:
    assert main_event(text)["attack_type"] == attack


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Gunmen shot dead two staff members of a UN food agency in Quetta on 1 June 2011.", "government_diplomatic"),
        ("Gunmen raided a children's welfare organisation in Karachi on 1 June 2011, killing three workers.", "ngo"),
        (
            "A US drone fired missiles at a hideout near Mir Ali on 1 June 2011, killing six militants.",
            "terrorists_non_state_militia",
        ),
        ("A bomb hit a bus carrying mine engineers near Dalbandin on 1 June 2011, injuring five.", "business"),
        ("Gunmen disguised as policemen shot dead four shopkeepers in Quetta on 1 June 2011.", "business"),
        (
            "A bomb exploded in a market in Khar, headquarters of Bajaur Agency, on 1 June 2011, killing 12 people.",
            "private_citizens_property",
        ),
        (
            "A suicide bomber attacked a gathering of lawyers in Quetta on 1 June 2011, killing 20.",
            "government_general",
        ),
        (
            "Gunmen stopped a coach carrying Hazara passengers near Mastung on 1 June 2011 and killed 12.",
            "private_citizens_property",
        ),
    ],
)
def test_target_type_rules(text: str, target: str, main_event: Any) -> None:
    assert main_event(text)["target_type"] == target


# Places ------------------------------------------------------------------------------------------------------


def test_dateline_yields_to_a_place_in_the_body(main_event: Any) -> None:
    v = main_event(
        "QUETTA — A bomb killed four people in a bazaar in Dalbandin, Chagai district, on Monday.", "2014-01-08"
    )
    assert (v["place"], v["admin2"]) == ("Dalbandin", "Chagai")


def test_route_ends_are_not_the_scene(main_event: Any) -> None:
    v = main_event(
        "Gunmen ambushed a convoy travelling from Gwadar to Karachi near Ormara on 3 May 2017, killing six guards."
    )
    assert v["place"] == "Ormara"


def test_town_inside_the_named_district_is_preferred(main_event: Any) -> None:
    v = main_event("A bomb went off in the Kurram Agency town of Parachinar on 3 May 2012, killing seven people.")
    assert v["place"] == "Parachinar"


def test_last_word_of_a_longer_name_is_no_place(main_event: Any) -> None:
    v = main_event("RAWALPINDI — A blast at Liaquat Bagh killed three people on 3 May 2012.")
    assert v["admin2"] == "Rawalpindi"


def test_a_province_named_later_in_passing_does_not_veto_the_place(main_event: Any) -> None:
    v = main_event("Militants blew up a gas pipeline in Sui on 3 May 2012, cutting supply to factories in Punjab.")
    assert v["admin1"] == "Balochistan"


def test_where_the_attackers_came_from_is_not_the_scene(main_event: Any) -> None:
    v = main_event(
        "Armed tribesmen of Khyber Agency abducted four teachers from a school in Peshawar District on 3 May 2012."
    )
    assert v["admin2"] == "Peshawar"


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Militants kidnapped five surveyors near Sibi on 3 May 2012. Their bodies were recovered two days later.", 5),
        ("Three guards were kidnapped near Sibi on 3 May 2012; one of them was later found dead.", 1),
        (
            "A bomb exploded in Sibi on 3 May 2012. Eleven people died and two more of the wounded died later in hospital.",
            13,
        ),
        ("A bomb killed 9 people in Sibi on 3 May 2012. Two of the injured died on Monday, taking the toll to 11.", 11),
        ("A suicide bomber killed himself and four others at a checkpoint in Sibi on 3 May 2012.", 5),
        ("Gunmen killed a teacher and his three brothers in Sibi on 3 May 2012.", 4),
        ("A suicide bomber blew himself up at a gate in Sibi on 3 May 2012, killing only himself.", 1),
    ],
)
def test_more_toll_shapes(text: str, killed: int, main_event: Any) -> None:
    assert main_event(text)["killed_best"] == killed


def test_lone_survivor_none_is_not_the_toll(main_event: Any) -> None:
    v = main_event("A suicide bomber blew himself up at a gate in Sibi on 3 May 2012; no one else was hurt.")
    assert v["wounded_best"] == 0


@pytest.mark.parametrize(
    "text",
    [
        "A bomb killed two guards in Turbat on 3 May 2012. A claim of responsibility came from the Baloch Liberation Front.",
        "A bomb killed two guards in Turbat on 3 May 2012. Responsibility was later claimed on behalf of the Baloch Liberation Front.",
        "Two guards were killed when a bomb went off in Turbat on 3 May 2012, a spokesman for the Baloch Liberation Front told reporters.",
        "A bomb killed two guards in Turbat on 3 May 2012. The Baloch Liberation Front said in a statement that its fighters had planted the device.",
    ],
)
def test_claim_wordings(text: str, main_event: Any) -> None:
    v = main_event(text)
    assert (v["perpetrator"], v["claimed"]) == ("BLF", True)


@pytest.mark.parametrize(
    "text",
    [
        "A gunman set off explosives strapped to his body outside a shrine in Sehwan on 3 May 2012, killing 9.",
        "A driver rammed his explosives-laden pickup into a police post in Sehwan on 3 May 2012, killing 9.",
    ],
)
def test_suicide_wordings(text: str, main_event: Any) -> None:
    assert main_event(text)["suicide"] is True


@pytest.mark.parametrize(
    ("text", "target"),
    [
        (
            "A bomb tore through a Chehlum procession in Dera Ismail Khan on 3 May 2012, killing 14 mourners.",
            "private_citizens_property",
        ),
        (
            "Gunmen fired on a passenger coach carrying Ismaili community members in Karachi on 3 May 2012, killing 20.",
            "private_citizens_property",
        ),
    ],
)
def test_processions_and_identity(text: str, target: str, main_event: Any) -> None:
    assert main_event(text)["target_type"] == target


def test_fuzzy_name_in_another_province_is_dropped(main_event: Any) -> None:
    v = main_event("A suicide bomber struck an Ashura procession in Karachi on 3 May 2012, killing 40 mourners.")
    assert v["admin1"] == "Sindh"
