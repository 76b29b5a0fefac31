"""A full run of `immportal serve` writes no password, code, token or key to its output."""

import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote_plus, urlsplit
from uuid import uuid4

import aiohttp
import pyotp
import pytest
from eventsourcing.cryptography import AESCipher

from testkit.checkpoint_keys import checkpoint_keys_file, fixed_signing_key
from testkit.flow_support import Browser, Page, mailed_links, serving
from testkit.mail_support import mail_arrives
from testkit.signing_files import signing_env

NAME = "Ana Lopez"
KEY = re.compile(r'id="totp-key"[^>]*>([^<]+)<')
RECOVERY_CODE = re.compile(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b")
TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)?")
# Liveness polls are not part of the walk; every other request must be logged.
PROBES = {"/readyz", "/healthz"}
# What a walk cannot finish without seeing; none may be missing from the check.
MET_ON_THE_WAY = ("totp key", "totp code", "recovery code", "link token", "session cookie")


@dataclass
class Secrets:
    """Every secret the walk typed, was shown or was sent, by what it is."""

    found: dict[str, set[str]] = field(default_factory=dict)

    def add(self, label: str, *values: str) -> None:
        """Remember values (and their spellings) that must never be logged."""
        self.found.setdefault(label, set()).update(v for v in values if v)

    def leaked_into(self, output: str) -> dict[str, str]:
        """The secrets that occur in `output`, ignoring case; short digit codes whole only."""
        text = output.lower()
        # A six-digit code could match a timestamp's microseconds by chance; drop those.
        digits_only = TIMESTAMP.sub(" ", text)
        leaks = {}
        for label, values in self.found.items():
            for value in values:
                if value.isdigit():
                    hit = re.search(rf"(?<!\d){value}(?!\d)", digits_only) is not None
                else:
                    hit = value.lower() in text
                if hit:
                    leaks[label] = value
        return leaks


def spellings(code: str) -> list[str]:
    """A code as shown, without dashes and spaces, and as a form would encode it."""
    bare = code.replace("-", "").replace(" ", "")
    return [code, bare, quote_plus(code)]


def totp_code(secret: str, steps_ahead: int = 0) -> str:
    """The app's code for now, or for a later step that is still unused."""
    return pyotp.TOTP(secret).at(time.time() + 30 * steps_ahead)


@dataclass
class Walk:
    """One person using the portal from sign-up to a reset, noting what was secret."""

    browser: Browser
    mailbox: Path
    secrets: Secrets
    email: str = field(default_factory=lambda: f"ana.{uuid4().hex[:10]}@example.com")
    # Random words make every password unique, so a match in the logs is no coincidence.
    password: str = field(default_factory=lambda: f"violet tractor {uuid4().hex[:10]} lanterns")
    new_password: str = field(default_factory=lambda: f"copper kettle {uuid4().hex[:10]} meadow")

    async def sign_up(self) -> tuple[str, list[str]]:
        """Create, confirm, sign in and set up the app; return its key and the recovery codes."""
        form = {"full_name": NAME, "email": self.email, "password": self.password}
        created = await self.browser.submit("/account/create", "/account/create", form)
        assert (303, "/account/create/check-email") == created.moved
        (link,) = await mailed_links(self.mailbox, self.email)
        opened = await self.browser.get(link)
        form = {"token": opened.inputs["token"]}
        confirmed = await self.browser.post("/account/verify", form, opened.inputs["csrf_token"])
        assert (303, "/account/verify/done") == confirmed.moved

        signed = await self.sign_in(self.password)
        assert "/account/authenticator" == signed.location
        setup = await self.browser.get("/account/authenticator")
        found = KEY.search(setup.html)
        assert found, "the set-up page shows no key"
        shown = found.group(1).strip()
        key = shown.replace(" ", "")
        self.secrets.add("totp key", *spellings(shown))
        code = self.code(key)
        activated = await self.browser.post(
            "/account/authenticator", {"code": code}, setup.inputs["csrf_token"]
        )
        assert (303, "/account/recovery-codes") == activated.moved

        shown_codes = await self.browser.get("/account/recovery-codes")
        codes = RECOVERY_CODE.findall(shown_codes.html)
        assert 10 == len(set(codes))
        for recovery in codes:
            self.secrets.add("recovery code", *spellings(recovery))
        kept = await self.browser.post(
            "/account/recovery-codes", {}, shown_codes.inputs["csrf_token"]
        )
        assert (303, "/account") == kept.moved
        return key, codes

    async def sign_in(self, password: str) -> Page:
        """Send the email and a password."""
        form = {"email": self.email, "password": password}
        return await self.browser.submit("/sign-in", "/sign-in", form)

    async def enter_code(self, code: str) -> Page:
        """Send a security or recovery code on the code page."""
        return await self.browser.submit("/sign-in/code", "/sign-in/code", {"code": code})

    async def sign_out(self, from_page: str) -> None:
        """Press "Sign out" on a page that offers it."""
        out = await self.browser.submit(from_page, "/sign-out", {})
        assert (303, "/sign-in?done=signed-out") == (out.status, out.location)

    def code(self, key: str, steps_ahead: int = 0) -> str:
        """The app's code, remembered as a secret."""
        code = totp_code(key, steps_ahead)
        self.secrets.add("totp code", code)
        return code

    async def reset_password(self) -> None:
        """Ask for a link, follow it and choose the new password."""
        sent = await self.browser.submit(
            "/account/forgot", "/account/forgot", {"email": self.email}
        )
        assert 200 == sent.status
        # The link is mailed after the answer: wait for it as for any mail.
        await mail_arrives(self.mailbox, "Reset your password", to=self.email)
        link = [x for x in await mailed_links(self.mailbox, self.email) if "/account/reset" in x]
        opened = await self.browser.get(link[-1])
        form = {
            "token": opened.inputs["token"],
            "password": self.new_password,
            "password_confirm": self.new_password,
        }
        done = await self.browser.post("/account/reset", form, opened.inputs["csrf_token"])
        assert 200 == done.status


async def walk_everything(walk: Walk) -> None:
    """Sign up, sign in with a code, fail twice, reset, sign in with a recovery code."""
    key, codes = await walk.sign_up()
    await walk.sign_out("/account")

    assert "/sign-in/code" == (await walk.sign_in(walk.password)).location
    code = walk.code(key, steps_ahead=1)
    assert (303, "/cases") == (await walk.enter_code(code)).moved
    await walk.sign_out("/account")

    assert 422 == (await walk.sign_in(f"wrong {walk.password}")).status
    assert "/sign-in/code" == (await walk.sign_in(walk.password)).location
    assert 422 == (await walk.enter_code(code)).status
    await walk.sign_out("/sign-in/code")

    await walk.reset_password()
    assert "/sign-in/code" == (await walk.sign_in(walk.new_password)).location
    assert (303, "/cases") == (await walk.enter_code(codes[0])).moved
    assert 200 == (await walk.browser.get("/account")).status
    await walk.sign_out("/account")


def log_lines(output: str) -> list[dict[str, object]]:
    """The JSON log lines of the output (the start-up banner is plain text)."""
    lines = []
    for line in output.splitlines():
        try:
            parsed = json.loads(line)
        except ValueError:
            continue
        if isinstance(parsed, dict):
            lines.append(parsed)
    return lines


@pytest.fixture
def cipher_key() -> str:
    """A fresh AES key for the event payloads: one more secret the logs must not show."""
    return AESCipher.create_key(32)


# Asyncio debug mode (PYTHONASYNCIODEBUG=1 or `python -X dev`) makes aiohttp's run_app
# switch on its access log, whose request lines carry the query: `/account/verify?token=`.
class TestFullRunLogs:
    """Everything a person does is logged, and none of their secrets is."""

    @pytest.mark.parametrize(
        "python_env",
        [
            pytest.param({}, id="plain"),
            # Debug mode turns on aiohttp's own access log unless we switch it off.
            pytest.param({"PYTHONASYNCIODEBUG": "1"}, id="asyncio-debug"),
        ],
    )
    async def test_no_secret_appears_in_output(
        self, database_url: str, tmp_path: Path, cipher_key: str, python_env: dict[str, str]
    ) -> None:
        """A whole sign-up, sign-in and reset run logs each request and step, and no secret."""
        env = {
            "IMMPORTAL_DATABASE_URL": database_url,
            "IMMPORTAL_LOG_LEVEL": "debug",
            "IMMPORTAL_CIPHER_KEY": cipher_key,
            "IMMPORTAL_CHECKPOINT_KEY_FILE": str(checkpoint_keys_file()),
            # Production mode with the stand-ins it refuses unless told: the run reads
            # the mailbox and pays in the sandbox.
            "IMMPORTAL_ALLOW_SANDBOX_PAYMENTS": "true",
            "IMMPORTAL_ALLOW_UNSCANNED_UPLOADS": "true",
            "IMMPORTAL_ALLOW_LOCAL_MAILBOX": "true",
            **signing_env(),
            **python_env,
        }
        secrets = Secrets()
        async with serving(tmp_path, env) as server:
            jar = aiohttp.CookieJar(unsafe=True)
            async with aiohttp.ClientSession(cookie_jar=jar) as client:
                browser = Browser(client, server.url)
                walk = Walk(browser, tmp_path / "mailbox", secrets)
                await walk_everything(walk)
                # The last sign-in spends a recovery code: wait for its security email.
                await mail_arrives(walk.mailbox, "A recovery code was used to sign in")
        output = server.output()

        secrets.add("password", *spellings(walk.password), *spellings(walk.new_password))
        secrets.add("cipher key", cipher_key, quote_plus(cipher_key))
        secrets.add("checkpoint key", fixed_signing_key().line().split()[0].split("+", 4)[4])
        secrets.add("database password", urlsplit(database_url).password or "")
        secrets.add("session cookie", *browser.cookies)
        secrets.add("csrf token", *browser.csrf_tokens)
        for link in await mailed_links(tmp_path / "mailbox", walk.email):
            for token in re.findall(r"token=([^&\s]+)", link):
                secrets.add("link token", token)
        lines = log_lines(output)
        logged = [
            (str(line["method"]), str(line["path"]), int(str(line["status"])))
            for line in lines
            if line.get("event") == "request" and line.get("path") not in PROBES
        ]
        steps = Counter(str(line.get("event")) for line in lines)

        expected_steps = {
            "account_created": 1,
            "verification_link_sent": 1,
            "email_verified": 1,
            # verification, reset link, password changed, recovery code used
            "mail_stored": 4,
            "password_checked": 4,
            "signed_in": 3,
            "signed_out": 4,
            "password_reset_requested": 1,
            "password_reset": 1,
            "sessions_ended_after_reset": 1,
        }

        assert 0 == server.returncode, output[-2000:]
        assert browser.requests == logged
        assert expected_steps == {name: steps[name] for name in expected_steps}
        assert [] == [
            label for label in (*MET_ON_THE_WAY, "csrf token") if not secrets.found[label]
        ]
        assert {} == secrets.leaked_into(output)
        # At DEBUG the libraries' own records (asyncio, asyncpg, aiohttp, aio-pika) are in
        # the output the leak check reads, as JSON lines from the same formatter.
        selector = [line for line in lines if line.get("logger") == "asyncio"][:1]
        assert [("debug", True)] == [
            (line["level"], str(line["event"]).startswith("Using selector")) for line in selector
        ]
        assert [] == [raw for raw in output.splitlines() if raw.startswith("Traceback")]
