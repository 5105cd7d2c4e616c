# ruff: noqa: E501  (test sentences are kept whole, one per line)
"""ACLED event and sub-event types through the public extractor: every one of the 25 sub-event types, the
codebook's precedence when an event fits several, actor types, events without deaths, and places outside Pakistan.

Every sentence is written for the test, in our own words; people and most villages are invented. The precedence
is the one in tacitus.extract.acled_types and docs/extraction.md ("ACLED event types").
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from tacitus.cli import main as cli_main
from tacitus.extract.acled_types import PARENT, AcledCoding, Incident, acled_coding
from tacitus.model import ACLED_EVENT_TYPES

EVERY_TYPE = [
    # Battles
    ("Armed clash", "Soldiers and rebel fighters clashed for three hours near the village of Koro on 4 May 2021; six fighters were killed."),
    ("Government regains territory", "Government troops recaptured the river town of Malem from the insurgents on 9 June 2020 after a week of fighting."),
    ("Non-state actor overtakes territory", "Rebels overran an army base outside the town of Doma on 2 March 2022 and raised their flag over it."),
    # Explosions/Remote violence
    ("Chemical weapon", "Doctors said residents of an opposition-held suburb choked on chlorine dropped in canisters on 3 April 2017."),
    ("Air/drone strike", "An air strike hit a fuel depot on the edge of Hodeidah on 12 August 2019, killing two guards."),
    ("Suicide bomb", "A suicide bomber blew himself up at the gate of a police academy in Kabul on 6 May 2018, killing nine recruits."),
    ("Shelling/artillery/missile attack", "Artillery shells landed on a row of houses in the frontline town of Avdiivka on 8 January 2023, wounding four people."),
    ("Remote explosive/landmine/IED", "A roadside bomb tore through a minibus on the highway north of Mogadishu on 15 July 2019, killing five passengers."),
    ("Grenade", "A man on a scooter tossed a hand grenade into a bar in Bujumbura on 20 September 2015, wounding six customers."),
    # Violence against civilians
    ("Sexual violence", "Militiamen raped three women who had gone to fetch water near the camp at Bunia on 11 November 2020, a clinic reported."),
    ("Attack", "Gunmen shot dead four farmers working in their fields near Jos on 3 October 2021."),
    ("Abduction/forced disappearance", "Armed men abducted a village chief and his son from their home near Zinder on 14 February 2022."),
    # Protests
    ("Peaceful protest", "Several hundred teachers marched peacefully to the education ministry in Nairobi on 5 May 2023 to demand unpaid allowances."),
    ("Protest with intervention", "Police fired tear gas to disperse students who had gathered outside the parliament in Kampala on 16 March 2022."),
    ("Excessive force against protesters", "Soldiers opened fire on a crowd of demonstrators in Khartoum on 30 June 2022, killing nine of them."),
    # Riots
    ("Violent demonstration", "Protesters angry over fuel prices hurled stones at police and torched a tax office in Lagos on 9 January 2012."),
    ("Mob violence", "A mob lynched a man accused of stealing a motorbike in a market outside Kisumu on 21 April 2021."),
    # Strategic developments
    ("Agreement", "The two militias signed a ceasefire agreement in Juba on 27 June 2018 under church mediation."),
    ("Arrests", "Police arrested an opposition party leader at his home in Harare on 14 January 2019."),
    ("Change to group/activity", "Two armed factions in the north announced on 1 February 2021 that they had merged into a single coalition."),
    ("Disrupted weapons use", "Army sappers defused a bomb found under a bridge near Maiduguri on 18 March 2022 before it could go off."),
    ("Headquarters or base established", "The insurgents set up a new base in the forest south of Beni on 4 April 2020, villagers said."),
    ("Looting/property destruction", "Fighters looted the health centre in the village of Kaya on 2 July 2021 and made off with its stock of medicines."),
    ("Non-violent transfer of territory", "The rebels entered the town of Ndele on 3 May 2019 without resistance after the soldiers withdrew."),
    ("Other", "The army imposed a dusk-to-dawn curfew on the capital on 26 July 2023 after officers seized power in a coup."),
]


def test_the_examples_cover_every_sub_event_type() -> None:
    assert {t for t, _ in EVERY_TYPE} == {s for subs in ACLED_EVENT_TYPES.values() for s in subs}


@pytest.mark.parametrize(("sub_event", "text"), EVERY_TYPE, ids=[t for t, _ in EVERY_TYPE])
def test_every_sub_event_type(main_event: Any, sub_event: str, text: str) -> None:
    event = main_event(text)
    assert (event["event_type"], event["sub_event_type"]) == (PARENT[sub_event], sub_event)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # Protests and riots: violent demonstrators make a riot whatever the police did in reply ...
        ("Demonstrators threw stones at police in Dakar on 4 March 2021, and officers answered with tear gas and live rounds, killing two.", "Violent demonstration"),
        # ... lethal force on peaceful protesters outranks dispersal ...
        ("Police fired tear gas and then live ammunition at a peaceful rally in Conakry on 5 October 2019, killing three marchers.", "Excessive force against protesters"),
        # ... dispersal and arrests outrank a peaceful protest ...
        ("About 300 nurses held a sit-in outside the health ministry in Lusaka on 2 May 2022 until police dispersed them and arrested four.", "Protest with intervention"),
        # ... and arrests during a protest are an intervention, not an Arrests event.
        ("Riot police detained forty demonstrators during a march against the new tax in Minsk on 10 August 2020.", "Protest with intervention"),
        # A bomb on a gathering is remote violence, not a protest.
        ("A bomb exploded among people gathered for a peace rally in Ankara on 10 October 2015, killing dozens.", "Remote explosive/landmine/IED"),
        # Remote violence outranks a clash word elsewhere in the report; the most specific device wins.
        ("A suicide car bomb struck an army checkpoint near Gao on 3 June 2021, and a gun battle followed.", "Suicide bomb"),
        ("Warplanes bombed the rebel-held town of Saraqib on 2 February 2020, and artillery shelled its outskirts.", "Air/drone strike"),
        # A change of territory outranks the fighting that brought it; who took it decides which.
        ("After heavy fighting, insurgents seized control of the district headquarters at Palma on 28 March 2021.", "Non-state actor overtakes territory"),
        ("After heavy fighting, the army captured the town of Kidal on 14 November 2023 from separatist rebels.", "Government regains territory"),
        # Taken without a fight: a non-violent transfer.
        ("Militia fighters took control of the airport at Dila on 1 May 2022 without a fight after the guards fled.", "Non-violent transfer of territory"),
        # Violence against civilians versus a battle: who the victims were.
        ("Militants attacked a military convoy near Diffa on 8 January 2020, killing seven soldiers.", "Armed clash"),
        ("Militants attacked a wedding party near Diffa on 8 January 2020, killing seven guests and wounding many villagers.", "Attack"),
        # Sexual violence outranks the abduction it came with; a killing outranks an abduction.
        ("Gunmen abducted two girls from a farm near Bama on 5 May 2021 and raped them before letting them go.", "Sexual violence"),
        ("Bandits shot dead three villagers and abducted ten others near Gusau on 6 June 2021.", "Attack"),
        # A prevented explosion is a disrupted use, not an explosion.
        ("Air defences intercepted two rockets fired at the city of Erbil on 1 March 2023; no one was hurt.", "Disrupted weapons use"),
        # A crowd without a demonstrative purpose is a mob.
        ("Angry villagers beat a suspected thief to death near Mzuzu on 3 March 2020.", "Mob violence"),
        # Strategic developments come last; among them the first act the report names.
        ("Soldiers arrested the rebel commander Kofi Dansa in Bouake on 5 May 2021 without firing a shot.", "Arrests"),
        ("A negation is no act: no protest was under way when police arrested the union leader in Abuja on 2 June 2022.", "Arrests"),
        # Violence named as the cause of the event is not the event.
        ("Security forces detained a suspect on 4 June 2022 over the bombing that killed 12 people at a market in Kano.", "Arrests"),
        ("Hundreds marched in Lagos on 5 June 2022 to protest the killing of a student by police.", "Peaceful protest"),
        # The lead sentence decides the type; the background in the next does not.
        ("Police in Lahore arrested 40 supporters of a religious party on 12 April 2021. The party had led violent protests the year before, in which several officers were killed.", "Arrests"),
        # ... but later sentences refine the sub-type within it.
        ("Small groups gathered to protest near the main square in Cairo on 20 September 2019. Police arrested dozens of them.", "Protest with intervention"),
    ],
)
def test_acled_precedence(main_event: Any, text: str, want: str) -> None:
    assert main_event(text)["sub_event_type"] == want


def test_events_without_deaths_are_events(main_event: Any) -> None:
    """Protests, arrests, agreements and looting are events though nobody died (ACLED codes them)."""
    for text in (
        "Hundreds of traders protested in Accra on 3 July 2023 against a new market levy.",
        "The government and the rebel alliance agreed to a truce in Addis Ababa on 2 November 2022.",
        "Fighters looted shops in the market of Bria on 4 April 2021.",
    ):
        event = main_event(text)
        assert event["sub_event_type"] is not None and event["killed_best"] is None


def test_an_event_abroad_keeps_its_country(main_event: Any) -> None:
    event = main_event("Police arrested six opposition activists in Nairobi on 14 July 2023, Kenya's interior ministry said.")
    assert (event["country"], event["country_code"], event["place"]) == ("Kenya", "KEN", "Nairobi")
    event = main_event("Thousands of farmers marched through the capital of Uganda on 2 May 2022 to protest about land seizures.")
    assert event["country_code"] == "UGA"


def test_pakistani_places_still_come_from_the_gazetteer(main_event: Any) -> None:
    event = main_event("On 3 May 2012 a bomb killed two soldiers in Miranshah.")
    assert (event["admin2"], event["country_code"]) == ("North Waziristan", "PAK")


@pytest.mark.parametrize(
    ("text", "inter1", "inter2", "interaction"),
    [
        ("Soldiers and rebel fighters clashed near the village of Koro on 4 May 2021; six fighters were killed.", 1, 2, 12),
        ("Gunmen shot dead four farmers working in their fields near Jos on 3 October 2021.", 3, 7, 37),
        ("Several hundred teachers marched peacefully to the education ministry in Nairobi on 5 May 2023.", 6, None, 60),
        ("Police fired tear gas to disperse students who had gathered outside parliament in Kampala on 16 March 2022.", 6, 1, 16),
    ],
)
def test_actor_types(main_event: Any, text: str, inter1: int, inter2: int | None, interaction: int) -> None:
    event = main_event(text)
    assert (event["inter1"], event["inter2"], event["interaction"]) == (inter1, inter2, interaction)


def test_interaction_puts_the_lower_code_first() -> None:
    assert AcledCoding("Battles", "Armed clash", inter1=2, inter2=1).interaction == 12
    assert AcledCoding("Protests", "Peaceful protest", inter1=6).interaction == 60
    assert AcledCoding(None, None).interaction is None


def test_gtd_attack_type_decides_when_no_acled_cue_does() -> None:
    text = "Unknown assailants targeted the residence of a district official in the night."
    coding = acled_coding(text, [(0, len(text))], Incident(attack="armed_assault", target="government_general", killed=1))
    assert coding.sub_event_type == "Attack"
    coding = acled_coding(text, [(0, len(text))], Incident(attack="hostage_taking_kidnapping"))
    assert coding.sub_event_type == "Abduction/forced disappearance"


def test_the_cli_writes_the_sub_event_type(tmp_path: Any) -> None:
    source = tmp_path / "docs.jsonl"
    source.write_text(json.dumps({"id": "k1", "text": EVERY_TYPE[12][1]}) + "\n", encoding="utf-8")
    out = tmp_path / "events.jsonl"
    result = CliRunner().invoke(cli_main, ["extract", str(source), "--format", "jsonl", "-o", str(out)])
    assert result.exit_code == 0, result.output
    row = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert (row["sub_event_type"], row["event_type"], row["country_code"]) == ("Peaceful protest", "Protests", "KEN")
