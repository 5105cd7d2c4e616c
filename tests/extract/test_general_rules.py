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
            # police tracing an attack to a group is suspicion, not a claim (GTD: suspected perpetrator)
            "A bomb killed two officials in Kohat on 6 May 2011. Police later traced the bombing to Lashkar-e-Islam.",
            "Lashkar-e-Islam",
            "suspected",
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


# Held-out families (November 2026, second pass) ----------------------------------------------------------------
# Tolls split across clauses, attackers killed by the forces, companions, revised tolls.


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the wounded who died later are more dead
        (
            "A blast killed six labourers in Kohlu on 3 May 2012. Two others later succumbed to their wounds in hospital.",
            8,
        ),
        (
            "Nine shoppers were killed on the spot in Kohlu on 3 May 2012 and three others died on the way to hospital.",
            12,
        ),
        ("A mine killed two Levies men in Kohlu on 3 May 2012. One of the injured died the next morning.", 3),
        ("A bomb killed four men in Kohlu on 3 May 2012, and a boy hurt in the blast died in hospital.", 4),
        ("A bomb killed four men in Kohlu on 3 May 2012, and a constable wounded in the blast later died.", 5),
        # a second blast or bomber adds victims; "too" as well
        ("A bomb killed ten people in Kohlu on 3 May 2012. A second bomb killed four rescuers an hour later.", 14),
        ("Gunmen killed three traders in Kohlu on 3 May 2012. Two porters who were passing by were killed too.", 5),
        # attackers killed by the forces, in any voice
        ("Raiders killed five guards at a camp in Kohlu on 3 May 2012. Troops returned fire, killing two raiders.", 7),
        ("Raiders killed five guards at a camp in Kohlu on 3 May 2012. Sentries shot dead three of the attackers.", 8),
        ("Three gunmen killed five guards at a camp in Kohlu on 3 May 2012 before being shot dead by police.", 8),
        (
            "Five guards and four insurgents were killed in Kohlu on 3 May 2012; the insurgents were neutralised by troops.",
            9,
        ),
        # the bomber among the dead, named as such
        ("A suicide blast killed 11 worshippers and the bomber in Kohlu on 3 May 2012.", 12),
        ("A bomber rammed a post in Kohlu on 3 May 2012, killing six policemen and himself.", 7),
        ("A suicide blast killed 11 people in Kohlu on 3 May 2012, not counting the bomber.", 12),
        # a named victim and one companion
        ("Gunmen shot dead Malik Gul Zaman and his driver in Kohlu on 3 May 2012.", 2),
        ("A bomb killed a road contractor and his guard in Kohlu on 3 May 2012.", 2),
        ("A man, identified as Sher Ali, and his nephew, Jan Ali, were killed in a blast in Kohlu on 3 May 2012.", 2),
        ("Gunmen killed six teachers and the driver of their van in Kohlu on 3 May 2012.", 7),
        # other toll shapes
        ("A blast in Kohlu on 3 May 2012 claimed 17 lives.", 17),
        ("Gunmen abducted five surveyors in Kohlu on 3 May 2012. They later killed two of them.", 2),
        ("The bodies of four abducted shepherds were found in Kohlu on 3 May 2012; they had been shot dead.", 4),
    ],
)
def test_tolls_across_clauses(text: str, want: int, main_event: Any) -> None:
    assert main_event(text)["killed_best"] == want


@pytest.mark.parametrize(
    "text",
    [
        "A bomb killed 20 people in a bazaar in Kohlu on 3 May 2012. By evening, 26 people had died, doctors said.",
        "A bomb killed 20 people in a bazaar in Kohlu on 3 May 2012. Officials later revised the death toll to 26.",
        "A bomb killed 20 people in a bazaar in Kohlu on 3 May 2012. The final toll was 26.",
    ],
)
def test_later_higher_toll_revises_the_lead(text: str, main_event: Any) -> None:
    assert main_event(text)["killed_best"] == 26


def test_period_count_is_no_revision(main_event: Any) -> None:
    v = main_event(
        "Militants shot dead three informers in Kohlu on 3 May 2012. Since March, 19 informers have been killed."
    )
    assert v["killed_best"] == 3


def test_companion_verb_is_not_the_victims(main_event: Any) -> None:
    v = main_event("A trader was shot dead in Kohlu on 3 May 2012 and his son was wounded.")
    assert (v["killed_best"], v["wounded_best"]) == (1, 1)


# Claims --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "who"),
    [
        (
            "A bomb killed three soldiers in Kohlu on 3 May 2012. The attack was claimed by the Baloch Republican Army.",
            "BRA",
        ),
        (
            "A bomb killed three soldiers in Kohlu on 3 May 2012. Hours later the Baloch Republican Army claimed it.",
            "BRA",
        ),
        ("A bomb killed three soldiers in Kohlu on 3 May 2012, an attack the United Baloch Army later claimed.", "UBA"),
        (
            "A bomb killed three soldiers in Kohlu on 3 May 2012. Officials blamed the BLF. The group later claimed responsibility in a statement.",
            "BLF",
        ),
        (
            "A bomb killed three soldiers in Kohlu on 3 May 2012. Gwahram Baloch, spokesman of the BLF, told the media that its fighters had planted the device.",
            "BLF",
        ),
        (
            "A bomb killed three soldiers in Kohlu on 3 May 2012. A spokesman for the BLF, Gwahram Baloch, said the group's fighters had planted it.",
            "BLF",
        ),
        (
            "A bomb killed three soldiers in Kohlu on 3 May 2012. BLF spokesman Gwahram Baloch said the attack was revenge for raids on villages.",
            "BLF",
        ),
        (
            "A bomb killed three soldiers in Kohlu on 3 May 2012. In an emailed statement, the BLF said the attack targeted an army convoy.",
            "BLF",
        ),
        ("A bomb killed three soldiers in Kohlu on 3 May 2012. The BLF admitted carrying out the attack.", "BLF"),
        (
            "A bomb killed three soldiers in Kohlu on 3 May 2012. The BLF said one of its fighters had detonated the bomb.",
            "BLF",
        ),
        (
            "A bomb killed three soldiers in Kohlu on 3 May 2012. The BLF said its fighters, two of them local men, had planted it.",
            "BLF",
        ),
        (
            "A bomb killed three soldiers in Kohlu on 3 May 2012. The BLF claimed that its men had planted the device.",
            "BLF",
        ),
        (
            "A bomb killed three soldiers in Kohlu on 3 May 2012. Meanwhile, the BLF claimed responsibility for the attack.",
            "BLF",
        ),
        (
            "A suicide bomber killed nine worshippers in Kohlu on 3 May 2012. The Islamic State named the bomber in a post.",
            "IS",
        ),
    ],
)
def test_claim_wordings_more(text: str, who: str, main_event: Any) -> None:
    v = main_event(text)
    assert (v["perpetrator"], v["claimed"]) == (who, True)


@pytest.mark.parametrize(
    "text",
    [
        "A bomb killed three soldiers in Kohlu on 3 May 2012. Police said in a statement that the attack was revenge for the death of a BLF commander.",
        "A bomb killed three soldiers in Kohlu on 3 May 2012. The BLF, which has claimed similar attacks in the past, is suspected.",
        "A bomb killed three soldiers in Kohlu on 3 May 2012. The BLF denied any role; no group has claimed the attack.",
    ],
)
def test_no_claim(text: str, main_event: Any) -> None:
    assert main_event(text)["claimed"] is False


@pytest.mark.parametrize(
    "text",
    [
        "Pakistani jets bombed hideouts in Tirah on 3 May 2012, killing 19 militants, the military's media wing said.",
        "Missiles struck a compound in Tirah on 3 May 2012, killing 19 people. The army said it had fired them at a militant camp, though villagers blamed a US drone.",
    ],
)
def test_state_announces_its_own_air_strike(text: str, main_event: Any) -> None:
    v = main_event(text)
    assert (v["perpetrator"], v["attribution"]) == ("Pakistan Army", "claimed")


def test_faction_label_folds_into_parent(main_event: Any) -> None:
    v = main_event("The Majeed Brigade claimed a suicide attack that killed three guards in Kohlu on 3 May 2012.")
    assert (v["perpetrator"], v["perpetrator_id"]) == ("BLA", "bla-jeeyand")


# Attack types --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # a bomb aimed at a named office-holder, whatever the toll
        "A suicide bomber struck a public meeting addressed by Provincial Minister Gul Rehman in Kohlu on 3 May 2012, killing 31. Rehman escaped unhurt.",
        "A suicide bomber rammed a car into Governor Amin Shah's motorcade in Kohlu on 3 May 2012, killing 12.",
        "A bomb exploded at the hujra of MNA Dost Jan in Kohlu on 3 May 2012, killing five visitors.",
        "A bomb hit the convoy of Senate Deputy Chairman Noor Baz in Kohlu on 3 May 2012, killing 20. Baz survived with minor injuries.",
        "Gunmen ambushed the convoy of the Quetta corps commander, Lt Gen Zarak Khan, in Kohlu on 3 May 2012, killing six guards; the general escaped unhurt.",
        "A bomb killed eleven people in a mosque in Kohlu on 3 May 2012; the apparent target, former minister Saad Gul, survived.",
        "A roadside bomb killed tribal elder Malik Sher Dil and his driver in Kohlu on 3 May 2012.",
        "A suicide bomber killed Amin Jan, a senior leader of the National Party, and nine others at his home in Kohlu on 3 May 2012.",
        "Former provincial minister Wali Dad and six others died when a suicide bomber struck a gathering in Kohlu on 3 May 2012.",
        "Gunmen shot dead the well-known qawwali singer Noor Jan in Kohlu on 3 May 2012.",
        "Gunmen killed a senior police officer, SP Arif Jan, and his guard in Kohlu on 3 May 2012.",
    ],
)
def test_assassination_by_the_aim(text: str, main_event: Any) -> None:
    assert main_event(text)["attack_type"] == "assassination"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # not every named dead is the aim
        (
            "A blast in a bazaar in Kohlu on 3 May 2012 killed 14 people; a local leader of the ANP was among the dead.",
            "bombing_explosion",
        ),
        (
            "Two Levies men lost their lives when gunmen attacked a convoy of the FC Inspector General in Kohlu on 3 May 2012.",
            "armed_assault",
        ),
        (
            "A bomb killed two men in Kohlu on 3 May 2012. Their slain leader Noor Khan had been a cleric.",
            "bombing_explosion",
        ),
        # the kidnapping decides, even of a named person
        (
            "Militants kidnapped reporter Amin Gul in Kohlu on 3 May 2012 and later killed him.",
            "hostage_taking_kidnapping",
        ),
        # raids: what the raiders carried or wore is no bombing
        (
            "Gunmen and suicide bombers stormed a mosque in Kohlu on 3 May 2012, killing 40 worshippers.",
            "armed_assault",
        ),
        (
            "Militants wearing suicide vests stormed a training centre in Kohlu on 3 May 2012, killing 20 recruits.",
            "armed_assault",
        ),
        (
            "Militants attacked a police post in Kohlu on 3 May 2012 with rockets and automatic weapons, killing two policemen.",
            "armed_assault",
        ),
        (
            "Militants armed with rocket launchers and Kalashnikovs attacked a post in Kohlu on 3 May 2012, killing two soldiers.",
            "armed_assault",
        ),
        # ... but a vehicle bomb or fired projectiles are
        (
            "Gunmen fired at a police building in Kohlu on 3 May 2012 before a bomber drove an explosives-laden van into it, killing 20.",
            "bombing_explosion",
        ),
        (
            "Militants fired on a checkpoint in Kohlu on 3 May 2012 with rocket-propelled grenades, killing two soldiers.",
            "bombing_explosion",
        ),
        ("Militants kept firing rockets at a fort in Kohlu on 3 May 2012, killing two soldiers.", "bombing_explosion"),
        # words that only look like explosives
        ("Gunmen attacked workers at a coal mine in Kohlu on 3 May 2012, killing six miners.", "armed_assault"),
        ("Gunmen shot dead four employees of an exploration company in Kohlu on 3 May 2012.", "armed_assault"),
        (
            "Gunmen shot dead two policemen in Kohlu on 3 May 2012. Empty shells were found at the scene.",
            "armed_assault",
        ),
        (
            "Gunmen shot dead two policemen in Kohlu on 3 May 2012. The bomb disposal squad later searched the area.",
            "armed_assault",
        ),
        # explosives named by their device
        (
            "A remote-controlled device exploded near a police van in Kohlu on 3 May 2012, killing two policemen.",
            "bombing_explosion",
        ),
        # vehicles taken
        (
            "Militants tried to seize a navy frigate at a dockyard in Kohlu on 3 May 2012; two attackers were killed.",
            "hijacking",
        ),
        # property set alight with nobody killed
        (
            "Militants ambushed a convoy of tankers in Kohlu on 3 May 2012 and set 20 of the vehicles on fire.",
            "facility_infrastructure_attack",
        ),
    ],
)
def test_attack_type_families(text: str, want: str, main_event: Any) -> None:
    assert main_event(text)["attack_type"] == want


@pytest.mark.parametrize(
    "text",
    [
        "Missiles hit a seminary in Tirah on 3 May 2012, killing 19. Army spokesman Maj Gen Aslam Dar said troops had fired on a training camp; elders blamed a US drone.",
        "Missiles hit a seminary in Tirah on 3 May 2012, killing 19. The army claimed the strike, but residents blamed US drones.",
        "Missiles hit a seminary in Tirah on 3 May 2012, killing 19. Pakistani officials said their helicopters had attacked a camp, though villagers blamed a US drone.",
        "Missiles hit a seminary in Tirah on 3 May 2012, killing 19. Islamabad said its forces carried out the strike.",
    ],
)
def test_state_claims_its_strike_through_a_spokesman(text: str, main_event: Any) -> None:
    v = main_event(text)
    assert (v["perpetrator"], v["attribution"]) == ("Pakistan Army", "claimed")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Two bombs went off near Saira Baloch's homecoming procession in Kohlu on 3 May 2012, killing 40 people.",
            "assassination",
        ),
        (
            "A suicide bomber killed Amin Gul, Punjab's home minister, and 18 others at his office in Kohlu on 3 May 2012.",
            "assassination",
        ),
        (
            "A car bomb hit the vehicle of Senior Superintendent of Police (SSP) Amin Gul in Kohlu on 3 May 2012, killing him and two guards.",
            "assassination",
        ),
        (
            "On Monday, provincial minister Amin Gul and five others were killed when a bomb struck his office in Kohlu, 3 May 2012.",
            "assassination",
        ),
        (
            "Amin Gul, a provincial minister, and five guards died when a suicide bomber struck his office in Kohlu on 3 May 2012.",
            "assassination",
        ),
        (
            "A roadside bomb hit a Frontier Corps convoy in Kohlu on 3 May 2012, killing six soldiers.",
            "bombing_explosion",
        ),
        ("A bomb hit the Pakistan Army's convoy in Kohlu on 3 May 2012, killing six soldiers.", "bombing_explosion"),
    ],
)
def test_named_aim_more_wordings(text: str, want: str, main_event: Any) -> None:
    assert main_event(text)["attack_type"] == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Two raiders stormed a post in Kohlu on 3 May 2012, killing four policemen. Both raiders were killed.", 6),
        ("Raiders stormed a post in Kohlu on 3 May 2012. Four policemen and all three raiders were killed.", 7),
        ("Twelve people, excluding the bomber, were killed in a suicide blast in Kohlu on 3 May 2012.", 13),
        ("A teenage bomber killed 12 people in Kohlu on 3 May 2012. The bomber, aged about 15, also died.", 13),
        ("A bomber blew himself up in Kohlu on 3 May 2012, killing 12 shoppers besides himself.", 13),
    ],
)
def test_attackers_among_the_dead_more_wordings(text: str, want: int, main_event: Any) -> None:
    assert main_event(text)["killed_best"] == want


def test_both_kinds_is_no_count() -> None:
    assert _killed("For years the strikes went on, killing both militants and civilians.") is None
    assert _killed("Both attackers were killed.") == 2
