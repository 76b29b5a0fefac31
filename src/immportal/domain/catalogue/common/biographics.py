"""Your physical description (ethnicity, race, height, weight, eyes, hair), as the card,
certificate or background checks record it."""

from __future__ import annotations

from immportal.domain.catalogue.fields import PageModel, checkboxes, choice, number
from immportal.i18n import N_

ETHNICITY = {
    "hispanic": N_("Hispanic or Latino"),
    "not_hispanic": N_("Not Hispanic or Latino"),
}
RACE = {
    "american_indian": N_("American Indian or Alaska Native"),
    "asian": N_("Asian"),
    "black": N_("Black or African American"),
    "pacific_islander": N_("Native Hawaiian or Other Pacific Islander"),
    "white": N_("White"),
}
EYES = {
    "black": N_("Black"),
    "blue": N_("Blue"),
    "brown": N_("Brown"),
    "gray": N_("Gray"),
    "green": N_("Green"),
    "hazel": N_("Hazel"),
    "maroon": N_("Maroon"),
    "pink": N_("Pink"),
    "other": N_("Unknown or other"),
}
HAIR = {
    "bald": N_("Bald (no hair)"),
    "black": N_("Black"),
    "blond": N_("Blond"),
    "brown": N_("Brown"),
    "gray": N_("Gray"),
    "red": N_("Red"),
    "sandy": N_("Sandy"),
    "white": N_("White"),
    "other": N_("Unknown or other"),
}


class Biographics(PageModel):
    """What you look like."""

    ethnicity: str = choice(N_("Ethnicity"), ETHNICITY, required=N_("Select your ethnicity"))
    race: str = checkboxes(
        N_("Race"), RACE, required=N_("Select at least one race"), hint=N_("Select all that apply.")
    )
    height_feet: int = number(
        N_("Height: feet"), noun=N_("Feet"), required=N_("Enter your height in feet"), most=8
    )
    height_inches: int = number(
        N_("Height: inches"),
        noun=N_("Inches"),
        required=N_("Enter the inches of your height, or 0"),
        most=11,
    )
    weight_pounds: int = number(
        N_("Weight in pounds"),
        noun=N_("Your weight"),
        required=N_("Enter your weight in pounds"),
        most=700,
    )
    eye_color: str = choice(N_("Eye color"), EYES, required=N_("Select your eye color"))
    hair_color: str = choice(N_("Hair color"), HAIR, required=N_("Select your hair color"))
