"""General decision rules of issue 10, each checked on texts written for this test (own words, invented events).

Every rule is stated as the codebook defines it (GTD; UCDP for places), never as a special case for a name:
the names in these texts are ordinary Pakistani places and groups chosen to exercise the rule.
"""

from __future__ import annotations

from typing import Any

import pytest

DAY = "On 3 May 2012"


# Places: the head of the locative phrase -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a modifier ("X-based") is not where it happened
        (f"{DAY} a tanker of a Lahore-based oil company was set on fire in Khuzdar.", "Khuzdar"),
        # the first word of an organisation's name is not either
        (f"{DAY} militants blew up a pylon near the Quetta Electric Supply Company grid station in Dera Murad Jamali.",
         "Dera Murad Jamali"),
        # a road named after another town
        (f"{DAY} a bomb exploded on Peshawar Road in Rawalpindi, wounding three people.", "Rawalpindi"),
        # origin and destination of a journey
        (f"{DAY} gunmen fired on a bus on its way to Gilgit from Rawalpindi near Chilas, killing nine passengers.",
         "Chilas"),
        # the ends of a link
        (f"{DAY} a bomb damaged the tunnel connecting Kohat and Darra Adam Khel near Jarma village.", "Jarma"),
        # the ends of a hyphenated route name
        (f"{DAY} militants hijacked 13 trucks on the Peshawar-Torkham highway near Jamrud.", "Jamrud"),
        # a place named as the people's origin ("Hazara traders") is a demonym
        (f"{DAY} gunmen stopped a bus carrying Hazara traders near Akhtarabad, on the outskirts of Quetta, and shot "
         "13 of them dead.", "Akhtarabad"),
        # a place that is only the object of another verb is not the scene when a locative phrase names one
        (f"{DAY} a gas pipeline supplying the Sui field was blown up near Pir Koh in Dera Bugti district.", "Pir Koh"),
    ],
)  # fmt: skip
def test_place_is_the_head_of_the_locative_phrase(text: str, place: str, main_event: Any) -> None:
    assert main_event(text)["place"] == place


@pytest.mark.parametrize(
    ("text", "admin2"),
    [
        (f"{DAY} a policeman was shot dead in Karachi's Nazimabad area.", "Karachi"),
        (f"{DAY} gunmen shot dead a lawyer in Islamabad's G-9 sector as he drove to court in Rawalpindi.", "Islamabad"),
        (f"{DAY} a roadside bomb killed two men as their car passed through Peshawar's Dalazak Road.", "Peshawar"),
    ],
)
def test_city_named_as_possessor_of_an_unknown_quarter(text: str, admin2: str, main_event: Any) -> None:
    v = main_event(text)
    assert v["admin2"] == admin2 and v["latitude"] is not None


def test_district_and_headquarters_town_name_gives_the_town(main_event: Any) -> None:
    v = main_event(f"{DAY} a bomb went off in a market in Khuzdar, killing two.")
    assert (v["place"], v["geo_precision"]) == ("Khuzdar", 1)
    # a classifier word asks for the district itself (coordinates of its namesake town, district precision)
    d = main_event(f"{DAY} a bomb was planted at a girls school in Hangu district.")
    assert (d["admin2"], d["geo_precision"]) == ("Hangu", 3)


@pytest.mark.parametrize(("unit", "admin2"), [("Khyber Agency", "Khyber"), ("Bajaur Agency", "Bajaur")])
def test_repeated_village_names_follow_the_stated_district(unit: str, admin2: str, main_event: Any) -> None:
    v = main_event(f"{DAY} a roadside bomb killed two soldiers in Shagai village of {unit}.")
    assert (v["place"], v["admin2"], v["geo_precision"]) == ("Shagai", admin2, 1)


def test_village_namesake_far_from_the_town_that_locates_it_is_refused(main_event: Any) -> None:
    # several villages share the first name; none lies near Lahore, so the city named beside it is coded
    v = main_event(f"{DAY} ten gunmen stormed the Manawan police training school on the outskirts of Lahore.")
    assert v["admin2"] == "Lahore"


# Perpetrators: suspicion, named outlets, spelling variants, descriptive labels -----------------------------------


@pytest.mark.parametrize(
    ("sentence", "who"),
    [
        ("Sources attributed the attack to Lashkar-e-Jhangvi.", "Lashkar-e-Jhangvi"),
        ("Lashkar-e-Jhangvi is suspected.", "Lashkar-e-Jhangvi"),
        ("Police blamed the Baloch Liberation Army.", "BLA"),
        ("Supporters of the Baloch Republican Army are suspected.", "BRA"),
    ],
)
def test_attribution_that_is_not_a_claim_is_suspected(sentence: str, who: str, main_event: Any) -> None:
    v = main_event(f"{DAY} a bomb killed four people at a bus stand in Quetta. {sentence}")
    assert (v["perpetrator"], v["attribution"], v["claimed"]) == (who, "suspected", False)


@pytest.mark.parametrize(
    "sentence",
    [
        "The Islamic State said through its Amaq news agency that one of its fighters carried out the attack.",
        "The Islamic State later said in a telephone call to journalists that it carried out the attack.",
    ],
)
def test_claim_through_a_named_outlet_is_a_claim(sentence: str, main_event: Any) -> None:
    v = main_event(f"{DAY} a bomb killed four people in Quetta. {sentence}")
    assert (v["perpetrator"], v["claimed"]) == ("IS", True)


@pytest.mark.parametrize(
    "spelling", ["Lashkar-i-Jhangvi", "Lashkar e Jhangvi", "Lashkar-ul-Jhangvi", "Lashkar-e-Jhangvi (LeJ)"]
)
def test_connective_spelling_variants_name_one_group(spelling: str, main_event: Any) -> None:
    v = main_event(f"{DAY} a bomb killed four people in Quetta. {spelling} claimed responsibility.")
    assert v["perpetrator"] == "Lashkar-e-Jhangvi"


@pytest.mark.parametrize("label", ["gunmen", "militants", "tribesmen", "extremists", "miscreants"])
def test_descriptive_labels_are_unknown(label: str, main_event: Any) -> None:
    v = main_event(f"{DAY} {label} killed four people at a bus stand in Quetta.")
    assert v["perpetrator"] == "Unknown"


def test_a_group_the_text_names_as_a_group_is_coded_without_a_dictionary_entry(main_event: Any) -> None:
    v = main_event(
        f"{DAY} a trader was abducted in Hyderabad. A little-known group calling itself the Sindh Freedom Brigade "
        "claimed the kidnapping in a letter to a newspaper."
    )
    assert (v["perpetrator"], v["perpetrator_id"], v["claimed"]) == ("Sindh Freedom Brigade", None, True)


def test_smaller_groups_from_the_dictionary(main_event: Any) -> None:
    v = main_event(f"{DAY} a bomb killed two men in Turbat. The Baloch Musallah Difa Tanzeem was blamed.")
    assert v["perpetrator_id"] == "bmdt"


# Attack types and success ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        f"{DAY} a suicide bomber struck an election meeting in Peshawar, killing 17 people. The party leader Ghulam "
        "Khan, the apparent target, was slightly injured.",
        f"{DAY} a suicide bomber blew himself up in a courtroom in Quetta, killing a civil judge and 15 others. The "
        "judge is believed to have been the target.",
        f"{DAY} gunmen shot dead a federal prosecutor in Islamabad.",
    ],
)
def test_assassination_is_an_attack_aimed_at_a_specific_prominent_person(text: str, main_event: Any) -> None:
    assert main_event(text)["attack_type"] == "assassination"


@pytest.mark.parametrize(
    ("text", "attack"),
    [
        # GTD "Unknown" only when the text says the means are not known
        (f"{DAY} three FC personnel were killed when their picket near Kahan came under attack, officials said, "
         "without giving details of how the attack was carried out.", "unknown"),
        (f"{DAY} militants attacked a check post in Bannu, killing two soldiers.", "armed_assault"),
        (f"{DAY} hundreds of militants overran a border fort in South Waziristan, killing 22 soldiers.",
         "armed_assault"),
        # seizing people and taking them away is a kidnapping, whatever else the attackers did
        (f"{DAY} gunmen seized a diplomat in Hayatabad and shot dead his police guard.",
         "hostage_taking_kidnapping"),
    ],
)  # fmt: skip
def test_attack_types_by_definition(text: str, attack: str, main_event: Any) -> None:
    assert main_event(text)["attack_type"] == attack


def test_killing_a_named_ordinary_person_is_no_assassination(main_event: Any) -> None:
    v = main_event(f"{DAY} gunmen shot dead a shopkeeper named Ali Khan in Quetta.")
    assert (v["attack_type"], v["target_type"]) == ("armed_assault", "business")


@pytest.mark.parametrize(
    "text",
    [
        f"{DAY} an explosive device was found and defused near a school in Mardan.",
        f"{DAY} a bomb planted near a police station in Bannu was defused by the bomb disposal squad.",
    ],
)
def test_defused_bombs_are_events_with_success_false(text: str, main_event: Any) -> None:
    v = main_event(text)
    assert (v["attack_type"], v["success"]) == ("bombing_explosion", False)
    assert (v["event_type"], v["sub_event_type"]) == ("Strategic developments", "Disrupted weapons use")


def test_survived_assassination_is_unsuccessful(main_event: Any) -> None:
    v = main_event(
        f"{DAY} provincial minister Ali Raza survived a suicide bombing at a rally in Fateh Jang; nine died."
    )
    assert (v["attack_type"], v["success"]) == ("assassination", False)


def test_bombing_that_went_off_succeeds(main_event: Any) -> None:
    assert main_event(f"{DAY} a bomb went off in a market in Bannu, killing two.")["success"] is True


# Target types by GTD definitions --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "target"),
    [
        (f"{DAY} gunmen attacked a bakery in Quetta, killing two workers.", "business"),
        (f"{DAY} militants torched a fuel tanker in Khyber Agency.", "business"),
        (f"{DAY} a grenade was thrown at a shop in Quetta, causing no casualties.", "business"),
        (f"{DAY} a bomb damaged the house of a former MNA in Swabi.", "government_general"),
        (f"{DAY} a bomb exploded at the office of a provincial minister in Peshawar, wounding two.",
         "government_general"),
        (f"{DAY} a provincial lawmaker was shot dead in a mosque in Karachi.", "government_general"),
        (f"{DAY} a car bomb exploded outside the regional office of the Inter-Services Intelligence in Multan.",
         "government_general"),
        (f"{DAY} gunmen fired on a van carrying staff of a television channel in Karachi, killing three.",
         "journalists_media"),
        (f"{DAY} a bomb exploded in a crowded market in Peshawar, killing 20 shoppers.", "private_citizens_property"),
    ],
)  # fmt: skip
def test_target_types_follow_gtd_definitions(text: str, target: str, main_event: Any) -> None:
    assert main_event(text)["target_type"] == target


# Tolls ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "killed", "wounded"),
    [
        (f"{DAY} militants attacked a check post in Bannu; no one was hurt.", 0, 0),
        (f"{DAY} a grenade was thrown at a shop in Quetta, causing no casualties.", 0, 0),
        (f"{DAY} half a dozen gunmen attacked a police post in Bannu, killing half a dozen policemen.", 6, None),
        (f"{DAY} a bomb ripped through a market in Peshawar, killing nearly a hundred people.", 100, None),
        # the total, not the first count
        (f"{DAY} two people were killed in a blast in Quetta. In all, 12 people were killed and 30 injured in the "
         "two blasts.", 12, 30),
        (f"{DAY} a roadside bomb killed Awami National Party lawmaker Alamzeb Khan and two others in Peshawar.", 3,
         None),
        (f"{DAY} a tribal elder was shot dead with his guard near Khar.", 2, None),
        (f"{DAY} gunmen seized a diplomat in Hayatabad and shot dead his police guard.", 1, None),
        (f"{DAY} a mob torched houses in Gojra; seven villagers were burnt to death and 19 injured.", 7, 19),
        (f"{DAY} an aid worker was shot dead along with his driver in Peshawar.", 2, None),
        # the victims' figure, not the attackers' own deaths said first
        (f"{DAY} two suicide bombers blew themselves up at a shrine in Lahore, killing 42 people and wounding 175.",
         42, 175),
    ],
)  # fmt: skip
def test_tolls(text: str, killed: int | None, wounded: int | None, main_event: Any) -> None:
    v = main_event(text)
    assert (v["killed_best"], v["wounded_best"]) == (killed, wounded)


# Issue 10, December 2026: rules added from the GTD definitions (own-words texts; no labelled example reused) ------


@pytest.mark.parametrize(
    ("text", "attack"),
    [
        # GTD 9 Unknown: the report itself says the means are not known
        (f"{DAY} a Levies post near Wana was attacked and a guard was killed; no further details were given.",
         "unknown"),
        (f"{DAY} assailants attacked a police post in Kulachi. One constable died. The method of attack is unknown.",
         "unknown"),
        # GTD 5 Barricade: hostages held where they were taken, with a siege, not carried off
        (f"{DAY} gunmen attacked a training centre near Kohat and took the cadets hostage. The siege lasted six "
         "hours before troops retook the compound.", "hostage_taking_barricade"),
        # GTD 1 Assassination: the report names the person as the aim
        (f"{DAY} a bomber blew himself up at a rally in Swabi, killing 12 people. The target was the provincial "
         "minister, who escaped.", "assassination"),
        (f"{DAY} gunmen opened fire on Tariq Mehmood, a PPP member of the Punjab Provincial Assembly, outside his "
         "home in Multan, killing him.", "assassination"),
        # people died, property was burnt and the report says it does not know how: Unknown
        (f"{DAY} two guards of a construction firm were killed and a bulldozer was torched near Turbat. Details of "
         "the attack were not available.", "unknown"),
        # a named holder of high office singled out among the dead of a bombing was its aim
        (f"{DAY} a suicide bomber struck a funeral in Mardan, killing 25 people, including Aslam Khan, a member of "
         "the provincial assembly.", "assassination"),
        # GTD 6 Kidnapping reported in any wording the cues know is an incident
        (f"{DAY} gunmen broke into the house of an aid worker in Lahore and took him away.",
         "hostage_taking_kidnapping"),
        # GTD 2 Armed assault: grenades used beside firearms belong to the raid
        (f"{DAY} four attackers hurled grenades and fired on worshippers at a mosque in Kohat, killing nine people.",
         "armed_assault"),
        (f"{DAY} gunmen with grenades and suicide vests stormed a seminary in Charsadda, killing six students.",
         "armed_assault"),
    ],
)  # fmt: skip
def test_attack_type_rules_from_the_definitions(text: str, attack: str, main_event: Any) -> None:
    assert main_event(text)["attack_type"] == attack


def test_a_stated_target_that_is_a_building_is_no_assassination(main_event: Any) -> None:
    v = main_event(f"{DAY} a car bomb exploded outside a police station in Bannu, killing four. The target was the "
                   "police station.")  # fmt: skip
    assert v["attack_type"] == "bombing_explosion"


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # GTD nkill counts every victim named in a list that shares one verb
        (f"{DAY} a tribal elder was killed along with his nephew and a guard when gunmen ambushed his car near "
         "Khar.", 3),
        (f"{DAY} a bomb exploded at the home of an army officer in Quetta; his son, a guard and 14 others were "
         "killed.", 16),
        (f"{DAY} militants stormed a hotel in Gilgit. Four guests, most of them foreigners, and three of the "
         "attackers were killed.", 7),
        # ... and zero when the report says nobody died
        (f"{DAY} a bomb went off outside a school in Tank without hurting anyone.", 0),
        (f"{DAY} a rocket hit a police station in Lakki Marwat; none died.", 0),
        (f"{DAY} militants set off a bomb beside a police van in Kohat but failed to inflict any casualty.", 0),
        # a group's name between a count and its noun keeps the count ("three Lashkar-e-Islam militants")
        (f"{DAY} three Tehreek e Taliban Pakistan militants and a soldier were killed in a clash in Orakzai.", 4),
        # bombers who blew themselves up before the toll is stated: the toll as the source gives it
        (f"{DAY} two suicide bombers blew themselves up outside a church in Peshawar. At least 60 people were "
         "killed and 100 hurt.", 60),
        # a captive whose body is found was killed (GTD: the hostage's death counts)
        (f"{DAY} gunmen abducted a local party leader from his house in Kharan; police recovered his bullet-riddled "
         "body two days later.", 1),
        # a list inside a breakdown is not added to its whole
        (f"{DAY} at least nine people, including a judge, a clerk, and a constable, were killed when gunmen raided a "
         "court in Quetta.", 9),
    ],
)  # fmt: skip
def test_casualty_lists_and_none_phrasings(text: str, killed: int, main_event: Any) -> None:
    assert main_event(text)["killed_best"] == killed


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # GTD target type 4 Military, subtype NATO: what is carried for NATO forces is theirs
        (f"{DAY} gunmen torched 14 tankers carrying fuel for NATO forces at a terminal near Torkham.", "military"),
        # GTD 3 Police (police academies and buildings), 2 Government (courts, elections), 16 Telecommunication
        (f"{DAY} militants stormed the police training school at Kohat and killed six recruits.", "police"),
        (f"{DAY} a bomber blew himself up at the gate of the district courts in Mardan, killing nine.",
         "government_general"),
        (f"{DAY} a bomb went off near a polling station in Quetta, wounding five voters.", "government_general"),
        (f"{DAY} attackers blew up a telephone exchange in Kohlu.", "telecommunication"),
        # a role named only among the casualties is not the target
        (f"{DAY} a bomb ripped through a crowded bazaar in Peshawar, killing 20 people, among them a police officer.",
         "private_citizens_property"),
    ],
)  # fmt: skip
def test_target_types_from_the_definitions(text: str, target: str, main_event: Any) -> None:
    assert main_event(text)["target_type"] == target


def test_a_group_saying_it_holds_the_captive_claims_the_kidnapping(main_event: Any) -> None:
    # GTD `claimed`: the group's own statement of the act, here that it holds the person taken
    v = main_event(f"{DAY} gunmen seized a foreign aid worker in Lahore; al-Qaida later said it held him.")
    assert (v["attack_type"], v["perpetrator"], v["claimed"]) == ("hostage_taking_kidnapping", "al-Qaida", True)


def test_a_splinter_named_in_full_is_not_its_parent(main_event: Any) -> None:
    v = main_event(f"{DAY} a bomber killed 30 people in a market in Parachinar. Tehrik-i-Taliban Islami claimed it.")
    assert v["perpetrator"] == "Tehrik-i-Taliban Islami"
