"""Receipt numbers typed in a form (an earlier filing's, a card's): 3 letters and 10 digits."""

from immportal.domain.cases.receipt import ReceiptNumber
from immportal.domain.errors import InvalidReceiptNumber
from immportal.domain.identifiers.invalid import InvalidIdentifier
from immportal.i18n import N_

MESSAGE = N_("Enter a receipt number of 3 letters and 10 numbers, like IOE0912345678")


def parse_receipt(text: str) -> str:
    """The receipt number in capitals without spaces or hyphens (the case rules' reading)."""
    try:
        return str(ReceiptNumber.parse(text))
    except InvalidReceiptNumber as error:
        # The case rules' message repeats what was typed; a form shows it beside the box.
        raise InvalidIdentifier(MESSAGE) from error
