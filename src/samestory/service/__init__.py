"""service stage: the HTTP service and its web page (``samestory serve``).

Needs ``pip install 'samestory[service]'`` (FastAPI, uvicorn); ``create_app`` says so when they
are missing. The page is plain HTML, CSS and JavaScript in ``static/``, served by the app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from samestory._optional import require

if TYPE_CHECKING:
    from fastapi import FastAPI

    from samestory.config import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    """The FastAPI application over ``settings`` (``samestory.service.app.create_app``)."""
    require("fastapi", pip="'samestory[service]'", purpose="the HTTP service")
    from samestory.service.app import create_app as create

    return create(settings)


__all__ = ["create_app"]
