"""`immportal audit export` prints one case's history as JSON Lines or CSV."""

import csv
import io
import json
from uuid import uuid4

from immportal.app.container import Runtime
from immportal.domain.actor import Actor, Role
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from testkit.cli_support import run_cli as immportal
from testkit.support import TEST_CIPHER_KEY

APPLICANT = Actor("applicant-cli-export", Role.APPLICANT)


async def run_cli(database_url: str, *args: str) -> tuple[int, str, str]:
    """Run `immportal` against the test's database; its exit code, output and errors."""
    env = {
        "IMMPORTAL_DATABASE_URL": database_url,
        "IMMPORTAL_CIPHER_KEY": TEST_CIPHER_KEY,
        "IMMPORTAL_LOG_LEVEL": "warning",
    }
    result = await immportal(*args, env=env)
    return result.exit_code, result.stdout, result.stderr


class TestAuditExport:
    """The export command writes the history auditors download from the pages."""

    async def test_jsonl_and_csv(self, runtime: Runtime, database_url: str) -> None:
        """Four events with their types; the CSV has the same rows, its formulas quoted."""
        case = Case.start(
            applicant_id=APPLICANT.user_id, form_type=FormType.I90, office="NBC", actor=APPLICANT
        )
        case.save_answers(APPLICANT, "about_you", {"family_name": "Doe"})
        case.submit(APPLICANT, fee_cents=46_500)
        case.withdraw(APPLICANT, "=Changed my mind")
        await runtime.store.append(case.collect_events())
        case_id = str(case.id)

        code, out, _ = await run_cli(database_url, "audit", "export", "--case", case_id)
        csv_code, csv_out, _ = await run_cli(
            database_url, "audit", "export", "--case", case_id, "--format", "csv"
        )
        lines = [json.loads(line) for line in out.splitlines()]
        rows = list(csv.DictReader(io.StringIO(csv_out)))

        assert (0, 0) == (code, csv_code)
        assert ["Started", "AnswersSaved", "Submitted", "Withdrawn"] == [
            x["event_type"] for x in lines
        ]
        assert [x["position"] for x in lines] == [int(r["position"]) for r in rows]
        assert "'=Changed my mind" == rows[3]["reason"]

    async def test_unknown_case(self, runtime: Runtime, database_url: str) -> None:
        """A case that does not exist: exit 1 and say so."""
        code, out, err = await run_cli(database_url, "audit", "export", "--case", str(uuid4()))
        assert (1, "") == (code, out)
        assert "no case" in err
