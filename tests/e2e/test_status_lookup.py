"""The public case-status lookup by receipt number (web/status_lookup.py)."""

from immportal.adapters.postgres import lookup_limits
from testkit.e2e_support import (
    Portal,
    accepted_case,
    new_applicant,
    parse_page,
    wait_until_projected,
)

NOT_FOUND = "We could not find a case with that receipt number"


async def lookup(portal: Portal, number: str) -> tuple[int, str]:
    """Look a number up without signing in; (status, the page's text)."""
    response = await portal.client.get("/case-status", params={"receipt_number": number})
    return response.status, " ".join(parse_page(await response.text()).text.split())


class TestAnswers:
    """A known number gets its status in plain words and nothing personal."""

    async def test_status_and_one_line(self, portal: Portal) -> None:
        """Typed with spaces and in lower case, the number still finds the case."""
        applicant = new_applicant()
        case_id = await accepted_case(portal.runtime.cases, applicant)
        await portal.runtime.cases.update(
            case_id, None, lambda c: c.change_address(applicant, {"city": "Dayton"})
        )
        await wait_until_projected(portal.runtime, case_id, 5)
        number = (await portal.runtime.cases.get(case_id)).receipt_number
        assert number is not None
        typed = f"{number[:3].lower()} {number[3:8]}-{number[8:]}"

        status, text = await lookup(portal, typed)

        assert 200 == status
        assert "Case was received" in text
        assert "We will schedule your biometrics appointment" in text
        assert number in text
        for private in ("Doe", "NBC", "Dayton", applicant.user_id):
            assert private not in text

    async def test_unknown_number(self, portal: Portal) -> None:
        """A well-formed number of no case gets the polite not-found answer."""
        status, text = await lookup(portal, "IOE0000000001")
        assert (404, True) == (status, NOT_FOUND in text)

    async def test_malformed_number(self, portal: Portal) -> None:
        """Something that is not a receipt number says what one looks like."""
        status, text = await lookup(portal, "hello")
        assert 400 == status
        assert "three letters followed by ten digits" in text

    async def test_blank_form(self, portal: Portal) -> None:
        """Without a number the page only offers the form."""
        response = await portal.client.get("/case-status")
        text = parse_page(await response.text()).text
        assert (200, False) == (response.status, NOT_FOUND in text)


class TestRateLimit:
    """An address may look up 20 numbers per 10 minutes; then it waits."""

    async def test_429_after_the_limit(self, portal: Portal) -> None:
        """The 21st lookup is refused with Retry-After; lookups without a number do not count."""
        for _ in range(3):
            assert 200 == (await portal.client.get("/case-status")).status
        for n in range(lookup_limits.LOOKUPS_PER_WINDOW):
            status, _ = await lookup(portal, f"IOE00000000{n:02d}")
            assert 404 == status
        response = await portal.client.get(
            "/case-status", params={"receipt_number": "IOE0000000099"}
        )
        text = parse_page(await response.text()).text
        retry_after = int(response.headers["Retry-After"])
        assert 429 == response.status
        assert 0 < retry_after <= 600
        assert "Too many lookups" in text
        assert NOT_FOUND not in text
