"""What the documents tests share: a signed-in applicant's case, multipart uploads, page reading."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from uuid import UUID

from aiohttp import ClientResponse, FormData

from immportal.domain.actor import Actor, Role
from testkit.e2e_support import Portal, accepted_case, form_token, parse_page, wait_until_projected
from testkit.signed_in_support import Person, people

OFFICER = Actor("officer-documents", Role.OFFICER)
NOT_FOUND = "We cannot find that page or case"


@dataclass(frozen=True)
class Filer:
    """An applicant signed in to their own browser, with an accepted case."""

    person: Person
    case_id: UUID
    blob_dir: Path

    @property
    def portal(self) -> Portal:
        """The applicant's own browser on the portal."""
        return self.person.portal

    @property
    def page(self) -> str:
        """The case's documents page."""
        return f"/cases/{self.case_id}/documents"

    def blobs(self) -> list[Path]:
        """Every document file the disk blob store keeps (partial ones included)."""
        return sorted(p for p in (self.blob_dir / "documents").rglob("*") if p.is_file())


@asynccontextmanager
async def filer(portal: Portal, blob_dir: Path) -> AsyncIterator[Filer]:
    """An applicant signed in, with an accepted, projected case."""
    async with people(portal) as sign_in:
        person = await sign_in(Role.APPLICANT)
        case_id = await accepted_case(portal.runtime.cases, person.actor)
        await wait_until_projected(portal.runtime, case_id, 4)
        yield Filer(person, case_id, blob_dir)


async def request_evidence(portal: Portal, case_id: UUID, items: list[str]) -> None:
    """An officer takes the case and asks for evidence, due in 30 days."""
    cases = portal.runtime.cases
    await cases.update(case_id, None, lambda c: c.assign(OFFICER, OFFICER.user_id))
    due = date.today() + timedelta(days=30)
    await cases.update(
        case_id, None, lambda c: c.request_evidence(OFFICER, items, due, "We need more proof.")
    )
    await wait_until_projected(portal.runtime, case_id, 6)


def upload_form(
    token: str | None,
    data: bytes,
    filename: str,
    fields: dict[str, str] | None = None,
    *,
    token_first: bool = True,
) -> FormData:
    """A multipart form as the documents page sends it: the token first, then choices, the file."""
    # As browsers do: the filename in UTF-8 as it is, not percent-encoded as aiohttp would.
    form = FormData(quote_fields=False)
    if token is not None and token_first:
        form.add_field("csrf_token", token)
    # A type unless the test says otherwise: the page asks for one before the file.
    for name, value in ({"document_type": "other"} if fields is None else fields).items():
        form.add_field(name, value)
    form.add_field("file", data, filename=filename, content_type="application/octet-stream")
    if token is not None and not token_first:
        form.add_field("csrf_token", token)
    return form


async def upload(
    who: Filer, data: bytes, filename: str, *, follow: bool = False, **fields: str
) -> ClientResponse:
    """Upload a file from the documents page, as its form would (typed "other" unless given)."""
    token = await form_token(who.portal, who.page)
    return await who.portal.client.post(
        who.page,
        data=upload_form(token, data, filename, {"document_type": "other", **fields}),
        headers={"Origin": who.portal.origin},
        allow_redirects=follow,
    )


async def uploaded_id(response: ClientResponse) -> UUID:
    """The new document's id from the redirect after a successful upload."""
    assert 303 == response.status, parse_page(await response.text()).text[:2000]
    location = response.headers["Location"]
    return UUID(location.rpartition("uploaded=")[2])


async def page_text(who: Filer, path: str | None = None) -> str:
    """The visible text of a page (the documents page by default)."""
    response = await who.portal.client.get(path or who.page)
    assert 200 == response.status
    return parse_page(await response.text()).text


async def document_events(portal: Portal) -> int:
    """How many Document events the log holds."""
    count: int = await portal.runtime.pool.fetchval(
        "SELECT count(*) FROM events WHERE topic LIKE 'immportal.domain.evidence.document:%'"
    )
    return count
