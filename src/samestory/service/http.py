"""HTTP plumbing of the service: JSON bodies as the CLI writes them, error bodies, the body limit,
the token check and the security headers."""

from __future__ import annotations

import hmac
import json
from typing import Any

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from samestory.errors import SamestoryError


class JSONOut(JSONResponse):
    """JSON as ``samestory ... --json`` writes it (``default=str``, non-ASCII kept), without the
    re-encoding pass FastAPI gives plain return values."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, default=str, separators=(",", ":")).encode("utf-8")


class HTTPError(SamestoryError):
    """An error answered with ``status`` and ``{"error": code, "message": ...}``."""

    def __init__(self, status: int, code: str, message: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.headers = headers


def error_response(
    status: int, code: str, message: str, *, details: list[dict[str, Any]] | None = None, headers=None
) -> JSONOut:
    body: dict[str, Any] = {"error": code, "message": message}
    if details is not None:
        body["details"] = details
    return JSONOut(body, status_code=status, headers=headers)


def check_token(expected: str | None, authorization: str | None) -> None:
    """Nothing when no token is configured or the ``Authorization: Bearer`` header carries it;
    else 401 (no credentials) or 403 (wrong ones)."""
    if expected is None:
        return
    if not authorization:
        raise HTTPError(
            401,
            "unauthorized",
            "this request writes: send Authorization: Bearer TOKEN",
            headers={"WWW-Authenticate": "Bearer"},
        )
    scheme, _, given = authorization.partition(" ")
    # compare_digest: the time taken does not tell how much of a guess was right
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise HTTPError(403, "forbidden", "the token is not valid")


class BodyLimit:
    """ASGI middleware: a request body over ``limit`` bytes is answered 413 before the app sees it.

    The body is read here (it is bounded), so a sender that declares no length or a false one is
    stopped as soon as it passes the limit too.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            size += len(body)
            if size > self.limit:
                await self._refuse(scope, receive, send)
                return
            chunks.append(body)
            if not message.get("more_body", False):
                break
        whole: Message | None = {"type": "http.request", "body": b"".join(chunks), "more_body": False}

        async def replay() -> Message:
            nonlocal whole
            if whole is not None:
                message, whole = whole, None
                return message
            return await receive()  # after the body: wait for the disconnect, as the server would

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        resp = error_response(
            413,
            "too-large",
            f"the request body is over the limit of {self.limit:,} bytes",
            headers={"Connection": "close"},
        )
        await resp(scope, receive, send)


# The page builds its DOM itself from same-origin scripts and styles: nothing inline, nothing remote
_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


class SecurityHeaders:
    """ASGI middleware adding a content security policy and no-sniffing to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", _CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                ]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
