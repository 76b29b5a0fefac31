"""A change of mailing address over the API, at the case version the client last read."""

from aiohttp import web
from pydantic import ConfigDict

from immportal.web.api.bodies import read_body, reply
from immportal.web.api.cases import CASE_PATH, MailingAddress
from immportal.web.api.operations import Operation
from immportal.web.applicant.access import FILERS, open_case
from immportal.web.forms import AddressForm, field_errors
from immportal.web.policy import allow
from immportal.web.portal import PORTAL
from immportal.web.read_your_writes import CASE_PAGE, caught_up


class ChangeAddress(AddressForm):
    """A new mailing address, checked as the case page's form checks it."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class AddressChanged(MailingAddress):
    """The address as recorded, and the case's new version."""

    version: int


@allow(FILERS)
async def change_address(request: web.Request) -> web.Response:
    """Record the address; 409 when the case changed after `expected_version`."""
    access = await open_case(request)
    body = await read_body(request, ChangeAddress, field_errors)
    runtime = request.app[PORTAL]
    case_id = access.summary.case_id
    written = await runtime.cases.change_address(
        case_id, actor=access.actor, expected_version=body.expected_version, address=body.address()
    )
    await caught_up(runtime, written.position, CASE_PAGE)
    return reply(AddressChanged(**body.address(), version=written.version))


OPERATIONS = [
    Operation(
        "POST",
        f"{CASE_PATH}/address",
        change_address,
        "changeAddress",
        "Change the mailing address",
        "cases",
        {200: AddressChanged},
        body=ChangeAddress,
        problems={409: "The case changed after expected_version (read it again and retry)."},
    ),
]
