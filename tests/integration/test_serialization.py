"""Events are stored in the library's format, and encrypted at rest when a key is set."""

import asyncio
from urllib.parse import urlsplit

import asyncpg
from eventsourcing.cryptography import AESCipher
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore

from immportal.adapters.postgres.mapper import create_mapper
from immportal.app.container import Runtime, open_runtime
from immportal.domain.actor import Actor, Role
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from testkit.support import TEST_CIPHER_KEY, make_settings

APPLICANT = Actor("applicant-serial", Role.APPLICANT)
SECRET = "Maria Sensitive-Surname"


def case_with_personal_data() -> Case:
    """A case whose events carry a name and an address."""
    case = Case.start(
        applicant_id=APPLICANT.user_id, form_type=FormType.N400, office="NYC", actor=APPLICANT
    )
    case.save_answers(APPLICANT, "about_you", {"full_name": SECRET})
    return case


def library_read(database_url: str, case_id: object) -> tuple[list[object], list[int]]:
    """Read a stream and the notification log with the library's own recorder."""
    url = urlsplit(database_url)
    datastore = PostgresDatastore(
        dbname=url.path.lstrip("/"),
        host=url.hostname or "127.0.0.1",
        port=url.port or 5432,
        user=url.username or "postgres",
        password=url.password or "",
    )
    try:
        recorder = PostgresApplicationRecorder(datastore, events_table_name="events")
        stored = recorder.select_events(case_id)  # type: ignore[arg-type]
        notifications = recorder.select_notifications(start=1, limit=100)
        mapper = create_mapper(TEST_CIPHER_KEY)  # what make_settings gives the runtime
        return [mapper.to_domain_event(s) for s in stored], [n.id for n in notifications]
    finally:
        datastore.close()


class TestLibraryCompatibility:
    """The events table keeps the columns of eventsourcing's PostgreSQL recorder."""

    async def test_library_recorder_reads_our_events(
        self, runtime: Runtime, database_url: str
    ) -> None:
        """Events written by our store come back equal through the library's recorder."""
        case = case_with_personal_data()
        written = case.collect_events()
        await runtime.store.append(written)
        events, positions = await asyncio.to_thread(library_read, database_url, case.id)
        assert list(written) == events
        assert positions == [1, 2]


class TestEncryptionAtRest:
    """With a cipher key, personal data never sits in the database in clear text."""

    async def test_state_is_ciphertext_and_decrypts(self, database_url: str) -> None:
        """The stored state hides the name; reading back through the store reveals it."""
        key = AESCipher.create_key(32)
        async with open_runtime(make_settings(database_url, cipher_key=key)) as runtime:
            case = case_with_personal_data()
            await runtime.store.append(case.collect_events())
            loaded = await runtime.cases.get(case.id)
        conn = await asyncpg.connect(database_url)
        try:
            states = [bytes(r["state"]) for r in await conn.fetch("SELECT state FROM events")]
        finally:
            await conn.close()
        assert loaded.answers["about_you"] == {"full_name": SECRET}
        assert not any(SECRET.encode() in state for state in states)
        assert not any(b"full_name" in state for state in states)

    async def test_without_key_state_is_plain_json(self, database_url: str) -> None:
        """Without a key (development mode only) the JSON is stored as is (the control case)."""
        settings = make_settings(database_url, cipher_key=None, dev=True)
        async with open_runtime(settings) as runtime:
            await runtime.store.append(case_with_personal_data().collect_events())
            row = await runtime.pool.fetchval(
                "SELECT state FROM events WHERE originator_version = 2"
            )
        assert SECRET.encode() in bytes(row)
