"""The FastAPI application: compare and align articles, store them, browse stories; and the page.

``create_app(settings)`` builds it; ``samestory serve`` runs it on uvicorn. Work runs off the
event loop (``Engine``), answers are the CLI's JSON, and every error is JSON with a message.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import AsyncIterator
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Body, FastAPI, Query, Request, Security
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

import samestory
from samestory.config import Settings
from samestory.errors import ConfigError, InputError, MissingDependencyError, StoreError
from samestory.ingest.article import Article
from samestory.service import models as m
from samestory.service import views
from samestory.service.articles import article_dict, read_article, summary_dict
from samestory.service.engine import Busy, Engine, TimedOut
from samestory.service.http import BodyLimit, HTTPError, JSONOut, SecurityHeaders, check_token, error_response
from samestory.service.ingest import store_articles
from samestory.store.base import Store

log = logging.getLogger(__name__)

DESCRIPTION = """\
Tell which news articles tell the same story, and how. Scores use the SemEval-2022 Task 8 scale:
1 = most similar ... 4 = least similar. An article in a request is its fields (`text` required),
`raw` file contents read as the plain-text reader reads a file, `raw_base64` file bytes, or the
`article_id` of a stored article. Errors are JSON `{"error", "message"}`: 413 for a body over the
limit, 422 for invalid input, 401/403 for a write without the configured token, 503 when too many
comparisons are queued, 504 past the time limit."""

# how the spec describes the token; the check itself is check_token's (401 and 403 told apart)
_BEARER = HTTPBearer(auto_error=False, description="the token of `samestory serve --token` (writes only)")
_INVALID = {422: {"model": m.ErrorOut, "description": "invalid input (the message says what)"}}
_WORK = {
    **_INVALID,
    413: {"model": m.ErrorOut, "description": "the body is over [service] max_body_bytes"},
    503: {"model": m.ErrorOut, "description": "too many comparisons queued: retry later"},
    504: {"model": m.ErrorOut, "description": "over [service] time_limit"},
}
_NOT_FOUND = {404: {"model": m.ErrorOut, "description": "no such id"}, **_INVALID}
_STATUS_CODES = {400: "bad-request", 404: "not-found", 405: "method-not-allowed", 413: "too-large"}


def _static() -> Path:
    return Path(str(resources.files("samestory.service").joinpath("static")))


def _engine(request: Request) -> Engine:
    return request.app.state.engine


def _stored_ids(*items: m.ArticleIn) -> list[int]:
    return [i.article_id for i in items if i.article_id is not None]


async def _fetch_stored(engine: Engine, *items: m.ArticleIn) -> dict[int, Any]:
    ids = _stored_ids(*items)
    return await engine.with_store(lambda s: s.get_many(ids)) if ids else {}


def create_app(settings: Settings | None = None) -> FastAPI:
    """The service over ``settings.store`` with ``settings.service``'s limits."""
    settings = settings or Settings()
    cfg = settings.service

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = Engine(settings)
        try:
            await asyncio.to_thread(engine.open)
            if cfg.preload:
                await asyncio.to_thread(engine.warm_up)
            app.state.engine = engine
            yield
        finally:
            await asyncio.to_thread(engine.close)

    app = FastAPI(
        title="samestory",
        version=samestory.__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # the interactive docs load scripts from a CDN; /openapi.json is served
        redoc_url=None,
        default_response_class=JSONOut,
    )
    app.add_middleware(BodyLimit, limit=cfg.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    _errors(app)

    # -- the page ---------------------------------------------------------------------------------
    @app.get("/", include_in_schema=False)
    async def page() -> FileResponse:
        return FileResponse(_static() / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=_static()), name="static")

    # -- comparing --------------------------------------------------------------------------------
    @app.post(
        "/compare", response_model=m.CompareOut, tags=["compare"], summary="Compare two articles", responses=_WORK
    )
    async def compare(request: Request, pair: m.PairIn, texts: bool = False) -> JSONOut:
        """Same story? The seven dimensions, the evidence and the reused passages: exactly
        `samestory compare --json`. With `texts=true` also the clean texts the offsets index."""
        engine = _engine(request)
        stored = await _fetch_stored(engine, pair.a, pair.b)

        def run() -> dict[str, Any]:
            a, b = _pair(pair, stored)
            out = engine.samestory.compare(a, b).to_dict(a.text, b.text)  # what the CLI prints
            if texts:
                out["texts"] = {"a": a.text, "b": b.text}
            return out

        return JSONOut(await engine.compute(run))

    @app.post(
        "/align",
        response_model=m.AlignOut,
        tags=["compare"],
        summary="Reused passages of two articles",
        responses=_WORK,
    )
    async def align(request: Request, pair: m.PairIn, texts: bool = False) -> JSONOut:
        """Shared passages with their edits, unshared sentences, the derivation class of each
        article and the likely source with its reasons: exactly `samestory align --json`."""
        engine = _engine(request)
        stored = await _fetch_stored(engine, pair.a, pair.b)

        def run() -> dict[str, Any]:
            a, b = _pair(pair, stored)
            out = engine.samestory.align(a, b).to_dict(a.text, b.text)
            if texts:
                out["texts"] = {"a": a.text, "b": b.text}
            return out

        return JSONOut(await engine.compute(run))

    def _pair(pair: m.PairIn, stored: dict[int, Any]) -> tuple[Article, Article]:
        return (
            read_article(pair.a, "a", settings.ingest, stored),
            read_article(pair.b, "b", settings.ingest, stored),
        )

    # -- articles ---------------------------------------------------------------------------------
    @app.post(
        "/articles",
        response_model=m.IngestOut,
        status_code=201,
        tags=["store"],
        summary="Store one or many articles",
        responses={
            200: {"model": m.IngestOut, "description": "every article was stored already"},
            401: {"model": m.ErrorOut, "description": "no token, and the server has one"},
            403: {"model": m.ErrorOut, "description": "a wrong token"},
            **_WORK,
        },
    )
    async def add_articles(
        request: Request,
        body: Annotated[m.ArticleIn | list[m.ArticleIn], Body()],
        _credentials: Annotated[HTTPAuthorizationCredentials | None, Security(_BEARER)] = None,
    ) -> JSONOut:
        """Store articles as `samestory ingest` does (each once, the language filled in, the
        stories stage run on what is new). 201 when something was added, 200 when all were
        stored already. Needs the token when the server has one."""
        check_token(cfg.token, request.headers.get("authorization"))
        engine = _engine(request)
        items = body if isinstance(body, list) else [body]
        if not items:
            raise HTTPError(422, "invalid-input", "no articles given")
        if _stored_ids(*items):
            raise HTTPError(422, "invalid-input", "articles to store are given by fields, raw or raw_base64")
        articles = await asyncio.to_thread(
            lambda: [read_article(it, f"articles[{i}]", settings.ingest, {}) for i, it in enumerate(items)]
        )

        def write(store: Store) -> dict[str, Any]:
            results = store_articles(store, articles, settings, engine.detector())
            added = sum(r.status == "added" for r in results)
            return {
                "results": [{"status": r.status, "id": r.id, "external_id": r.external_id} for r in results],
                "added": added,
                "duplicates": len(results) - added,
                "store": store.stats(),
            }

        out = await engine.with_store(write)
        return JSONOut(out, status_code=201 if out["added"] else 200)

    @app.get(
        "/articles", response_model=m.ArticleListOut, tags=["store"], summary="List stored articles", responses=_INVALID
    )
    async def list_articles(
        request: Request,
        after: Annotated[int, Query(ge=0, description="only articles with a higher id (a cursor)")] = 0,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
    ) -> JSONOut:
        def read(store: Store) -> dict[str, Any]:
            page = []
            for a in store.iter_articles(after=after, batch=limit + 1):
                page.append(a)
                if len(page) > limit:
                    break
            more = len(page) > limit
            page = page[:limit]
            return {
                "articles": [summary_dict(a) for a in page],
                "total": store.count(),
                "next_after": page[-1].id if more else None,
            }

        return JSONOut(await _engine(request).with_store(read))

    @app.get(
        "/articles/{article_id}",
        response_model=m.StoredArticleOut,
        tags=["store"],
        summary="A stored article",
        responses=_NOT_FOUND,
    )
    async def get_article(request: Request, article_id: int) -> JSONOut:
        def read(store: Store) -> dict[str, Any]:
            a = store.get(article_id)
            if a is None:
                raise HTTPError(404, "not-found", f"no article with id {article_id}")
            return article_dict(a, store.story_of([article_id]).get(article_id))

        return JSONOut(await _engine(request).with_store(read))

    @app.get(
        "/articles/{article_id}/similar",
        response_model=m.SimilarOut,
        tags=["stories"],
        summary="The articles telling the same story as a stored one",
        responses={
            **_NOT_FOUND,
            **_WORK,
            409: {"model": m.ErrorOut, "description": "features made with other settings"},
        },
    )
    async def similar(
        request: Request,
        article_id: int,
        limit: Annotated[int, Query(ge=1, le=100)] = 10,
        dimensions: Annotated[bool, Query(description="add the seven dimensions of each (slower)")] = False,
    ) -> JSONOut:
        """Exactly `samestory similar ID --json`: the articles of its story first, then close ones
        of other stories, ranked by the stories stage's score (TF-IDF cosine, vectors, MinHash),
        with candidates from its story and the stories near it in time, never the whole store.
        With `dimensions=true` each listed article (at most `[service] similar_candidates`) also
        gets the seven dimensions of the comparison with it."""
        engine = _engine(request)

        def read(store: Store):
            target = store.get(article_id)
            if target is None:
                raise HTTPError(404, "not-found", f"no article with id {article_id}")
            try:
                result = views.similar_to(store, target, settings.stories, limit)
            except ConfigError as exc:  # the store's features need re-clustering: not the request's fault
                raise HTTPError(409, "conflict", str(exc)) from None
            listed = result["similar"][: cfg.similar_candidates] if dimensions else []
            others = store.get_many(x["article"]["id"] for x in listed)
            return target, result, [others[x["article"]["id"]] for x in listed]

        target, result, others = await engine.with_store(read)
        if others:
            dims = await engine.compute(views.dimensions, engine.samestory, target, others)
            for item, d in zip(result["similar"], dims):
                item["dimensions"] = d
        return JSONOut(result)

    # -- stories ----------------------------------------------------------------------------------
    @app.get(
        "/stories",
        response_model=m.StoryListOut,
        tags=["stories"],
        summary="Stories, a page at a time",
        responses=_INVALID,
    )
    async def list_stories(
        request: Request,
        min_size: Annotated[int, Query(ge=1)] = 1,
        sort: Literal["recent", "size"] = "recent",
        offset: Annotated[int, Query(ge=0)] = 0,
        limit: Annotated[int, Query(ge=1, le=200)] = 50,
    ) -> JSONOut:
        """Live stories as `samestory stories --json` shows them (label, size, first/last seen,
        outlets, languages, articles per day), without their article lists; `recent`: last seen
        first, `size`: largest first."""
        page = functools.partial(views.story_page, min_size=min_size, sort=sort, offset=offset, limit=limit)
        return JSONOut(await _engine(request).with_store(page))

    @app.get(
        "/stories/{story_id}",
        response_model=m.StoryDetailOut,
        tags=["stories"],
        summary="One story",
        responses=_NOT_FOUND,
    )
    async def get_story(request: Request, story_id: int) -> JSONOut:
        """Exactly `samestory story ID --json`: the story with its articles, oldest first; a story
        merged into another answers as that one, with `merged_from`."""

        def read(store: Store) -> dict[str, Any]:
            found = views.one_story(store, story_id)
            if found is None:
                raise HTTPError(404, "not-found", f"no story with id {story_id}")
            return found

        return JSONOut(await _engine(request).with_store(read))

    @app.get("/health", response_model=m.HealthOut, tags=["service"], summary="Is it up?")
    async def health(request: Request) -> JSONOut:
        engine = _engine(request)
        stats, url = await engine.with_store(lambda s: (s.stats(), s.url))
        return JSONOut(
            {
                "status": "ok",
                "version": samestory.__version__,
                "models": engine.models,
                "store": url,
                "articles": stats["articles"],
                "stories": stats["stories"],
                "pending": engine.pending,
            }
        )

    return app


def _msg(error: dict[str, Any]) -> str:
    msg = str(error.get("msg", ""))
    return msg.removeprefix("Value error, ")  # pydantic's prefix for the messages validators raise


def _errors(app: FastAPI) -> None:
    """Every error as ``{"error", "message"}``; bad input is never a 500."""

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONOut:
        # without "input": it can be a whole article; without "ctx": it can hold exception objects
        details = [{"loc": list(e.get("loc", ())), "msg": _msg(e), "type": e.get("type", "")} for e in exc.errors()]
        if any(d["type"] == "json_invalid" for d in details):
            return error_response(422, "invalid-json", "the request body is not valid JSON", details=details)
        first = details[0] if details else {"loc": [], "msg": "invalid request"}
        where = ".".join(str(p) for p in first["loc"] if p != "body") or "body"
        return error_response(422, "invalid-input", f"{where}: {first['msg']}", details=details)

    @app.exception_handler(HTTPError)
    async def http_error(_: Request, exc: HTTPError) -> JSONOut:
        return error_response(exc.status, exc.code, str(exc), headers=exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def starlette_error(_: Request, exc: StarletteHTTPException) -> JSONOut:
        code = _STATUS_CODES.get(exc.status_code, "error")
        return error_response(exc.status_code, code, str(exc.detail), headers=getattr(exc, "headers", None))

    @app.exception_handler(InputError)
    @app.exception_handler(ConfigError)
    async def bad_input(_: Request, exc: Exception) -> JSONOut:
        return error_response(422, "invalid-input", str(exc))

    @app.exception_handler(Busy)
    async def busy(_: Request, exc: Busy) -> JSONOut:
        return error_response(503, "busy", str(exc), headers={"Retry-After": "1"})

    @app.exception_handler(TimedOut)
    async def timed_out(_: Request, exc: TimedOut) -> JSONOut:
        return error_response(504, "time-limit", str(exc))

    @app.exception_handler(StoreError)
    async def store_down(_: Request, exc: StoreError) -> JSONOut:
        log.warning("store error: %s", exc)
        return error_response(503, "store-unavailable", str(exc))

    @app.exception_handler(MissingDependencyError)
    async def missing(_: Request, exc: MissingDependencyError) -> JSONOut:
        return error_response(500, "missing-dependency", str(exc))

    @app.exception_handler(Exception)
    async def internal(_: Request, exc: Exception) -> JSONOut:
        log.error("unexpected error", exc_info=exc)
        return error_response(500, "internal", "internal error; the server log has the details")
