"""Reading JSON request bodies into request models, and answering with response models."""

from collections.abc import Callable
from typing import Annotated, TypeVar
from uuid import UUID

from aiohttp import web
from pydantic import BaseModel, Field, ValidationError

from immportal.domain.catalogue import shown
from immportal.i18n import N_
from immportal.web.api.problems import ApiProblem

M = TypeVar("M", bound=BaseModel)
JSON_TYPE = "application/json"

Messages = Callable[[ValidationError], dict[str, str]]
IdempotencyKey = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z0-9_-]{16,100}$",
        description="A random key made once per intended action (16 to 100 letters, digits, "
        "_ or -): sending the same key again repeats nothing.",
    ),
]


# Pydantic's own words for the refusals a client meets most, marked so that a client
# asking for another language (Accept-Language) reads them in it.
PYDANTIC_MESSAGES = (
    N_("Field required"),
    N_("Extra inputs are not permitted"),
    N_("Input should be a valid string"),
    N_("Input should be a valid integer"),
    N_("Input should be a valid integer, unable to parse string as an integer"),
    N_("Input should be a valid boolean"),
    N_("Input should be a valid dictionary"),
    N_("Input should be a valid list"),
)


def field_messages(error: ValidationError) -> dict[str, str]:
    """One message per refused field (the first one found), nested names joined with dots,
    in the request's language."""
    found: dict[str, str] = {}
    for item in error.errors():
        name = ".".join(str(part) for part in item["loc"]) or "body"
        message = str(item["msg"]).removeprefix("Value error, ")
        found.setdefault(name, shown(message))
    return found


async def read_body(request: web.Request, model: type[M], messages: Messages = field_messages) -> M:
    """The JSON body as the model: 415 if not JSON, 400 if unreadable, 422 if refused."""
    if request.content_type != JSON_TYPE:
        raise ApiProblem(415)
    raw = await request.read()
    try:
        return model.model_validate_json(raw)
    except ValidationError as error:
        if any(item["type"] == "json_invalid" for item in error.errors()):
            raise ApiProblem(400, "The body is not valid JSON.") from None
        if any(item["type"] == "model_type" for item in error.errors()):
            raise ApiProblem(400, "The body must be a JSON object.") from None
        raise ApiProblem(422, errors=messages(error)) from None


def reply(
    body: BaseModel, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    """The model as a JSON response (fields left unset by the model are still sent)."""
    return web.Response(
        status=status, body=body.model_dump_json(), content_type=JSON_TYPE, headers=headers
    )


def path_uuid(request: web.Request, name: str) -> UUID:
    """An id from the URL; a malformed one is not found, like an unknown one."""
    try:
        return UUID(request.match_info[name])
    except ValueError:
        raise ApiProblem(404) from None
