"""configure_logging: our events and the standard library's records as one redacted stream."""

import io
import json
import logging
from collections.abc import Iterator
from contextlib import redirect_stderr
from datetime import datetime, timedelta

import pytest
import structlog
from structlog.testing import capture_logs

from immportal.app.log_redaction import REDACTED
from immportal.app.logging_setup import ACCESS_LOG, NOISY_LIBRARIES, configure_logging

DSN = "postgresql://portal:s3cret-db-pass@db.internal/immportal"


@pytest.fixture(autouse=True)
def restored_logging() -> Iterator[None]:
    """Put the root logger, library levels and structlog back as they were."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    names = (*NOISY_LIBRARIES, ACCESS_LOG)
    levels = {name: logging.getLogger(name).level for name in names}
    try:
        yield
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
        for name, old in levels.items():
            logging.getLogger(name).setLevel(old)
        structlog.contextvars.clear_contextvars()
        structlog.reset_defaults()


def configured(level: str = "info", *, json: bool = True) -> io.StringIO:
    """Configure logging into a fresh buffer and return it."""
    stream = io.StringIO()
    configure_logging(level, json=json, stream=stream)
    return stream


def lines(stream: io.StringIO) -> list[dict[str, object]]:
    """The JSON objects written to the handler's stream, one per line."""
    return [json.loads(line) for line in stream.getvalue().splitlines()]


class TestJsonShape:
    """Every line is one JSON object with the event, level, logger name and a UTC timestamp."""

    def test_structlog_event(self) -> None:
        """Our own events name their module's logger and keep their key-value pairs."""
        stream = configured()
        structlog.get_logger("immportal.cases").info("case_submitted", case_id="c-1")
        (line,) = lines(stream)
        assert ("case_submitted", "info", "immportal.cases", "c-1") == (
            line["event"],
            line["level"],
            line["logger"],
            line["case_id"],
        )
        stamped = datetime.fromisoformat(str(line["timestamp"]))
        assert timedelta(0) == stamped.utcoffset()

    def test_library_record(self) -> None:
        """A standard-library record comes out in the same shape, its message formatted."""
        stream = configured()
        logging.getLogger("aio_pika.robust").warning("reconnecting in %d seconds", 5)
        (line,) = lines(stream)
        assert {"event", "level", "logger", "timestamp"} == set(line)
        assert ("reconnecting in 5 seconds", "warning", "aio_pika.robust") == (
            line["event"],
            line["level"],
            line["logger"],
        )
        datetime.fromisoformat(str(line["timestamp"]))

    def test_request_context_reaches_library_records(self) -> None:
        """Contextvars bound for a request appear on a library's record logged during it."""
        stream = configured()
        structlog.contextvars.bind_contextvars(request_id="req-42", actor="u-7")
        logging.getLogger("asyncpg.pool").error("connection lost")
        (line,) = lines(stream)
        assert ("req-42", "u-7") == (line["request_id"], line["actor"])

    def test_console_renderer(self) -> None:
        """json=False writes readable lines, redacted the same way."""
        stream = configured(json=False)
        logging.getLogger("asyncpg").warning("dsn %s", DSN)
        structlog.get_logger("immportal.t").info("signed_in", password="hunter2hunter2")
        output = stream.getvalue()
        assert 2 == len(output.splitlines())
        assert "s3cret-db-pass" not in output
        assert "hunter2hunter2" not in output
        assert 2 == output.count(REDACTED)


class TestLibraryRedaction:
    """Library records lose their secrets: in the message, the arguments or a traceback."""

    def test_credentials_in_a_url_argument(self) -> None:
        """A DSN passed as an argument loses its password and keeps the rest."""
        stream = configured()
        logging.getLogger("asyncpg").warning("dsn %s", DSN)
        (line,) = lines(stream)
        assert f"dsn postgresql://portal:{REDACTED}@db.internal/immportal" == line["event"]

    def test_secret_keys_in_a_mapping_argument(self) -> None:
        """A dict argument's password and token are hidden, in %s and in %(key)s form."""
        stream = configured("debug")
        logger = logging.getLogger("botocore.credentials")
        logger.info("found %s", {"password": "pw-one-1", "access_token": "tok-2", "user": "ana"})
        logger.info("with %(password)s for %(user)s", {"password": "pw-three-3", "user": "ana"})
        first, second = lines(stream)
        hidden = {"password": REDACTED, "access_token": REDACTED, "user": "ana"}
        assert f"found {hidden}" == first["event"]
        assert f"with {REDACTED} for ana" == second["event"]

    def test_headers_and_query_strings(self) -> None:
        """Authorization headers and link tokens in a message are hidden."""
        stream = configured("debug")
        logging.getLogger("aiohttp.client").info(
            "GET %s Authorization: Bearer abc.def.ghi", "/account/verify?token=link-tok-9&x=1"
        )
        (line,) = lines(stream)
        expected = f"GET /account/verify?token={REDACTED}&x=1 Authorization: {REDACTED}"
        assert expected == line["event"]

    def test_traceback_of_a_library_exception(self) -> None:
        """A logged exception keeps its traceback and loses the DSN its message quotes."""
        stream = configured()
        try:
            raise ConnectionRefusedError(f"cannot connect to {DSN}")
        except ConnectionRefusedError:
            logging.getLogger("asyncpg.connect_utils").exception("connect failed")
        (line,) = lines(stream)
        trace = str(line["exception"])
        assert ("connect failed", "error") == (line["event"], line["level"])
        assert trace.startswith("Traceback (most recent call last):")
        assert f"ConnectionRefusedError: cannot connect to postgresql://portal:{REDACTED}@" in trace
        assert "s3cret-db-pass" not in stream.getvalue()

    def test_traceback_of_our_exception(self) -> None:
        """log.exception from our code gets the same treatment."""
        stream = configured()
        try:
            raise RuntimeError("broker at amqp://guest:guest-pw-5@mq/ refused")
        except RuntimeError:
            structlog.get_logger("immportal.relay").exception("relay_failed")
        (line,) = lines(stream)
        assert "RuntimeError: broker at amqp://guest:" + REDACTED + "@mq/ refused" in str(
            line["exception"]
        )
        assert "guest-pw-5" not in stream.getvalue()


class TestIdempotent:
    """Configuring twice leaves one handler, so every record is written once."""

    def test_one_handler_one_line(self) -> None:
        """After two calls a record appears once, in the stream of the latest call."""
        first = configured()
        second = configured()
        logging.getLogger("aiobotocore").warning("slow")
        structlog.get_logger("immportal.t").info("once")
        formatters = [h.formatter for h in logging.getLogger().handlers]
        ours = [f for f in formatters if isinstance(f, structlog.stdlib.ProcessorFormatter)]
        assert ("", ["slow", "once"], 1) == (
            first.getvalue(),
            [line["event"] for line in lines(second)],
            len(ours),
        )

    def test_default_stream_follows_stderr(self) -> None:
        """Without a stream, lines go to sys.stderr as it is when they are written."""
        configure_logging("info")
        buffer = io.StringIO()
        with redirect_stderr(buffer):
            structlog.contextvars.bind_contextvars(request_id="abc123")
            structlog.get_logger("t").info("signed_in", password="correct horse battery")
        line = json.loads(buffer.getvalue())
        assert ("signed_in", "abc123", REDACTED) == (
            line["event"],
            line["request_id"],
            line["password"],
        )
        assert "correct horse" not in buffer.getvalue()

    def test_capture_logs_still_works(self) -> None:
        """Tests that capture structlog events see them after configuration."""
        stream = configured()
        with capture_logs() as captured:
            structlog.get_logger("immportal.t").info("captured", n=1)
        assert ([{"event": "captured", "n": 1, "log_level": "info"}], "") == (
            captured,
            stream.getvalue(),
        )


class TestLevels:
    """The level applies to our events and library records; noisy libraries wait for DEBUG."""

    def test_below_the_level_is_dropped(self) -> None:
        """At WARNING, info from structlog and the standard library is not written."""
        stream = configured("warning")
        structlog.get_logger("immportal.t").info("quiet")
        logging.getLogger("immportal.t").info("quiet too")
        logging.getLogger("asyncpg").warning("loud")
        structlog.get_logger("immportal.t").error("louder")
        assert [("loud", "warning"), ("louder", "error")] == [
            (line["event"], line["level"]) for line in lines(stream)
        ]

    def test_noisy_libraries_need_debug(self) -> None:
        """A library's info is dropped at INFO and written at DEBUG, unlike ours."""
        at_info = configured("info")
        logging.getLogger("aiormq.connection").info("channel opened")
        logging.getLogger("immportal.t").info("ours")
        at_debug = configured("debug")
        logging.getLogger("aiormq.connection").info("channel opened")
        structlog.get_logger("immportal.t").debug("detail")
        assert (["ours"], ["channel opened", "detail"]) == (
            [line["event"] for line in lines(at_info)],
            [line["event"] for line in lines(at_debug)],
        )

    def test_access_log_stays_off(self) -> None:
        """aiohttp's access log (query strings) is not written even at DEBUG."""
        stream = configured("debug")
        logging.getLogger(ACCESS_LOG).info('"GET /account/verify?token=x HTTP/1.1" 200')
        assert "" == stream.getvalue()
