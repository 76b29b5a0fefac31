"""Unit tests of the JSON API's edges: problem bodies, body messages, the document builder."""

import pytest
from aiohttp import web
from pydantic import BaseModel, ConfigDict, ValidationError

from immportal.web.api import OPERATIONS
from immportal.web.api.bodies import field_messages
from immportal.web.api.openapi import build_document
from immportal.web.api.operations import Operation
from immportal.web.api.problems import ApiProblem, problem


class Inner(BaseModel):
    """A nested request part."""

    model_config = ConfigDict(extra="forbid")

    count: int


class Outer(BaseModel):
    """A request with a nested part."""

    model_config = ConfigDict(extra="forbid")

    name: str
    inner: Inner


async def no_policy(_request: web.Request) -> web.Response:
    """A handler that forgot its @allow."""
    return web.Response()


class TestProblems:
    """Problems say the same thing whatever raised them."""

    def test_not_found_is_one_body(self) -> None:
        """Every 404 has the same type, title and detail: nothing tells cases apart."""
        assert problem(404) == ApiProblem(404).problem
        assert "urn:immportal:problem:not-found" == problem(404).type

    def test_errors_are_left_out_when_empty(self) -> None:
        """A problem without field messages has errors None (left out of the JSON)."""
        assert None is problem(409, "x").errors
        assert {"a": "b"} == problem(422, errors={"a": "b"}).errors


class TestFieldMessages:
    """Refused values become one message per field path."""

    def test_nested_and_extra_fields(self) -> None:
        """Nested names join with dots; unknown fields are named too."""
        with pytest.raises(ValidationError) as raised:
            Outer.model_validate({"inner": {"count": "many"}, "colour": "red"})
        messages = field_messages(raised.value)
        assert {"name", "inner.count", "colour"} == set(messages)


class TestDocumentBuilder:
    """The document comes from the operations alone."""

    def test_every_operation_once(self) -> None:
        """Each operation appears under its path and method with its id."""
        document = build_document(OPERATIONS, cookie_name="c", server_url="http://x")
        ids = [op["operationId"] for item in document["paths"].values() for op in item.values()]
        assert sorted(o.operation_id for o in OPERATIONS) == sorted(ids)

    def test_a_handler_without_policy_is_refused(self) -> None:
        """An operation whose handler declares no policy cannot be described."""
        stray = Operation("GET", "/api/v1/stray", no_policy, "stray", "Stray", "x", {200: None})
        with pytest.raises(TypeError):
            build_document([stray], cookie_name="c", server_url="http://x")
