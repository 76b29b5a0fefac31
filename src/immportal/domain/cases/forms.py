"""The immigration forms a case can be filed on."""

from __future__ import annotations

from enum import StrEnum

from immportal.i18n import N_


class FormType(StrEnum):
    """A form, identified by its official number."""

    I90 = "I-90"
    I765 = "I-765"
    I130 = "I-130"
    N400 = "N-400"

    # The brief names it title; shadowing str.title is harmless on an enum of form numbers.
    @property
    def title(self) -> str:  # type: ignore[override]
        """Return the form's official title."""
        return _TITLES[self]


_TITLES: dict[FormType, str] = {
    FormType.I90: N_("Application to Replace Permanent Resident Card"),
    FormType.I765: N_("Application for Employment Authorization"),
    FormType.I130: N_("Petition for Alien Relative"),
    FormType.N400: N_("Application for Naturalization"),
}
