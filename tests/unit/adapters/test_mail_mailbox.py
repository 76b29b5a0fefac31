"""MailboxMailer writes .eml files; read_mailbox and read_mail read them back safely."""

import os
from email import policy
from email.parser import BytesParser
from pathlib import Path
from uuid import uuid4

import pytest

from immportal.adapters.mail.mailbox import MailboxMailer, read_mail, read_mailbox
from immportal.errors import NotFound
from immportal.services.notifications.ports import Email

SENDER = "immportal <no-reply@immportal.example>"


def new_email(subject: str = "Your receipt notice", text: str = "Hello Ana.\n") -> Email:
    """An email with an id no other test uses."""
    return Email(f"mail-{uuid4().hex[:12]}", "ana@example.org", subject, text)


def files_in(folder: Path) -> list[Path]:
    """The files in a folder (a test may block the loop; the adapter may not)."""
    return list(folder.iterdir())


class TestWriteAndRead:
    """What is sent is what the mailbox shows."""

    async def test_reads_back_what_was_sent(self, tmp_path: Path) -> None:
        """One mail sent is one mail listed, with its id, addresses, subject and text."""
        email = new_email(subject="Recibimos su solicitud", text="Hola Ana,\nárbol — ü.\n")

        await MailboxMailer(tmp_path, SENDER).send(email)
        [mail] = await read_mailbox(tmp_path)

        expected = (
            f"<{email.message_id}@immportal.example>",
            SENDER,
            email.to,
            email.subject,
            email.text,
        )
        assert expected == (mail.message_id, mail.sender, mail.to, mail.subject, mail.text)
        assert mail.date is not None
        assert mail == await read_mail(tmp_path, mail.name)

    async def test_newest_first(self, tmp_path: Path) -> None:
        """The listing puts the mail sent last at the top."""
        mailer = MailboxMailer(tmp_path)
        for subject in ["first", "second", "third"]:
            await mailer.send(new_email(subject=subject))

        assert ["third", "second", "first"] == [m.subject for m in await read_mailbox(tmp_path)]

    async def test_limit(self, tmp_path: Path) -> None:
        """With a limit only the newest mails are read."""
        mailer = MailboxMailer(tmp_path)
        for subject in ["first", "second", "third"]:
            await mailer.send(new_email(subject=subject))

        mails = await read_mailbox(tmp_path, limit=2)

        assert ["third", "second"] == [m.subject for m in mails]

    async def test_same_message_id_is_written_twice(self, tmp_path: Path) -> None:
        """A repeat of one Message-ID is kept as a second mail, as a server would receive it."""
        email = new_email()
        mailer = MailboxMailer(tmp_path)

        await mailer.send(email)
        await mailer.send(email)
        mails = await read_mailbox(tmp_path)

        assert [email.message_id] * 2 == [m.message_id.strip("<>").split("@")[0] for m in mails]
        assert 2 == len({m.name for m in mails})

    async def test_missing_folder_is_an_empty_mailbox(self, tmp_path: Path) -> None:
        """Before any mail was sent the mailbox is empty, not an error."""
        assert [] == await read_mailbox(tmp_path / "never-created")


class TestFiles:
    """Each mail is one complete RFC 5322 file; nothing half-written is left."""

    async def test_file_is_a_parseable_message(self, tmp_path: Path) -> None:
        """The file parses as an email with the right Message-ID and CRLF line ends."""
        email = new_email()

        await MailboxMailer(tmp_path).send(email)
        [path] = files_in(tmp_path)
        raw = path.read_bytes()
        message = BytesParser(policy=policy.default).parsebytes(raw)

        assert f"<{email.message_id}@immportal.example>" == message["Message-ID"]
        assert path.name.endswith(".eml")
        assert raw.count(b"\n") == raw.count(b"\r\n")

    async def test_no_temporary_files_remain(self, tmp_path: Path) -> None:
        """After sending, the folder holds only .eml files."""
        mailer = MailboxMailer(tmp_path)
        for _ in range(3):
            await mailer.send(new_email())

        assert {".eml"} == {p.suffix for p in files_in(tmp_path)}

    async def test_other_files_are_not_listed(self, tmp_path: Path) -> None:
        """Hidden files, temporary files and other names in the folder are ignored."""
        (tmp_path / ".half-written.tmp").write_bytes(b"Subject: no\r\n\r\n")
        (tmp_path / "notes.txt").write_text("not a mail")

        assert [] == await read_mailbox(tmp_path)


class TestReadMailRefusesOtherFiles:
    """read_mail opens only a mail file directly inside the mailbox folder."""

    @pytest.mark.parametrize(
        "name",
        ["", ".", "..", "../secret.eml", "..%2Fsecret.eml", "sub/x.eml", "/etc/passwd", ".x.eml"],
    )
    async def test_unsafe_names_are_not_found(self, tmp_path: Path, name: str) -> None:
        """Names with separators, dots up the tree or a leading dot are simply not found."""
        box = tmp_path / "box"
        await MailboxMailer(box).send(new_email())
        (tmp_path / "secret.eml").write_bytes(b"Subject: secret\r\n\r\nsecret\r\n")

        with pytest.raises(NotFound):
            await read_mail(box, name)

    async def test_absolute_path_is_not_found(self, tmp_path: Path) -> None:
        """An absolute path to a real mail file outside the folder is not found."""
        box = tmp_path / "box"
        await MailboxMailer(tmp_path / "elsewhere").send(new_email())
        [outside] = files_in(tmp_path / "elsewhere")

        with pytest.raises(NotFound):
            await read_mail(box, str(outside))

    async def test_symlink_out_of_the_folder_is_not_found(self, tmp_path: Path) -> None:
        """A link inside the folder that points elsewhere is not followed."""
        box = tmp_path / "box"
        box.mkdir()
        (tmp_path / "secret.eml").write_bytes(b"Subject: secret\r\n\r\nsecret\r\n")
        os.symlink(tmp_path / "secret.eml", box / "1-link.eml")

        with pytest.raises(NotFound):
            await read_mail(box, "1-link.eml")

    async def test_unknown_mail_is_not_found(self, tmp_path: Path) -> None:
        """A well-formed name that is not in the folder is not found."""
        with pytest.raises(NotFound):
            await read_mail(tmp_path, "00000000000000000000-deadbeef-x.eml")
