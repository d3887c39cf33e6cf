"""``samestory serve [--db URL] [--host H] [--port P]``: the HTTP service and its web page."""

from __future__ import annotations

import argparse
import ipaddress
import sys

from samestory.cli.options import add_analyze, add_common, add_compare, add_ingest, add_service, add_store


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve",
        help="HTTP service and web page: compare, align, store articles, browse stories",
        description=(
            "Serve the HTTP API and the web page (FastAPI on uvicorn; pip install 'samestory[service]') over the "
            "store --db names: POST /compare and POST /align (the JSON of compare --json and align --json), "
            "POST /articles (store one or many), GET /articles, /articles/{id}, /articles/{id}/similar, "
            "/stories, /stories/{id}, /health, and the OpenAPI spec at /openapi.json. The page at / compares two "
            "articles side by side (paste, upload or pick stored ones) and browses stories. The models load "
            "once at startup. It listens on 127.0.0.1 (this machine only) unless --host says otherwise; with "
            "--token (or $SAMESTORY_TOKEN) requests that write need 'Authorization: Bearer TOKEN'."
        ),
    )
    add_common(p, json_flag=False)
    add_service(p)
    add_store(p, batch=True)
    add_ingest(p, formats=("auto", "text", "html"), fields=False)
    add_analyze(p, time_limit=False)  # requests are bounded by --time-limit instead
    add_compare(p)
    p.set_defaults(run=run)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run(args: argparse.Namespace) -> int:
    from samestory._optional import require
    from samestory.cli.options import settings_from_args

    settings = settings_from_args(args)
    uvicorn = require("uvicorn", pip="'samestory[service]'", purpose="samestory serve")
    from samestory.service import create_app
    from samestory.store import open_store

    open_store(settings.store.url).close()  # a bad --db is one line here, not a traceback at startup

    cfg = settings.service
    if not _loopback(cfg.host):
        note = "anyone who can reach it can store articles" if cfg.token is None else "writes need the token"
        print(f"samestory: note: listening on {cfg.host}, not only this machine: {note}", file=sys.stderr)
    app = create_app(settings)
    level = ("warning", "info", "debug")[min(args.verbose + 1, 2)]
    uvicorn.run(app, host=cfg.host, port=cfg.port, log_level=level, access_log=args.verbose > 0)
    return 0
