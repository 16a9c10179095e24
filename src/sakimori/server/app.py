"""The guard server: an OpenAI-compatible proxy with input and output rails, a moderation API and an audit log.

FastAPI is imported at the top: only `sakimori serve` and the tests load this module (`sakimori.server` is lazy).

Routes: POST /v1/chat/completions (proxy, streaming included), POST /v1/moderations (OpenAI's schema),
POST /v1/guard/check (the native decision), GET /healthz, GET /metrics (Prometheus).
Every failure is answered in OpenAI's error shape, so the official clients raise their usual exceptions.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import AsyncIterator, MutableMapping
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response

from sakimori.errors import SakimoriError
from sakimori.guard import Guard
from sakimori.server.audit import AuditRecord, open_audit_log
from sakimori.server.config import ServerConfig
from sakimori.server.keys import key_matches
from sakimori.server.metrics import Metrics
from sakimori.server.openai_schema import category_scores, error_body, moderation_result
from sakimori.types import Decision, Message, Turn

__all__ = ["ApiError", "ServerState", "create_app"]


class ApiError(Exception):
    """An error answered to the client in OpenAI's shape."""

    def __init__(self, status: int, message: str, type_: str = "invalid_request_error", code: str | None = None):
        super().__init__(message)
        self.status, self.message, self.type, self.code = status, message, type_, code


class ServerState:
    """What the routes share: the guard, the upstream client, the audit log, the metrics."""

    def __init__(self, config: ServerConfig) -> None:
        import httpx

        self.config = config
        self.guard = Guard.from_policy(config.policy)
        self.metrics = Metrics()
        self.audit = open_audit_log(config.audit, config.audit_text)
        headers = {"Authorization": f"Bearer {config.upstream_api_key}"} if config.upstream_api_key else {}
        self.upstream = httpx.AsyncClient(
            base_url=config.upstream.rstrip("/") + "/",
            headers=headers,
            timeout=httpx.Timeout(config.upstream_timeout),
            limits=httpx.Limits(max_connections=256, max_keepalive_connections=64),
        )

    async def check(self, message: Message, rail: str, request_id: str) -> Decision:
        """One guard check in a worker thread, measured, counted and written to the audit log."""
        began = time.perf_counter()
        try:
            # Cheap detectors run inline: at ~0.3 ms a check costs less than a hop to a worker thread and back,
            # which under load (GIL hand-offs, a busy pool) was measured at tens of milliseconds per check.
            decision = self.guard.check(message) if self.guard.cpu_only else await self.guard.acheck(message)
        except SakimoriError as exc:  # bad input (too long, broken Unicode): the client's error, not ours
            raise ApiError(400, str(exc), code="invalid_input") from None
        seconds = time.perf_counter() - began
        self.metrics.observe("sakimori_check_seconds", seconds, rail=rail)
        self.metrics.inc("sakimori_decisions_total", rail=rail, action=str(decision.action))
        for category in decision.categories:
            self.metrics.inc("sakimori_flags_total", rail=rail, category=category)
        if self.audit is not None:
            self.audit.record(
                AuditRecord(
                    request_id=request_id,
                    rail=rail,
                    action=str(decision.action),
                    severity=str(decision.severity),
                    categories=decision.categories,
                    scores=category_scores(decision),
                    latency_ms=seconds * 1000,
                    error=decision.error,
                    text=message.text,
                )
            )
        return decision

    def record_failure(self, request_id: str, rail: str, reason: str) -> None:
        """An upstream failure: the request failed closed; the log says why."""
        self.metrics.inc("sakimori_upstream_errors_total", reason=reason.split(":")[0])
        if self.audit is not None:
            self.audit.record(AuditRecord(request_id, rail, "error", "unsafe", (), {}, 0.0, error=reason))

    async def close(self) -> None:
        await self.upstream.aclose()
        if self.audit is not None:
            self.audit.close()


def create_app(config: ServerConfig) -> Any:
    """The FastAPI app. The policy and audit log are opened here, so a bad policy fails before serving."""
    from sakimori.server import chat

    state = ServerState(config)

    @asynccontextmanager
    async def lifespan(_: Any) -> AsyncIterator[None]:
        yield
        await state.close()

    app = FastAPI(title="sakimori guard server", lifespan=lifespan, docs_url=None, redoc_url=None)
    app.state.sakimori = state

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(error_body(exc.message, exc.type, exc.code), status_code=exc.status)

    @app.exception_handler(404)
    async def _not_found(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse(error_body(f"no route {request.url.path}", "invalid_request_error", "not_found"), 404)

    @app.exception_handler(405)
    async def _not_allowed(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse(
            error_body(f"{request.method} is not allowed on {request.url.path}", "invalid_request_error"), 405
        )

    @app.get("/healthz")
    async def healthz() -> dict[str, Any]:
        return {"status": "ok", "detectors": state.guard.detector_names, "upstream": config.upstream}

    @app.get("/metrics")
    async def metrics() -> PlainTextResponse:
        return PlainTextResponse(state.metrics.render(), media_type="text/plain; version=0.0.4")

    @app.post("/v1/chat/completions")
    async def chat_completions(request: Request) -> Response:
        body = await read_json(request, config.max_body_bytes)
        return await chat.complete(state, body, request.state.request_id)

    @app.post("/v1/moderations")
    async def moderations(request: Request) -> dict[str, Any]:
        body = await read_json(request, config.max_body_bytes)
        texts = moderation_inputs(body.get("input"))
        request_id = request.state.request_id
        decisions = await asyncio.gather(*(state.check(Message(t, "user"), "moderation", request_id) for t in texts))
        return {
            "id": f"modr-{uuid.uuid4().hex[:24]}",
            "model": str(body.get("model") or "sakimori"),
            "results": [moderation_result(d) for d in decisions],
        }

    @app.post("/v1/guard/check")
    async def guard_check(request: Request) -> dict[str, Any]:
        body = await read_json(request, config.max_body_bytes)
        message = native_message(body)
        decision = await state.check(message, "check", request.state.request_id)
        return {"request_id": request.state.request_id, **decision.to_dict()}

    app.add_middleware(RequestFrame, state=state)
    return app


class RequestFrame:
    """Request id, authentication, body size, time limit and request metrics around every route.

    A plain ASGI middleware: Starlette's `@app.middleware("http")` wraps every response in an extra streaming layer,
    which cost milliseconds per request in the load test. Streams set their own time limit (chat.py); here a
    request that has not started its response within the limit gets a 504.
    """

    def __init__(self, app: Any, state: ServerState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        began = time.perf_counter()
        config, state = self.state.config, self.state
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        request_id = headers.get("x-request-id") or f"req-{uuid.uuid4().hex[:20]}"
        scope.setdefault("state", {})["request_id"] = request_id
        path = scope["path"]
        endpoint = path if path in _ENDPOINTS else "other"
        started: dict[str, int] = {}

        async def send_with_id(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                started["status"] = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id.encode("latin-1"))]
                content_type = dict(message["headers"]).get(b"content-type", b"")
                if not content_type.startswith(b"text/event-stream"):  # streams are timed when they end
                    state.metrics.observe("sakimori_request_seconds", time.perf_counter() - began, endpoint=endpoint)
            await send(message)

        public = path in ("/healthz", "/metrics")
        length = headers.get("content-length", "")
        error: ApiError | None = None
        if not public and config.key_hashes and not key_matches(headers.get("authorization"), config.key_hashes):
            error = ApiError(
                401, "missing or wrong API key (Authorization: Bearer …)", "authentication_error", "invalid_api_key"
            )
        elif length.isdigit() and int(length) > config.max_body_bytes:
            error = ApiError(413, f"request body over {config.max_body_bytes} bytes", code="request_too_large")
        if error is None:
            try:
                await asyncio.wait_for(self.app(scope, receive, send_with_id), timeout=config.request_timeout)
            except TimeoutError:
                state.record_failure(request_id, "request", f"timeout: over {config.request_timeout} s")
                if not started:
                    error = ApiError(
                        504, f"request took longer than {config.request_timeout} s", "timeout_error", "timeout"
                    )
        if error is not None:
            response = JSONResponse(error_body(error.message, error.type, error.code), status_code=error.status)
            await response(scope, receive, send_with_id)
        status = started.get("status", 500)
        state.metrics.inc("sakimori_requests_total", endpoint=endpoint, status=str(status))


_ENDPOINTS = ("/v1/chat/completions", "/v1/moderations", "/v1/guard/check", "/healthz", "/metrics")


async def read_json(request: Any, limit: int) -> dict[str, Any]:
    """The request body as a JSON object, or a clear 400/413 (chunked bodies are counted as they arrive)."""
    size = 0
    chunks = []
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, f"request body over {limit} bytes", code="request_too_large")
        chunks.append(chunk)
    raw = b"".join(chunks)
    if not raw.strip():
        raise ApiError(400, "the request body is empty; send a JSON object")
    try:
        body = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ApiError(400, f"the request body is not UTF-8 (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise ApiError(
            400, f"the request body is not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    if not isinstance(body, dict):
        raise ApiError(400, f"the request body must be a JSON object, not {type(body).__name__}")
    return body


def _checked_text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise ApiError(400, f"{where} must be a string, not {type(value).__name__}", code="invalid_type")
    if not value.strip():
        raise ApiError(400, f"{where} is empty", code="empty_text")
    return value


def moderation_inputs(value: Any) -> list[str]:
    """OpenAI's `input`: a string, a list of strings, or a list of {"type": "text", "text": …} parts."""
    if value is None:
        raise ApiError(400, "`input` is required", code="missing_input")
    items = value if isinstance(value, list) else [value]
    if not items:
        raise ApiError(400, "`input` is an empty list", code="empty_text")
    if len(items) > 256:
        raise ApiError(400, f"`input` has {len(items)} items; at most 256 per request")
    texts = []
    for i, item in enumerate(items):
        if isinstance(item, dict):
            if item.get("type") != "text":
                raise ApiError(400, f"input[{i}] has type {item.get('type')!r}; only text is moderated")
            item = item.get("text")
        texts.append(_checked_text(item, f"input[{i}]"))
    return texts


def native_message(body: dict[str, Any]) -> Message:
    """`{"text": …, "response_to": …?, "history": [{"role", "text"}]?}` → the message the guard checks."""
    unknown = set(body) - {"text", "response_to", "history"}
    if unknown:
        raise ApiError(400, f"unknown field(s) {sorted(unknown)}; expected text, response_to, history")
    text = _checked_text(body.get("text"), "text")
    history_raw = body.get("history") or []
    if not isinstance(history_raw, list):
        raise ApiError(400, "history must be a list of {role, text}")
    history = []
    for i, turn in enumerate(history_raw):
        if not isinstance(turn, dict) or turn.get("role") not in ("user", "assistant"):
            raise ApiError(400, f"history[{i}] must be {{'role': 'user'|'assistant', 'text': …}}")
        history.append(Turn(turn["role"], _checked_text(turn.get("text"), f"history[{i}].text")))
    if body.get("response_to") is not None:
        prompt = _checked_text(body["response_to"], "response_to")
        return Message.response(text, prompt, tuple(history))
    return Message(text, "user", tuple(history))
