"""No GET, page or JSON, loads an aggregate from the event store: the read side never replays.

The table below lists every GET route of the portal with the people who open it on the
scene of testkit.read_side_support (real ids: a booked case with a document, a notice, a
representative; a signed draft; a paid fee; recoveries waiting for an administrator). A
router walk fails the build when a GET route is added without a row. Each row is opened
as each of its people while every `read_stream` of the event store is recorded
(testkit.replay_spy); the only reads allowed are the exceptions named below, each with
its reason.
"""

from collections.abc import AsyncIterator
from typing import NamedTuple

import pytest
import pytest_asyncio

from immportal.app.web_app import create_app
from testkit.e2e_support import Portal
from testkit.read_side_support import ReadScene, read_scene
from testkit.replay_spy import StreamRead, recording_stream_reads
from testkit.signed_in_support import browsers
from testkit.support import make_settings

FILERS = ("applicant", "representative")
ADJUDICATORS = ("officer", "supervisor")
EVERYONE = ("applicant", "representative", "officer", "supervisor", "auditor", "admin", "analyst")
VISITOR = ("visitor",)
"""A browser nobody signed in to."""


class GetRow(NamedTuple):
    """One GET route: the URL opened, who opens it, and the status each gets."""

    route: str
    url: str
    seats: tuple[str, ...]
    status: int = 200


ROWS = [
    GetRow("/", "/", VISITOR),
    GetRow("/healthz", "/healthz", VISITOR),
    GetRow("/readyz", "/readyz", VISITOR),
    GetRow("/processing-times", "/processing-times", VISITOR),
    GetRow("/contact", "/contact", VISITOR),
    GetRow("/privacy", "/privacy", VISITOR),
    GetRow("/accessibility", "/accessibility", VISITOR),
    GetRow("/language/{code}", "/language/es?next=/contact", VISITOR, 303),
    GetRow("/case-status", "/case-status", VISITOR),
    GetRow("/api/v1/openapi.json", "/api/v1/openapi.json", VISITOR),
    GetRow("/account/create", "/account/create", VISITOR),
    GetRow("/account/create/check-email", "/account/create/check-email", VISITOR),
    GetRow("/account/verify", "/account/verify?token=x", VISITOR),
    GetRow("/account/verify/done", "/account/verify/done", VISITOR),
    GetRow("/sign-in", "/sign-in", VISITOR),
    GetRow("/sign-in/code", "/sign-in/code", ("code-step",)),
    GetRow("/account/forgot", "/account/forgot", VISITOR),
    GetRow("/account/reset", "{reset_link}", VISITOR),
    GetRow("/lost-authenticator", "/lost-authenticator", VISITOR),
    GetRow("/lost-authenticator/proof", "{recovery_proof_link}", VISITOR),
    GetRow("/lost-authenticator/finish", "{recovery_finish_link}", VISITOR),
    GetRow("/lost-authenticator/cancel", "{recovery_cancel_link}", VISITOR),
    GetRow("/account/security/wasnt-me/done", "/account/security/wasnt-me/done", VISITOR),
    # The account's own pages.
    GetRow("/account", "/account", EVERYONE),
    GetRow("/account/authenticator", "/account/authenticator", ("app-set-up",)),
    GetRow("/account/recovery-codes", "/account/recovery-codes", EVERYONE),
    GetRow("/account/recovery-codes/download", "/account/recovery-codes/download", EVERYONE, 404),
    GetRow("/account/confirm-it-is-you", "/account/confirm-it-is-you", EVERYONE),
    GetRow("/account/password", "/account/password", EVERYONE),
    GetRow("/account/email", "/account/email", EVERYONE),
    GetRow("/account/email/confirm", "{email_change_link}", ("applicant",)),
    GetRow("/account/email/done", "/account/email/done", EVERYONE),
    GetRow("/account/recovery-codes/new", "/account/recovery-codes/new", EVERYONE),
    GetRow("/account/authenticator/replace", "/account/authenticator/replace", EVERYONE),
    GetRow("/account/sessions", "/account/sessions", EVERYONE),
    GetRow("/account/security", "/account/security", EVERYONE),
    GetRow("/account/address", "/account/address", ("applicant",)),
    GetRow("/account/time-zone", "/account/time-zone", EVERYONE),
    GetRow("/account/tokens", "/account/tokens", FILERS),
    GetRow("/account/passkeys", "/account/passkeys", EVERYONE),
    GetRow("/api/v1/session", "/api/v1/session", EVERYONE),
    GetRow("/api/v1/forms", "/api/v1/forms", FILERS),
    # Applicants' and representatives' cases.
    GetRow("/cases", "/cases", FILERS),
    GetRow("/inbox", "/inbox", FILERS),
    GetRow("/cases/{case_id}", "/cases/{case_id}", FILERS),
    GetRow("/cases/{case_id}/representatives", "/cases/{case_id}/representatives", ("applicant",)),
    GetRow("/cases/{case_id}/withdraw", "/cases/{case_id}/withdraw", FILERS),
    GetRow("/add-a-paper-case", "/add-a-paper-case", ("applicant",)),
    GetRow("/cases/{case_id}/documents", "/cases/{case_id}/documents", FILERS),
    GetRow("/cases/{case_id}/documents/checklist", "/cases/{case_id}/documents/checklist", FILERS),
    GetRow(
        "/cases/{case_id}/documents/{document_id}/download",
        "/cases/{case_id}/documents/{document_id}/download",
        FILERS,
    ),
    GetRow(
        "/cases/{case_id}/filed-application.pdf", "/cases/{case_id}/filed-application.pdf", FILERS
    ),
    # The scene's document was not scanned, so it has a preview page saying so and no image.
    GetRow(
        "/cases/{case_id}/documents/{document_id}/preview",
        "/cases/{case_id}/documents/{document_id}/preview",
        FILERS,
    ),
    GetRow(
        "/cases/{case_id}/documents/{document_id}/preview/{page}",
        "/cases/{case_id}/documents/{document_id}/preview/1",
        FILERS,
        404,
    ),
    GetRow("/cases/{case_id}/notices/{notice_id}", "/cases/{case_id}/notices/{notice_id}", FILERS),
    GetRow(
        "/cases/{case_id}/notices/{notice_id}.pdf",
        "/cases/{case_id}/notices/{notice_id}.pdf",
        FILERS,
    ),
    GetRow("/cases/{case_id}/appointments", "/cases/{case_id}/appointments", FILERS),
    GetRow(
        "/cases/{case_id}/appointments/reschedule",
        "/cases/{case_id}/appointments/reschedule",
        FILERS,
    ),
    GetRow(
        "/cases/{case_id}/appointments/appointment.ics",
        "/cases/{case_id}/appointments/appointment.ics",
        FILERS,
    ),
    GetRow("/cases/{case_id}/messages", "/cases/{case_id}/messages", FILERS),
    GetRow("/cases/{case_id}/requests", "/cases/{case_id}/requests", FILERS),
    *(
        GetRow(f"/cases/{{case_id}}/requests/{kind}", f"/cases/{{case_id}}/requests/{kind}", FILERS)
        for kind in ("expedite", "correction", "accommodation")
    ),
    GetRow("/apply", "/apply", ("applicant",)),
    GetRow("/cases/{case_id}/apply", "/cases/{draft_id}/apply", ("applicant",)),
    GetRow("/cases/{case_id}/apply/check", "/cases/{draft_id}/apply/check", ("applicant",)),
    GetRow(
        "/cases/{case_id}/apply/declaration",
        "/cases/{draft_id}/apply/declaration",
        ("applicant",),
    ),
    GetRow("/cases/{case_id}/apply/{page_id}", "/cases/{draft_id}/apply/name", ("applicant",)),
    GetRow("/cases/{case_id}/delete", "/cases/{draft_id}/delete", ("applicant",)),
    GetRow("/cases/{case_id}/pay", "/cases/{draft_id}/pay", ("applicant",)),
    GetRow("/cases/{case_id}/fee-waiver", "/cases/{draft_id}/fee-waiver", ("applicant",)),
    GetRow(
        "/payments/{payment_id}/continue", "/payments/{payment_id}/continue", ("applicant",), 303
    ),
    GetRow("/payments/return", "/payments/return?payment={payment_id}", ("applicant",), 303),
    GetRow("/payments/{payment_id}/receipt", "/payments/{payment_id}/receipt", ("applicant",)),
    GetRow(
        "/payments/{payment_id}/receipt.pdf", "/payments/{payment_id}/receipt.pdf", ("applicant",)
    ),
    # The JSON API of applicants and representatives.
    GetRow("/api/v1/cases", "/api/v1/cases", FILERS),
    GetRow("/api/v1/cases/{case_id}", "/api/v1/cases/{case_id}", FILERS),
    GetRow("/api/v1/cases/{case_id}/timeline", "/api/v1/cases/{case_id}/timeline", FILERS),
    GetRow("/api/v1/cases/{case_id}/application", "/api/v1/cases/{case_id}/application", FILERS),
    GetRow("/api/v1/payments/{payment_id}", "/api/v1/payments/{payment_id}", ("applicant",)),
    GetRow("/api/v1/notices", "/api/v1/notices", FILERS),
    GetRow(
        "/api/v1/cases/{case_id}/notices/{notice_id}",
        "/api/v1/cases/{case_id}/notices/{notice_id}",
        FILERS,
    ),
    GetRow("/api/v1/cases/{case_id}/documents", "/api/v1/cases/{case_id}/documents", FILERS),
    GetRow("/api/v1/cases/{case_id}/appointments", "/api/v1/cases/{case_id}/appointments", FILERS),
    GetRow(
        "/api/v1/cases/{case_id}/appointments/slots",
        "/api/v1/cases/{case_id}/appointments/slots",
        FILERS,
    ),
    # Officers and supervisors.
    GetRow("/staff/queue", "/staff/queue", ADJUDICATORS),
    GetRow("/staff/decisions", "/staff/decisions", ("supervisor",)),
    GetRow(
        "/staff/appointments", "/staff/appointments?location={location}&day={day}", ADJUDICATORS
    ),
    GetRow("/staff/cases/{case_id}", "/staff/cases/{case_id}", ADJUDICATORS),
    GetRow(
        "/staff/cases/{case_id}/documents/{document_id}",
        "/staff/cases/{case_id}/documents/{document_id}",
        ADJUDICATORS,
    ),
    GetRow("/staff/messages", "/staff/messages", ADJUDICATORS),
    GetRow("/staff/requests", "/staff/requests", ADJUDICATORS),
    GetRow("/staff/cases/{case_id}/messages", "/staff/cases/{case_id}/messages", ADJUDICATORS),
    GetRow("/staff/cases/{case_id}/requests", "/staff/cases/{case_id}/requests", ADJUDICATORS),
    # Auditors, administrators, analysts.
    GetRow("/audit", "/audit?case={case_id}", ("auditor",)),
    GetRow("/audit/search.jsonl", "/audit/search.jsonl?case={case_id}", ("auditor",)),
    GetRow("/audit/search.csv", "/audit/search.csv", ("auditor",)),
    GetRow("/audit/verify", "/audit/verify", ("auditor",)),
    GetRow("/audit/cases/{case_id}", "/audit/cases/{case_id}", ("auditor",)),
    GetRow(
        "/audit/cases/{case_id}/history.jsonl", "/audit/cases/{case_id}/history.jsonl", ("auditor",)
    ),
    GetRow(
        "/audit/cases/{case_id}/history.csv", "/audit/cases/{case_id}/history.csv", ("auditor",)
    ),
    GetRow(
        "/audit/cases/{case_id}/as-of/{version}", "/audit/cases/{case_id}/as-of/3", ("auditor",)
    ),
    GetRow("/audit/cases/{case_id}/verify", "/audit/cases/{case_id}/verify", ("auditor",)),
    GetRow("/admin/recoveries", "/admin/recoveries", ("admin",)),
    GetRow("/admin/recoveries/{recovery_id}", "/admin/recoveries/{recovery_id}", ("admin",)),
    GetRow("/analytics", "/analytics", ("analyst",)),
    *(
        GetRow(f"/analytics/{name}.{suffix}", f"/analytics/{name}.{suffix}", ("analyst",))
        for name in ("backlog", "throughput", "processing-times", "processing-time-summary")
        for suffix in ("csv", "parquet")
    ),
    # The transparency log: checkpoints and proofs, for anyone.
    GetRow("/.well-known/immportal/checkpoint", "/.well-known/immportal/checkpoint", VISITOR),
    GetRow("/.well-known/immportal/keys", "/.well-known/immportal/keys", VISITOR),
    GetRow("/api/v1/transparency/checkpoint", "/api/v1/transparency/checkpoint", VISITOR),
    GetRow(
        "/api/v1/transparency/checkpoints/{tree_size}",
        "/api/v1/transparency/checkpoints/{tree_size}",
        VISITOR,
    ),
    GetRow(
        "/api/v1/transparency/inclusion/{position}", "/api/v1/transparency/inclusion/1", VISITOR
    ),
    GetRow(
        "/api/v1/transparency/inclusion/{position}/in/{tree_size}",
        "/api/v1/transparency/inclusion/1/in/{tree_size}",
        VISITOR,
    ),
    GetRow(
        "/api/v1/transparency/consistency/{first_size}/{second_size}",
        "/api/v1/transparency/consistency/1/{tree_size}",
        VISITOR,
    ),
    # Signed documents and share codes: anyone checks them; the holder's own pages.
    GetRow("/verify", "/verify?code={document_code}", VISITOR),
    GetRow(
        "/.well-known/immportal/document-certificates",
        "/.well-known/immportal/document-certificates",
        VISITOR,
    ),
    GetRow("/check-status", "/check-status", VISITOR),
    GetRow(
        "/.well-known/immportal/credential-keys", "/.well-known/immportal/credential-keys", VISITOR
    ),
    GetRow("/share-codes", "/share-codes", ("applicant",)),
    GetRow("/share-codes/new", "/share-codes/new", ("applicant",)),
    GetRow("/share-codes/{share_id}", "/share-codes/{share_id}", ("applicant",)),
    # Development pages (dev mode only).
    GetRow("/dev/cases", "/dev/cases", VISITOR),
    GetRow("/dev/cases/{case_id}", "/dev/cases/{case_id}", VISITOR),
    GetRow("/dev/mailbox", "/dev/mailbox", VISITOR),
    GetRow("/dev/mailbox/{name}", "/dev/mailbox/{mail_name}", VISITOR),
]
NOT_WALKED = {
    "/static": "files from disk, no handler of ours",
}


class Allowed(NamedTuple):
    """A GET that may read an aggregate's events, which aggregate's, and why."""

    aggregates: frozenset[str]
    reason: str


# Each exception is of one of four kinds: a page whose purpose is the events themselves (a
# history listing them, or the auditors' time travel); a check of a single-use emailed link,
# which decides on the account's current state and must never act on a read model a moment
# behind; a page showing an authenticator key, a secret no read model holds; or a command
# the outside world reaches by GET.
ALLOWED: dict[str, Allowed] = {
    "/account/security": Allowed(
        frozenset({"Account"}),
        "History: the account's own events, listed one by one as its security history.",
    ),
    "/admin/recoveries/{recovery_id}": Allowed(
        frozenset({"AccountRecovery"}),
        "History: the attempt's events, listed one by one under the decision forms.",
    ),
    "/audit/cases/{case_id}/as-of/{version}": Allowed(
        frozenset({"Case"}),
        "Time travel: the auditor asks for the case rebuilt from its events up to a version;"
        " replaying is what the page is for.",
    ),
    "/account/reset": Allowed(
        frozenset({"Account"}),
        "Link check: a reset link stands only while the password it was sent for is current.",
    ),
    "/account/email/confirm": Allowed(
        frozenset({"Account"}),
        "Link check: an email change link stands only while the password and the address it"
        " was sent for are current.",
    ),
    "/lost-authenticator/proof": Allowed(
        frozenset({"Account", "AccountRecovery"}),
        "Link check: whether a recovery may start or go on depends on the attempt's and the"
        " account's current state (an attempt under way, a lockout, a sign-in since).",
    ),
    "/lost-authenticator/finish": Allowed(
        frozenset({"Account", "AccountRecovery"}),
        "Link check: the finish link shows the open attempt it stands for, as it is now.",
    ),
    "/lost-authenticator/cancel": Allowed(
        frozenset({"Account", "AccountRecovery"}),
        "Link check: the cancel link stands only while its attempt is open.",
    ),
    "/account/authenticator": Allowed(
        frozenset({"Account"}),
        "Sign-in step: shows the authenticator key being set up, a secret kept only in the"
        " account's encrypted events (no read model holds secrets).",
    ),
    "/account/authenticator/replace": Allowed(
        frozenset({"Account"}),
        "Shows the new authenticator key being set up, a secret kept only in the account's"
        " encrypted events (no read model holds secrets).",
    ),
    "/payments/return": Allowed(
        frozenset({"Payment", "Case"}),
        "A command reached by GET: the provider sends the browser back here, and the"
        " portal records what the provider says happened to the payment (and files the case).",
    ),
}


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def scene(
    admin_url: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[ReadScene]:
    """One portal and scene for the module."""
    async with read_scene(admin_url, tmp_path_factory.mktemp("read-side")) as staged:
        yield staged


def allowed(read: StreamRead) -> bool:
    """Whether the read is one of the named exceptions."""
    found = ALLOWED.get(read.route)
    return found is not None and read.aggregate in found.aggregates


def browser_of(scene: ReadScene, seat: str, visitor: Portal) -> Portal:
    """The browser of a seat: someone signed in, half signed in, or nobody."""
    if seat == "visitor":
        return visitor
    if seat in scene.half_signed_in:
        return scene.half_signed_in[seat]
    return scene.staff.people[seat].portal


class TestEveryGetRouteIsWalked:
    """New GET routes must be added to the table."""

    def test_router_walk(self) -> None:
        """Every GET route is a row (or named as not walked), and every row is a route."""
        app = create_app(make_settings("postgresql://unused@127.0.0.1/unused", dev=True))
        routes = {
            route.resource.canonical
            for route in app.router.routes()
            if route.method == "GET" and route.resource is not None
        }
        assert routes == {row.route for row in ROWS} | set(NOT_WALKED)


@pytest.mark.asyncio(loop_scope="module")
class TestNoGetReplays:
    """Opening every page and JSON answer reads no event stream but the named exceptions."""

    async def test_walk(self, scene: ReadScene) -> None:
        """Each row answers its status to each of its people, and replays nothing."""
        values = scene.values()
        statuses, reads = [], []
        async with browsers(scene.portal) as open_browser:
            visitor = open_browser()
            with recording_stream_reads(scene.portal.runtime.store) as recorded:
                for row in ROWS:
                    url = row.url.format(**values)
                    for seat in row.seats:
                        browser = browser_of(scene, seat, visitor)
                        response = await browser.client.get(url, allow_redirects=False)
                        await response.read()
                        statuses.append(response.status)
                        reads.extend(recorded.take())
        expected = [(r.url, s, r.status) for r in ROWS for s in r.seats]
        assert len(expected) == len(statuses)
        assert [] == [
            (*want, got) for want, got in zip(expected, statuses, strict=True) if want[2] != got
        ]
        assert [] == sorted({(r.route, r.aggregate) for r in reads if not allowed(r)})
        # An exception no page needs any more is taken off the list.
        assert set(ALLOWED) == {r.route for r in reads if allowed(r)}
