"""Your physical description (ethnicity, race, height, weight, eyes, hair), as the card,
certificate or background checks record it."""

from __future__ import annotations

from immportal.domain.catalogue.fields import PageModel, checkboxes, choice, number

ETHNICITY = {
    "hispanic": "Hispanic or Latino",
    "not_hispanic": "Not Hispanic or Latino",
}
RACE = {
    "american_indian": "American Indian or Alaska Native",
    "asian": "Asian",
    "black": "Black or African American",
    "pacific_islander": "Native Hawaiian or Other Pacific Islander",
    "white": "White",
}
EYES = {
    "black": "Black",
    "blue": "Blue",
    "brown": "Brown",
    "gray": "Gray",
    "green": "Green",
    "hazel": "Hazel",
    "maroon": "Maroon",
    "pink": "Pink",
    "other": "Unknown or other",
}
HAIR = {
    "bald": "Bald (no hair)",
    "black": "Black",
    "blond": "Blond",
    "brown": "Brown",
    "gray": "Gray",
    "red": "Red",
    "sandy": "Sandy",
    "white": "White",
    "other": "Unknown or other",
}


class Biographics(PageModel):
    """What you look like."""

    ethnicity: str = choice("Ethnicity", ETHNICITY, required="Select your ethnicity")
    race: str = checkboxes(
        "Race", RACE, required="Select at least one race", hint="Select all that apply."
    )
    height_feet: int = number(
        "Height: feet", noun="Feet", required="Enter your height in feet", most=8
    )
    height_inches: int = number(
        "Height: inches",
        noun="Inches",
        required="Enter the inches of your height, or 0",
        most=11,
    )
    weight_pounds: int = number(
        "Weight in pounds", noun="Your weight", required="Enter your weight in pounds", most=700
    )
    eye_color: str = choice("Eye color", EYES, required="Select your eye color")
    hair_color: str = choice("Hair color", HAIR, required="Select your hair color")
