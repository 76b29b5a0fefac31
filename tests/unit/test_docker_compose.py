"""The compose stack stays in step with the code: real settings, every worker, every command."""

from pathlib import Path
from typing import Any

import yaml

from immportal.app.workers import ALL_KINDS
from immportal.settings import Settings
from testkit.cli_support import parse_only

COMPOSE = Path(__file__).parents[2] / "docker" / "compose.yaml"


def services() -> dict[str, Any]:
    """The compose file's services, anchors resolved."""
    found: dict[str, Any] = yaml.safe_load(COMPOSE.read_text())["services"]
    return found


def immportal_commands() -> list[list[str]]:
    """Every `immportal ...` command line the stack runs."""
    lines = []
    for service in services().values():
        command = service.get("command")
        if isinstance(command, list) and command[:1] == ["immportal"]:
            lines.append(command[1:])
        elif isinstance(command, list) and command[:2] == ["sh", "-c"]:
            for part in command[2].split("&&"):
                words = part.split()
                if words[:1] == ["immportal"]:
                    lines.append(words[1:])
    return lines


class TestComposeStack:
    """What the stack sets and runs exists in the portal."""

    def test_every_setting_is_real(self) -> None:
        """Each IMMPORTAL_ variable names a setting (a typo would be silently ignored)."""
        names = {
            key.removeprefix("IMMPORTAL_").lower()
            for service in services().values()
            for key in (service.get("environment") or {})
            if key.startswith("IMMPORTAL_")
        }
        assert set() == names - set(Settings.model_fields)

    def test_every_command_parses(self) -> None:
        """Each immportal command line is one the command-line parser accepts."""
        for line in immportal_commands():
            parse_only(line)
        assert len(immportal_commands()) >= 5

    def test_the_worker_runs_every_kind(self) -> None:
        """No background job is left out of the stack."""
        worker = services()["worker"]["command"]
        assert set(ALL_KINDS) == set(worker[2:])

    def test_web_and_worker_share_the_stack_settings(self) -> None:
        """Both read events with the same key and store blobs in the same place."""
        web, worker = services()["web"]["environment"], services()["worker"]["environment"]
        for name in ("IMMPORTAL_CIPHER_KEY", "IMMPORTAL_S3_BUCKET", "IMMPORTAL_DATABASE_URL"):
            assert web[name] == worker[name]
