"""Proving a status with a share code: the holder's pages and the public check (web/sharing)."""

from datetime import UTC, date, datetime, timedelta
from uuid import UUID

import immportal.transparency_verify as verifier
from immportal.adapters.postgres import lookup_limits
from immportal.domain.actor import Role
from immportal.domain.sharing.share import MAX_FAILED_CHECKS
from immportal.web.portal import PORTAL
from testkit.e2e_support import Portal, parse_page
from testkit.html_tables import read_tables
from testkit.sharing_support import BORN_ON, approved_case, check_status
from testkit.signed_in_support import Person, browsers, people

REFUSED = "We could not check this status"


async def make_code(holder: Person, facts: list[str], purpose: str = "work") -> tuple[UUID, str]:
    """Make a code on the holder's pages; its id and the code shown on its page."""
    page = await holder.portal.client.get("/share-codes/new")
    assert 200 == page.status, await page.text()
    token = parse_page(await page.text()).inputs["csrf_token"]
    form = [("csrf_token", token), ("purpose", purpose), *(("facts", f) for f in facts)]
    made = await holder.portal.client.post(
        "/share-codes/new",
        data=form,
        headers={"Origin": holder.portal.origin},
        allow_redirects=False,
    )
    assert 303 == made.status, await made.text()
    location = made.headers["Location"]
    share_id = UUID(location.split("?")[0].rsplit("/", 1)[1])
    shown = await holder.portal.client.get(location)
    code = parse_page(await shown.text()).text.split("Share code ", 1)[1].split()[0]
    return share_id, code


async def share_page(holder: Person, share_id: UUID) -> str:
    """The text of the holder's page of one code."""
    response = await holder.portal.client.get(f"/share-codes/{share_id}")
    assert 200 == response.status
    return parse_page(await response.text()).text


async def holder_with_status(portal: Portal, sign_in: object) -> Person:
    """An applicant signed in, with an approved work permit of their own."""
    holder: Person = await sign_in(Role.APPLICANT)  # type: ignore[operator]
    await approved_case(portal.runtime.cases, holder.actor)
    return holder


class TestHolderPages:
    """The holder makes a code for a purpose, choosing what it shows."""

    async def test_make_and_see(self, portal: Portal) -> None:
        """The list offers a code; the new code's page shows it, its facts and no checks yet."""
        async with people(portal) as sign_in:
            holder = await holder_with_status(portal, sign_in)
            listed = parse_page(await (await holder.portal.client.get("/share-codes")).text())
            share_id, code = await make_code(holder, ["name", "status"])
            text = await share_page(holder, share_id)
        assert "Make a share code" in listed.text
        assert (11, "-", "-") == (len(code), code[3], code[7])
        assert "What it shows Your name Your immigration status Made" in text
        assert "Nobody has checked this code yet." in text

    async def test_nothing_to_share(self, portal: Portal) -> None:
        """Without an approved status the list says so and the form is not found."""
        async with people(portal) as sign_in:
            applicant = await sign_in(Role.APPLICANT)
            listed = await applicant.portal.client.get("/share-codes")
            form = await applicant.portal.client.get("/share-codes/new")
        assert (
            "once an application that gives you a status is approved"
            in parse_page(await listed.text()).text
        )
        assert 404 == form.status

    async def test_someone_elses_code(self, portal: Portal) -> None:
        """Another applicant can neither see nor stop the code: not found, and it still works."""
        async with people(portal) as sign_in, browsers(portal) as open_browser:
            holder = await holder_with_status(portal, sign_in)
            share_id, code = await make_code(holder, ["status"])
            other = await sign_in(Role.APPLICANT)
            seen = await other.portal.client.get(f"/share-codes/{share_id}")
            page = await other.portal.client.get("/share-codes")
            token = parse_page(await page.text()).inputs["csrf_token"]
            stopped = await other.portal.client.post(
                f"/share-codes/{share_id}/revoke",
                data={"csrf_token": token},
                headers={"Origin": other.portal.origin},
                allow_redirects=False,
            )
            status, _, _ = await check_status(open_browser(), code)
        assert (404, 404, 200) == (seen.status, stopped.status, status)


class TestCheck:
    """The checker sees exactly the chosen facts, or one refusal whatever went wrong."""

    async def test_exactly_the_chosen_facts(self, portal: Portal) -> None:
        """Name and status chosen: both shown, and nothing else of the holder's."""
        async with people(portal) as sign_in, browsers(portal) as open_browser:
            holder = await holder_with_status(portal, sign_in)
            _, code = await make_code(holder, ["name", "status"])
            typed = code.lower().replace("-", " ")
            status, text, _ = await check_status(open_browser(), typed)
        assert 200 == status
        assert "Shown for: A job (right to work)" in text
        assert "Name Maria Garcia" in text
        assert "Status Permitted to work in the United States (employment authorization)" in text
        for hidden in ("Valid until", "1987", "April", holder.email, str(holder.account_id)):
            assert hidden not in text

    async def test_refused_alike(self, portal: Portal) -> None:
        """A wrong date of birth, a revoked, an expired and a guessed code get the same page."""
        async with people(portal) as sign_in, browsers(portal) as open_browser:
            holder = await holder_with_status(portal, sign_in)
            _, wrong = await make_code(holder, ["name"])
            revoked_id, revoked = await make_code(holder, ["name"])
            page = await holder.portal.client.get(f"/share-codes/{revoked_id}")
            token = parse_page(await page.text()).inputs["csrf_token"]
            stopped = await holder.portal.client.post(
                f"/share-codes/{revoked_id}/revoke",
                data={"csrf_token": token},
                headers={"Origin": holder.portal.origin},
                allow_redirects=False,
            )
            services = portal.client.app[PORTAL]
            case_id = await _case_of(portal, holder)
            expired = await services.sharing.create(
                holder.actor,
                case_id=case_id,
                purpose="work",
                facts=["name"],
                now=datetime.now(UTC) - timedelta(days=91),
            )
            visitor = open_browser()
            answers = [
                await check_status(visitor, wrong, date(1987, 4, 13)),
                await check_status(visitor, revoked),
                await check_status(visitor, expired.code),
                await check_status(visitor, "W4K-7PM-2QX"),
            ]
        assert 303 == stopped.status
        assert [404] * 4 == [status for status, _, _ in answers]
        assert 1 == len({text for _, text, _ in answers})
        assert REFUSED in answers[0][1]
        assert "Maria" not in answers[0][1]

    async def test_limited_per_code_and_per_network(self, portal: Portal) -> None:
        """Wrong dates of birth stop the code for good; too many checks from one network wait."""
        async with people(portal) as sign_in, browsers(portal) as open_browser:
            holder = await holder_with_status(portal, sign_in)
            _, code = await make_code(holder, ["status"])
            visitor = open_browser()
            for _ in range(MAX_FAILED_CHECKS):
                assert 404 == (await check_status(visitor, code, date(1990, 1, 1)))[0]
            locked, _, _ = await check_status(visitor, code)
            used = MAX_FAILED_CHECKS + 1
            for _ in range(lookup_limits.LOOKUPS_PER_WINDOW - used):
                await check_status(visitor, "W4K-7PM-2QX")
            status, text, _ = await check_status(visitor, code)
        assert 404 == locked
        assert 429 == status
        assert "Too many checks" in text

    async def test_holder_sees_each_check(self, portal: Portal) -> None:
        """Shown, refused and downloaded checks are listed, newest first, with time and purpose."""
        async with people(portal) as sign_in, browsers(portal) as open_browser:
            holder = await holder_with_status(portal, sign_in)
            share_id, code = await make_code(holder, ["name"], purpose="renting")
            visitor = open_browser()
            began = datetime.now(UTC)
            await check_status(visitor, code)
            await check_status(visitor, code, date(2001, 1, 1))
            await check_status(visitor, code, path="/check-status/statement")
            await portal.client.app[PORTAL].read_models.wait_until(
                await portal.runtime.store.head(), ("status_shares",), 10
            )
            page = await holder.portal.client.get(f"/share-codes/{share_id}")
            rows = read_tables(await page.text())["share-checks"].rows
        assert [
            "Your details were downloaded as a signed statement",
            "Refused: the date of birth was wrong",
            "Your details were shown",
        ] == [what for _, _, what in rows]
        assert {"Renting a home"} == {purpose for _, purpose, _ in rows}
        assert all(
            began <= datetime.fromisoformat(when) <= datetime.now(UTC) for when, _, _ in rows
        )


class TestSignedStatement:
    """The statement downloads as a JWS that checks offline against the published keys."""

    async def test_offline_check(self, portal: Portal) -> None:
        """The credential carries exactly the chosen facts and verifies with the keys file."""
        async with people(portal) as sign_in, browsers(portal) as open_browser:
            holder = await holder_with_status(portal, sign_in)
            _, code = await make_code(holder, ["status", "valid_until"], purpose="study")
            visitor = open_browser()
            status, _, body = await check_status(visitor, code, path="/check-status/statement")
            keys = await (await visitor.client.get("/.well-known/immportal/credential-keys")).text()
        claims = verifier.check_credential(body.decode(), verifier.read_keys(keys))
        approved = datetime.now(UTC).date()
        assert 200 == status
        assert {"purpose", "status", "valid_until"} <= set(claims)
        assert "name" not in claims
        assert ("study", "Permitted to work in the United States (employment authorization)") == (
            claims["purpose"],
            claims["status"],
        )
        assert approved.replace(year=approved.year + 2).isoformat() == claims["valid_until"]
        assert BORN_ON.isoformat() not in body.decode()


async def _case_of(portal: Portal, holder: Person) -> UUID:
    """The holder's one approved case."""
    case_id: UUID = await portal.runtime.pool.fetchval(
        "SELECT case_id FROM read.case_files WHERE applicant_id = $1", str(holder.account_id)
    )
    return case_id
