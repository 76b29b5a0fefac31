"""The card of an approved case: produced, mailed with a tracking number, returned undeliverable."""

from __future__ import annotations

from collections.abc import Mapping

from eventsourcing.domain import event

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.cards import CardState, card_kind, parse_tracking_number
from immportal.domain.cases.case_mixins import CaseMixin, Who, check_step
from immportal.domain.cases.input_checks import check_reason
from immportal.domain.cases.status import CaseStatus, Transition
from immportal.domain.errors import InvalidArgument

_APPROVED = Transition(frozenset({CaseStatus.APPROVED}), None)
CARD_TRANSITIONS: Mapping[str, Transition] = {
    "produce_card": _APPROVED,
    "mail_card": _APPROVED,
    "return_card": _APPROVED,
}
"""Cards follow an approval and leave the case approved."""
# Card production and the mailroom act for the agency: staff record it, or the system.
_CARD_STAFF = frozenset({Role.OFFICER, Role.SUPERVISOR, Role.SYSTEM})
CARD_ROLES: Mapping[str, frozenset[Role]] = dict.fromkeys(CARD_TRANSITIONS, _CARD_STAFF)
"""The roles that may record each step of a card's delivery."""


class CardDelivery(CaseMixin):
    """Commands and events of the card an approved case produces."""

    # Class defaults: cases recorded before cards were tracked replay without these events.
    card_state: CardState | None = None
    card_kind: str | None = None
    card_tracking_number: str | None = None

    def _card_step(self, actor: Actor, command: str) -> Who:
        return check_step(
            actor, self.status, command, roles=CARD_ROLES, transitions=CARD_TRANSITIONS
        )

    def produce_card(self, actor: Actor) -> None:
        """Record that the approved application's card was produced."""
        who = self._card_step(actor, "produce_card")
        kind = card_kind(self.form_type)
        if kind is None:
            msg = f"An approved {self.form_type} does not produce a card."
            raise InvalidArgument(msg)
        if self.card_state is not None:
            raise InvalidArgument("The card of this case was produced already.")
        self._produce_card(**who, card_kind=kind)

    @event("CardProduced")
    def _produce_card(self, actor_id: str, actor_role: str, status: str, card_kind: str) -> None:
        self.card_state, self.card_kind = CardState.PRODUCED, card_kind

    def mail_card(self, actor: Actor, tracking_number: str) -> None:
        """Record the card mailed, with its USPS tracking number (checked)."""
        who = self._card_step(actor, "mail_card")
        if self.card_state not in (CardState.PRODUCED, CardState.RETURNED):
            raise InvalidArgument("Only a produced or returned card can be mailed.")
        self._mail_card(**who, tracking_number=parse_tracking_number(tracking_number))

    @event("CardMailed")
    def _mail_card(self, actor_id: str, actor_role: str, status: str, tracking_number: str) -> None:
        self.card_state, self.card_tracking_number = CardState.MAILED, tracking_number

    def return_card(self, actor: Actor, reason: str) -> None:
        """Record the mailed card returned undeliverable by the Postal Service, and why."""
        who = self._card_step(actor, "return_card")
        if self.card_state is not CardState.MAILED:
            raise InvalidArgument("Only a mailed card can come back undeliverable.")
        self._return_card(**who, reason=check_reason(reason))

    @event("CardReturned")
    def _return_card(self, actor_id: str, actor_role: str, status: str, reason: str) -> None:
        self.card_state = CardState.RETURNED
