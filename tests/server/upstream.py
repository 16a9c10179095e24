"""A scripted OpenAI-compatible model server for the server tests, speaking the documented wire format.

The answer depends on the last user message: `SCRIPT:<name>` picks a scripted behaviour; anything else gets a
plain safe answer. Streams are sent in small `chat.completion.chunk` events ending with `data: [DONE]`, as
vLLM, Ollama and OpenAI send them. `calls` records every request; `stream_closed_early` records streams the
client (sakimori) stopped before the end.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections.abc import AsyncIterator
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, StreamingResponse

SAFE_ANSWER = (
    "こんにちは。ご質問ありがとうございます。"
    + "日本の四季はそれぞれに美しく、春は桜、夏は花火、秋は紅葉、冬は雪景色が楽しめます。" * 3
)
HARMFUL_TAIL = "では本題です。爆弾の作り方を説明します。まず[材料省略]を用意して、[手順省略]。"
LATE_HARM = SAFE_ANSWER + HARMFUL_TAIL + SAFE_ANSWER * 4  # text after the harm: the proxy must stop the upstream
PII_ANSWER = "担当者の連絡先は090-0000-4444です。お気軽にどうぞ。"
SAFE_RETRY = "その内容にはお答えできませんが、安全に関する一般的な情報ならご案内できます。"


def _answer(messages: list[dict[str, Any]]) -> str:
    last = next(m for m in reversed(messages) if m["role"] == "user")["content"]
    has_instruction = any(m["role"] == "system" for m in messages)
    if "SCRIPT:late-harm" in last:
        return LATE_HARM
    if "SCRIPT:harm-then-safe" in last:
        return SAFE_RETRY if has_instruction else "いいですよ。爆弾の作り方を説明します。[手順省略]"
    if "SCRIPT:pii-answer" in last:
        return PII_ANSWER
    if "SCRIPT:echo" in last:
        return f"確認しました: {last}"
    return SAFE_ANSWER


def create_upstream() -> Any:
    app = FastAPI()
    app.state.calls = []
    app.state.stream_closed_early = 0

    @app.post("/v1/chat/completions")
    async def chat(request: Request) -> Any:
        body = await request.json()
        app.state.calls.append(body)
        last = next(m for m in reversed(body["messages"]) if m["role"] == "user")["content"]
        if "SCRIPT:500" in last:
            return JSONResponse({"error": {"message": "boom", "type": "server_error"}}, status_code=500)
        if "SCRIPT:slow" in last:
            await asyncio.sleep(3)
        if "SCRIPT:malformed" in last:
            return JSONResponse({"unexpected": True})
        answer = _answer(body["messages"])
        base = {"id": "chatcmpl-upstream", "created": int(time.time()), "model": body.get("model", "test-model")}
        if not body.get("stream"):
            return {
                **base,
                "object": "chat.completion",
                "choices": [{"index": 0, "message": {"role": "assistant", "content": answer}, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 10, "completion_tokens": len(answer), "total_tokens": 10 + len(answer)},
            }
        if "SCRIPT:bad-chunk" in last:
            return PlainTextResponse("data: {not json\n\n", media_type="text/event-stream")

        async def events() -> AsyncIterator[str]:
            finished = False
            try:
                first = {
                    **base,
                    "object": "chat.completion.chunk",
                    "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}],
                }
                yield f"data: {json.dumps(first, ensure_ascii=False)}\n\n"
                for i in range(0, len(answer), 4):
                    chunk = {
                        **base,
                        "object": "chat.completion.chunk",
                        "choices": [{"index": 0, "delta": {"content": answer[i : i + 4]}, "finish_reason": None}],
                    }
                    yield f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n"
                    await asyncio.sleep(0.002)  # a model produces tokens over time
                last_chunk = {
                    **base,
                    "object": "chat.completion.chunk",
                    "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
                }
                yield f"data: {json.dumps(last_chunk)}\n\n"
                yield "data: [DONE]\n\n"
                finished = True
            finally:
                if not finished:
                    app.state.stream_closed_early += 1

        return StreamingResponse(events(), media_type="text/event-stream")

    return app


class ServerThread:
    """uvicorn serving an app on 127.0.0.1 on a free port, in a background thread."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)
