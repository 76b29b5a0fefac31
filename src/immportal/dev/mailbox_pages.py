"""Development-only mailbox pages: the mails the embedded mailer wrote, newest first."""

from pathlib import Path

from aiohttp import web

from immportal.adapters.mail.mailbox import read_mail, read_mailbox
from immportal.web.policy import DEV_ONLY, allow
from immportal.web.rendering import render

MAILBOX_FOLDER = web.AppKey("mailbox_folder", Path)

# A listing parses every file it shows; a long-lived dev mailbox needs a cap.
LIST_LIMIT = 200


@allow(DEV_ONLY)
async def mailbox_list(request: web.Request) -> web.Response:
    """Every mail in the local mailbox, newest first."""
    mails = await read_mailbox(request.app[MAILBOX_FOLDER], limit=LIST_LIMIT)
    return render(
        "mailbox/index.html", request, {"title": "Mailbox", "mails": mails, "limit": LIST_LIMIT}
    )


@allow(DEV_ONLY)
async def mailbox_mail(request: web.Request) -> web.Response:
    """One mail: its headers and its plain-text body."""
    mail = await read_mail(request.app[MAILBOX_FOLDER], request.match_info["name"])
    return render("mailbox/mail.html", request, {"mail": mail})


def add_mailbox_routes(app: web.Application, folder: Path) -> None:
    """Register the mailbox pages, reading mails from `folder`."""
    app[MAILBOX_FOLDER] = folder
    app.router.add_get("/dev/mailbox", mailbox_list)
    app.router.add_get("/dev/mailbox/{name}", mailbox_mail)
