"""The `immportal` command line's shape: its commands, their options and help, its usage errors."""

import re

import click
import pytest

from testkit.cli_support import invoke, parse_only, run_cli

COMMANDS = [
    "serve",
    "worker",
    "migrate",
    "projections",
    "audit",
    "integration",
    "deadletters",
    "demo",
    "users",
    "blobs",
    "appointments",
    "sandbox-payments",
    "maintenance",
    "backup",
    "cases",
]
"""The top-level commands, in the order the help lists them."""

SUBCOMMANDS = {
    "projections": ["status", "rebuild"],
    "audit": ["verify", "prove", "export", "new-key", "new-document-ca"],
    "integration": ["schemas"],
    "deadletters": ["list", "replay"],
    "demo": ["seed", "otp"],
    "users": ["create"],
    "blobs": ["sweep"],
    "appointments": ["generate"],
    "maintenance": ["purge"],
    "backup": ["verify"],
    "cases": ["receive-paper", "card-produced", "card-mailed", "card-returned"],
}

# Each command line: its help text, its options (in order) and its positional arguments.
SPEC: dict[tuple[str, ...], tuple[str, list[str], str]] = {
    ("serve",): (
        "web portal (and projection workers)",
        ["--host", "--port", "--dev", "--no-workers", "--processes"],
        "",
    ),
    ("worker",): (
        "background workers (projections by default)",
        [],
        "[KIND]...",
    ),
    ("migrate",): ("apply database migrations", [], ""),
    ("projections", "status"): ("position and lag of each projection", [], ""),
    ("projections", "rebuild"): ("rebuild one from zero", [], "NAME"),
    ("audit", "verify"): (
        "recompute the event hash chain (and check the log against a checkpoint)",
        ["--checkpoint", "--keys"],
        "",
    ),
    ("audit", "prove"): (
        "print an inclusion or consistency proof as JSON",
        ["--position", "--size", "--from", "--to"],
        "",
    ),
    ("audit", "export"): (
        "write one case's history to standard output",
        ["--case", "--format"],
        "",
    ),
    ("audit", "new-key"): (
        "add a checkpoint signing key to a keys file",
        ["--keys-file", "--name", "--valid-from"],
        "",
    ),
    ("audit", "new-document-ca"): (
        "make a CA and a document-signing certificate in a folder (local stacks, tests)",
        ["--folder"],
        "",
    ),
    ("integration", "schemas"): ("write the JSON schemas of the integration events", ["--out"], ""),
    ("deadletters", "list"): ("show parked messages", ["--consumer"], ""),
    ("deadletters", "replay"): ("retry them all", ["--consumer"], ""),
    ("demo", "seed"): ("create realistic cases (and, in dev mode, accounts)", ["--history"], ""),
    ("demo", "otp"): ("print a demo account's current code (dev mode)", [], "EMAIL"),
    ("users", "create"): (
        "create an account and email its one-time enrolment link",
        ["--role", "--email", "--name", "--office"],
        "",
    ),
    ("blobs", "sweep"): (
        "delete blobs whose upload event never arrived",
        ["--older-than", "--dry-run"],
        "",
    ),
    ("appointments", "generate"): (
        "add the slots of the coming days to every calendar (idempotent)",
        ["--days"],
        "",
    ),
    ("maintenance", "purge"): (
        "delete working state past its retention, in bounded batches",
        ["--batch-size"],
        "",
    ),
    ("backup", "verify"): (
        "restore a pg_dump into a new database and prove it complete",
        ["--dump", "--tools"],
        "",
    ),
    ("cases", "receive-paper"): (
        "enter a paid paper filing; prints its receipt number",
        ["--form", "--office", "--fee-cents", "--given-name", "--family-name", "--show-code"],
        "",
    ),
    ("cases", "card-produced"): (
        "record the card of an approved case produced",
        [],
        "RECEIPT_NUMBER",
    ),
    ("cases", "card-mailed"): (
        "record the card mailed with its USPS tracking number",
        [],
        "RECEIPT_NUMBER TRACKING_NUMBER",
    ),
    ("cases", "card-returned"): (
        "record the card returned undeliverable, with the reason",
        [],
        "RECEIPT_NUMBER REASON",
    ),
    ("sandbox-payments",): (
        "run the sandbox payment provider (set IMMPORTAL_PAYMENTS_URL to reach it)",
        ["--host", "--port"],
        "",
    ),
}

_OPTION = re.compile(r"^  (--[a-z-]+)", re.MULTILINE)
_LISTED = re.compile(r"^  ([a-z-]+)  ", re.MULTILINE)


def section(text: str, title: str) -> str:
    """The lines of one section of a help page (such as "Options:"), up to the next one."""
    return text.split(f"\n{title}\n", 1)[1].split("\n\n", 1)[0]


class TestCommandList:
    """`immportal --help` and each group's help list every command, in order, with its help."""

    def test_top_level(self) -> None:
        """Every command is listed under its one-line help, wrapped but never cut short."""
        ran = invoke(["--help"])
        listed = _LISTED.findall(section(ran.stdout, "Commands:"))
        flat = " ".join(ran.stdout.split())
        assert (0, COMMANDS) == (ran.exit_code, listed)
        assert ran.stdout.startswith("Usage: immportal [OPTIONS] COMMAND [ARGS]...")
        assert SPEC[("sandbox-payments",)][0] in flat

    @pytest.mark.parametrize("group", sorted(SUBCOMMANDS))
    def test_groups(self, group: str) -> None:
        """A group lists its commands in the order they were declared."""
        ran = invoke([group, "--help"])
        assert (0, SUBCOMMANDS[group]) == (
            ran.exit_code,
            _LISTED.findall(section(ran.stdout, "Commands:")),
        )

    def test_spec_covers_every_command(self) -> None:
        """The table below names every command there is, no more."""
        leaves = {(name,) for name in COMMANDS if name not in SUBCOMMANDS} | {
            (group, name) for group, names in SUBCOMMANDS.items() for name in names
        }
        assert leaves == set(SPEC)


class TestCommandHelp:
    """Each command's --help shows its help text, its arguments and the same options as ever."""

    @pytest.mark.parametrize("path", list(SPEC), ids=" ".join)
    def test_options(self, path: tuple[str, ...]) -> None:
        """The options, in order, then --help; the usage line names the positional arguments."""
        text, options, arguments = SPEC[path]
        ran = invoke([*path, "--help"])
        usage = " ".join(ran.stdout.split("\n\n", 1)[0].split())
        assert 0 == ran.exit_code
        assert [*options, "--help"] == _OPTION.findall(section(ran.stdout, "Options:"))
        assert f"Usage: immportal {' '.join(path)} [OPTIONS] {arguments}".strip() == usage
        assert text in " ".join(ran.stdout.split())


class TestUsageErrors:
    """What the command line cannot parse exits 2 with the usage, before anything runs."""

    def test_unknown_command(self) -> None:
        """An unknown command names itself and points to --help."""
        ran = invoke(["nope"])
        assert 2 == ran.exit_code
        assert ran.stderr.startswith("Usage: immportal [OPTIONS] COMMAND [ARGS]...")
        assert "Error: No such command 'nope'." in ran.stderr

    def test_unknown_subcommand(self) -> None:
        """The same inside a group, with the group's usage."""
        ran = invoke(["projections", "nope"])
        assert 2 == ran.exit_code
        assert ran.stderr.startswith("Usage: immportal projections [OPTIONS] COMMAND [ARGS]...")

    def test_bad_choice(self) -> None:
        """A role that cannot be created is refused with the ones that can."""
        ran = invoke(["users", "create", "--role", "king", "--email", "a@b.c", "--name", "A"])
        assert 2 == ran.exit_code
        assert "Invalid value for '--role': 'king' is not one of" in ran.stderr

    def test_missing_required_option(self) -> None:
        """`audit export` needs the case."""
        ran = invoke(["audit", "export"])
        assert (2, True) == (ran.exit_code, "Missing option '--case'" in ran.stderr)

    def test_bad_age(self) -> None:
        """An age the sweep cannot read is named in the error."""
        ran = invoke(["blobs", "sweep", "--older-than", "soon"])
        assert 2 == ran.exit_code
        assert "not an age like 30m, 1h or 2d: 'soon'" in ran.stderr


class TestCipherKeyProblem:
    """A missing cipher key outside dev mode is a configuration mistake, not a crash."""

    async def test_clear_message_and_exit_2(self) -> None:
        """The command says what is wrong on standard error and exits 2, before connecting."""
        env = {
            "IMMPORTAL_CIPHER_KEY": None,
            "IMMPORTAL_DEV": "false",
            # Nothing listens there: the key is checked before any connection.
            "IMMPORTAL_DATABASE_URL": "postgresql://nobody@127.0.0.1:9/none",
        }
        ran = await run_cli("audit", "verify", env=env)
        assert (2, "") == (ran.exit_code, ran.stdout)
        assert ran.stderr.startswith("immportal: IMMPORTAL_CIPHER_KEY is not set")


class TestParseOnly:
    """The tests' parser accepts what `immportal` accepts and refuses what it refuses."""

    def test_accepts_and_reads_a_line(self) -> None:
        """A valid line parses into the command's parameters, running nothing."""
        ctx = parse_only(["deadletters", "replay", "--consumer", "audit"])
        assert ("replay", {"consumer": "audit"}) == (ctx.info_name, ctx.params)

    @pytest.mark.parametrize(
        "line", [["nope"], ["users", "create"], ["blobs", "sweep", "--older-than", "soon"]]
    )
    def test_refuses(self, line: list[str]) -> None:
        """An unknown command, a missing option or a bad value is a usage error."""
        with pytest.raises(click.UsageError):
            parse_only(line)
