"""`immportal cases`: paper intake prints the receipt number (and, asked, the access code)."""

import re
from uuid import UUID

from immportal.app.access_code_key import access_code_key
from immportal.app.container import Runtime
from immportal.domain.cases.access_code import access_code
from immportal.domain.cases.case import Case
from immportal.domain.cases.status import CaseStatus
from immportal.services.repository import Repository
from testkit.cli_support import run_cli as immportal
from testkit.support import TEST_CIPHER_KEY

RECEIVED = re.compile(r"Received I-90 (NBC\d{10}) \(case ([0-9a-f-]{36})\)\.")


async def run_cli(database_url: str, *args: str) -> tuple[int, str]:
    """Run `immportal` against the test's database; its exit code and output."""
    env = {
        "IMMPORTAL_DATABASE_URL": database_url,
        "IMMPORTAL_CIPHER_KEY": TEST_CIPHER_KEY,
        "IMMPORTAL_LOG_LEVEL": "warning",
    }
    result = await immportal(*args, env=env)
    return result.exit_code, result.stdout


PAPER = ("--form", "I-90", "--office", "NBC", "--fee-cents", "41500")
NAMES = ("--given-name", "Ada", "--family-name", "Okafor")


class TestReceivePaper:
    """Intake enters a paper filing from the command line."""

    async def test_received_accepted_with_code(self, runtime: Runtime, database_url: str) -> None:
        """The case is accepted with no account; the code printed is the case's own."""
        code, out = await run_cli(
            database_url, "cases", "receive-paper", *PAPER, *NAMES, "--show-code"
        )
        found = RECEIVED.search(out)
        assert (0, True) == (code, found is not None)
        assert found is not None
        number, case_id = found.group(1), UUID(found.group(2))
        case = await Repository(runtime.store).get(Case, case_id)
        assert (CaseStatus.ACCEPTED, number, "", 41_500) == (
            case.status,
            case.receipt_number,
            case.applicant_id,
            case.fee_paid_cents,
        )
        expected = access_code(access_code_key(runtime.settings), case_id)
        assert f"Online access code: {expected}" in out

    async def test_code_only_when_asked(self, database_url: str) -> None:
        """Without --show-code the output holds no access code."""
        code, out = await run_cli(database_url, "cases", "receive-paper", *PAPER, *NAMES)
        assert 0 == code
        assert "access code" not in out


class TestCardSteps:
    """Card steps name the case by receipt number and check what is typed."""

    async def test_unknown_receipt_number(self, database_url: str) -> None:
        """A number no case has is reported, and nothing is recorded."""
        code, out = await run_cli(database_url, "cases", "card-produced", "NBC2799999999")
        assert (1, "No case has the receipt number NBC2799999999.") == (code, out.strip())

    async def test_malformed_receipt_number(self, database_url: str) -> None:
        """A receipt number of the wrong shape is explained."""
        code, out = await run_cli(database_url, "cases", "card-mailed", "nope", "EJ123456785US")
        assert 2 == code
        assert "three letters followed by ten digits" in out
