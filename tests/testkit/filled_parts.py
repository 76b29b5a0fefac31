"""Pages every filled form types alike: Ana Lopez's name, birth, contact and description,
and no help from an interpreter or preparer."""

Pages = list[tuple[str, dict[str, str]]]

NAME = ("name", {"given_name": "Ana", "middle_name": "", "family_name": "Lopez"})
BIRTH = ("date_of_birth", {"date_of_birth": "03/27/1990"})
CONTACT: Pages = [
    ("email_phone", {"email": "ana@example.com", "phone": "202 555 0143", "mobile_phone": ""}),
    (
        "mailing_address",
        {
            "in_care_of": "",
            "line1": "8 Quay Road",
            "line2": "",
            "city": "Salem",
            "state": "MA",
            "postal_code": "01970",
            "country": "United States",
        },
    ),
    ("lives_at_mailing", {"lives_at_mailing_address": "yes"}),
]
NO_HELP: Pages = [("language", {"reads_english": "yes"}), ("preparer", {"preparer_used": "no"})]
DESCRIPTION = (
    "description",
    {
        "ethnicity": "hispanic",
        "race": "white",
        "height_feet": "5",
        "height_inches": "4",
        "weight_pounds": "130",
        "eye_color": "brown",
        "hair_color": "black",
    },
)
