"""The online fee schedule effective April 1, 2024."""

from immportal.domain.cases.forms import FormType
from immportal.domain.payments.fees import fee_for, format_cents


class TestFees:
    """Each form's online filing fee."""

    def test_amounts(self) -> None:
        """I-90 $415, I-765 $470, I-130 $625, N-400 $710."""
        assert {"I-90": 41_500, "I-765": 47_000, "I-130": 62_500, "N-400": 71_000} == {
            form.value: fee_for(form).amount_cents for form in FormType
        }

    def test_display(self) -> None:
        """Dollars and cents, with a thousands separator."""
        assert ["$415.00", "$1,225.50"] == [fee_for("I-90").display, format_cents(122_550)]

    def test_waiver_flag(self) -> None:
        """The I-130 has no fee waiver; the others may request one."""
        assert [FormType.I130] == [f for f in FormType if not fee_for(f).waiver_available]
