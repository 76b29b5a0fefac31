"""The start-up check of the aiormq internals the batch publisher writes into."""

import asyncio
import dataclasses
import re
import tomllib
from collections import OrderedDict
from importlib.metadata import version
from pathlib import Path
from types import SimpleNamespace

import aiormq
import pytest
from packaging.requirements import Requirement
from packaging.version import Version
from pamqp.commands import Connection as ConnectionCommands

from immportal.adapters.rabbitmq.aiormq_internals import (
    PINNED_MINOR,
    AiormqInternalsChanged,
    check_aiormq_internals,
)

ROOT = Path(__file__).resolve().parents[3]
CHANNEL_STATE = (
    "number",
    "max_content_size",
    "delivery_tag",
    "confirmations",
    "write_queue",
    "create_future",
    "lock",
)


def real_channel() -> aiormq.Channel:
    """An aiormq channel as the installed release builds it, on a connection never opened."""
    connection = aiormq.Connection("amqp://guest:guest@127.0.0.1/")
    # What the broker's Connection.Tune would have set; the channel sizes bodies from it.
    connection.connection_tune = ConnectionCommands.Tune(frame_max=131_072)
    return aiormq.Channel(connection, 1, publisher_confirms=False)


def stand_in(*without: str) -> SimpleNamespace:
    """A channel-like object with every attribute the check asks for, minus `without`."""
    state: dict[str, object] = {
        "number": 1,
        "max_content_size": 131_064,
        "delivery_tag": 0,
        "confirmations": OrderedDict(),
        "write_queue": asyncio.Queue[object](),
        "create_future": lambda: None,
        "lock": asyncio.Lock(),
    }
    return SimpleNamespace(**{k: v for k, v in state.items() if k not in without})


@dataclasses.dataclass(frozen=True)
class FrameWithoutClose:
    """A ChannelFrame from a release that dropped the `should_close` field."""

    payload: bytes


class TestInstalledRelease:
    """The installed aiormq has everything the batch publisher writes into."""

    async def test_a_real_channel_passes(self) -> None:
        channel = real_channel()
        assert channel.number == 1
        check_aiormq_internals(channel)

    def test_a_complete_stand_in_passes(self) -> None:
        check_aiormq_internals(stand_in(), installed=f"{PINNED_MINOR}.9")


class TestChangedInternals:
    """Anything missing or changed stops start-up with an error naming it and the pinned minor."""

    @pytest.mark.parametrize("name", CHANNEL_STATE)
    def test_a_missing_attribute_is_named(self, name: str) -> None:
        with pytest.raises(AiormqInternalsChanged) as raised:
            check_aiormq_internals(stand_in(name), installed=f"{PINNED_MINOR}.4")
        message = str(raised.value)
        assert f"Channel.{name}" in message
        assert f"aiormq {PINNED_MINOR}.x" in message
        assert message.count("Channel.") == 1

    def test_an_attribute_of_another_kind_is_named(self) -> None:
        channel = stand_in()
        channel.delivery_tag = "0"
        with pytest.raises(AiormqInternalsChanged, match=r"Channel\.delivery_tag"):
            check_aiormq_internals(channel, installed=f"{PINNED_MINOR}.4")

    def test_a_frame_without_a_field_is_named(self) -> None:
        with pytest.raises(AiormqInternalsChanged, match=r"ChannelFrame\(should_close=\)"):
            check_aiormq_internals(
                stand_in(), frame_type=FrameWithoutClose, installed=f"{PINNED_MINOR}.4"
            )

    def test_another_release_is_refused(self) -> None:
        major, minor = PINNED_MINOR.split(".")
        newer = f"{major}.{int(minor) + 1}.0"
        with pytest.raises(AiormqInternalsChanged) as raised:
            check_aiormq_internals(stand_in(), installed=newer)
        assert f"release {newer}" in str(raised.value)
        assert f"aiormq {PINNED_MINOR}.x" in str(raised.value)


class TestPin:
    """pyproject.toml and both lock files keep aiormq on the minor release the check expects."""

    def test_pyproject_allows_only_the_checked_minor(self) -> None:
        with (ROOT / "pyproject.toml").open("rb") as file:
            dependencies = tomllib.load(file)["project"]["dependencies"]
        (pin,) = [Requirement(d) for d in dependencies if Requirement(d).name == "aiormq"]
        major, minor = (int(part) for part in PINNED_MINOR.split("."))
        assert pin.specifier.contains(version("aiormq"))
        assert not pin.specifier.contains(f"{major}.{minor + 1}.0")

    @pytest.mark.parametrize("lock", ["requirements/dev.txt", "requirements/main.txt"])
    def test_the_lock_pins_the_checked_minor(self, lock: str) -> None:
        found = re.search(r"^aiormq==(\S+)", (ROOT / lock).read_text(), re.MULTILINE)
        assert found is not None
        locked = Version(found.group(1))
        assert f"{locked.major}.{locked.minor}" == PINNED_MINOR
