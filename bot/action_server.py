"""The action server with monitoring: rasa_sdk's own app plus `GET /metrics` and `GET /ready`.

    python -m bot.action_server --actions actions --port 5055

Takes the same options as `rasa run actions` / `python -m rasa_sdk` (rasa_sdk's own argument
parser) and serves rasa_sdk's app from its public `create_app`, so `/webhook`, `/health` and
`/actions` are unchanged. Added:
- `/metrics`: this process's Prometheus metrics, with the knowledge base's build id;
- `/ready`: 200 once the knowledge base is loaded (it is loaded when the server starts, so the
  first question does not wait for it), 503 while it loads or cannot be read.
Always one Sanic worker: metrics live in the process, and kwalibot scales by more action servers.
It listens on 127.0.0.1 (KWALIBOT_ACTION_HOST for a container's private network): only Rasa calls it.
"""
from __future__ import annotations

import asyncio
import logging
import os
from typing import Optional

from rasa_sdk import utils
from rasa_sdk.constants import APPLICATION_ROOT_LOGGER_NAME, ENV_SANIC_WORKERS
from rasa_sdk.endpoint import create_app, create_argument_parser, create_ssl_context
from rasa_sdk.plugin import plugin_manager
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import metrics

logger = logging.getLogger(__name__)


def _load_knowledge_base() -> int:
    from knowledge.query import default_knowledge_base

    dossiers = default_knowledge_base().dossiers()
    if not dossiers:
        raise RuntimeError("the knowledge base holds no dossiers")
    return len(dossiers)


def add_monitoring(app: Sanic) -> Sanic:
    """Add /metrics and /ready to rasa_sdk's `app` and load the knowledge base when it starts."""
    metrics.ACTIONS.register(metrics.KnowledgeBaseCollector())
    app.ctx.kb_loading = None  # the loading of the knowledge base (an asyncio future), once started

    def start_loading() -> None:
        app.ctx.kb_loading = asyncio.get_running_loop().run_in_executor(None, _load_knowledge_base)

    @app.listener("after_server_start")
    async def load(_app: Sanic, _loop) -> None:
        start_loading()

    @app.get("/metrics")
    async def scrape(_: Request) -> HTTPResponse:
        # The KB collector reads the database: off the event loop, which runs the actions.
        body, content_type = await asyncio.get_running_loop().run_in_executor(None, metrics.exposition, metrics.ACTIONS)
        return response.raw(body, content_type=content_type)

    @app.get("/ready")
    async def ready(_: Request) -> HTTPResponse:
        loading: Optional[asyncio.Future] = app.ctx.kb_loading
        if loading is None or not loading.done():
            return response.json({"status": "loading", "reason": "the knowledge base is loading"}, status=503)
        if loading.exception() is not None:
            error = loading.exception()
            start_loading()  # try again: the knowledge base may have been built since
            return response.json({"status": "not ready",
                                  "reason": f"knowledge base not loaded: {type(error).__name__}: {error}"[:300]},
                                 status=503)
        return response.json({"status": "ready", "dossiers": loading.result()})

    return app


def main(argv: Optional[list] = None) -> None:
    args = create_argument_parser().parse_args(argv)
    # The same logging set-up as rasa_sdk.__main__.main_from_args.
    utils.configure_colored_logging(args.loglevel)
    utils.configure_file_logging(logging.getLogger(APPLICATION_ROOT_LOGGER_NAME), args.log_file,
                                 args.loglevel, args.logging_config_file)
    utils.update_sanic_log_level()
    if os.environ.get(ENV_SANIC_WORKERS, "1") != "1":
        logger.warning("%s is ignored: one worker per action server (its metrics are per process)",
                       ENV_SANIC_WORKERS)
    app = add_monitoring(create_app(args.actions or "actions", cors_origins=args.cors, auto_reload=args.auto_reload))
    plugin_manager().hook.attach_sanic_app_extensions(app=app)  # as rasa_sdk.endpoint.run does
    ssl_context = create_ssl_context(args.ssl_certificate, args.ssl_keyfile, args.ssl_password)
    # Only Rasa calls the action server: loopback unless a container's private network needs another address.
    app.run(os.environ.get("KWALIBOT_ACTION_HOST") or "127.0.0.1", args.port, ssl=ssl_context, workers=1)


if __name__ == "__main__":
    main()
