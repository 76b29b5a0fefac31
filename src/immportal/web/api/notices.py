"""The inbox over the API, and one notice's structured content (opening it marks it read)."""

from datetime import date, datetime
from uuid import UUID

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from immportal.projections.notices import NoticeEntry
from immportal.web.api.bodies import reply
from immportal.web.api.cases import CASE_PATH
from immportal.web.api.operations import Operation
from immportal.web.applicant.access import FILERS
from immportal.web.policy import allow
from immportal.web.queries.notices import inbox_of, read_notice

NOTICE_PATH = f"{CASE_PATH}/notices/{{notice_id}}"


class NoticeItem(BaseModel):
    """A notice in the inbox."""

    model_config = ConfigDict(frozen=True)

    notice_id: UUID
    case_id: UUID
    kind: str
    title: str
    issued_at: datetime
    receipt_number: str | None
    form_type: str | None
    unread: bool
    url: str
    pdf_url: str = Field(description="The same notice as a PDF (a download on the site).")


class Inbox(BaseModel):
    """Every notice of the person's cases, newest first."""

    model_config = ConfigDict(frozen=True)

    unread: int
    notices: list[NoticeItem]


class Fact(BaseModel):
    """A labelled line of the notice's summary."""

    model_config = ConfigDict(frozen=True)

    label: str
    value: str


class Block(BaseModel):
    """A part of the notice's body."""

    model_config = ConfigDict(frozen=True)

    heading: str | None
    paragraphs: list[str]
    items: list[str]


class Notice(BaseModel):
    """What a notice says, as its page and its PDF show it."""

    model_config = ConfigDict(frozen=True)

    notice_id: UUID
    case_id: UUID
    kind: str
    title: str
    heading: str
    issued_at: datetime
    notice_date: date
    receipt_number: str
    form: str
    addressee: str
    address: list[str]
    facts: list[Fact]
    body: list[Block]
    issuer: str
    pdf_url: str


def _urls(entry: NoticeEntry) -> tuple[str, str]:
    return (
        NOTICE_PATH.format(case_id=entry.case_id, notice_id=entry.notice_id),
        f"/cases/{entry.case_id}/notices/{entry.notice_id}.pdf",
    )


@allow(FILERS)
async def inbox(request: web.Request) -> web.Response:
    """The notices of the person's cases with the number still unread."""
    entries = await inbox_of(request)
    items = [
        NoticeItem(
            notice_id=e.notice_id,
            case_id=e.case_id,
            kind=e.kind,
            title=e.title,
            issued_at=e.issued_at,
            receipt_number=e.receipt_number,
            form_type=e.form_type,
            unread=e.unread,
            url=_urls(e)[0],
            pdf_url=_urls(e)[1],
        )
        for e in entries
    ]
    return reply(Inbox(unread=sum(item.unread for item in items), notices=items))


@allow(FILERS)
async def get_notice(request: web.Request) -> web.Response:
    """The notice's content; opening it marks it read, like its page."""
    opened = await read_notice(request)
    entry, letter = opened.entry, opened.letter
    notice = Notice(
        notice_id=entry.notice_id,
        case_id=entry.case_id,
        kind=letter.kind,
        title=letter.title,
        heading=letter.heading,
        issued_at=entry.issued_at,
        notice_date=letter.notice_date,
        receipt_number=letter.receipt_number,
        form=letter.form,
        addressee=letter.addressee,
        address=list(letter.address),
        facts=[Fact(label=f.label, value=f.value) for f in letter.facts],
        body=[
            Block(heading=b.heading, paragraphs=list(b.paragraphs), items=list(b.items))
            for b in letter.body
        ],
        issuer=letter.issuer,
        pdf_url=_urls(entry)[1],
    )
    return reply(notice)


OPERATIONS = [
    Operation(
        "GET", "/api/v1/notices", inbox, "listNotices", "Your inbox", "notices", {200: Inbox}
    ),
    Operation(
        "GET",
        NOTICE_PATH,
        get_notice,
        "getNotice",
        "One notice",
        "notices",
        {200: Notice},
        description="Reading a notice marks it read for the signed-in person, as its page does.",
    ),
]
