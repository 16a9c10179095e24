"""POST /v1/chat/completions: input rail → upstream → output rail, for whole answers and for streams.

- Input rail: the last user message, earlier user/assistant turns as context. Block / safe answer: the upstream is
  never called; the answer is a normal chat completion whose content is the refusal (finish_reason
  "content_filter") with the decision in a `sakimori` field. Mask: the masked text is what the upstream sees;
  pseudonyms (`[人名_1]`) are restored in the answer.
- Output rail: each choice's answer with its prompt as context. Block / safe answer → the refusal replaces it;
  mask → masked; regenerate → the upstream is asked again with the policy's safety instruction (bounded retries,
  each answer re-checked), then a refusal.
- Upstream timeout, 5xx, or an answer that is not a chat completion: 502 in OpenAI's error shape — fail closed,
  nothing unchecked reaches the client — and the reason goes to the audit log.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import AsyncIterator, Mapping
from typing import Any

from fastapi.responses import JSONResponse, Response, StreamingResponse

from sakimori.actions import mask_text, refusal_text, regenerate_instruction, restore
from sakimori.server.app import ApiError, ServerState
from sakimori.server.openai_schema import chat_completion, decision_summary, message_text
from sakimori.server.stream import StreamModerator
from sakimori.types import Action, Decision, Message, Turn

__all__ = ["complete"]

_PASSING = (Action.ALLOW, Action.WARN, Action.MASK)


class UpstreamError(Exception):
    """The upstream failed; `reason` goes to the log, the client gets a 502."""


def _conversation(body: Mapping[str, Any]) -> tuple[list[dict[str, Any]], int, Message]:
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise ApiError(400, "`messages` must be a non-empty list", code="invalid_messages")
    if not all(isinstance(m, dict) for m in messages):
        raise ApiError(400, "every item of `messages` must be an object with role and content")
    last_user = max((i for i, m in enumerate(messages) if m.get("role") == "user"), default=None)
    if last_user is None:
        raise ApiError(400, "`messages` has no user message to check", code="invalid_messages")
    text = message_text(messages[last_user].get("content"))
    if text is None:
        raise ApiError(400, f"messages[{last_user}].content must be text (a string or text parts)")
    if not text.strip():
        raise ApiError(400, f"messages[{last_user}].content is empty", code="empty_text")
    history = tuple(
        Turn(m["role"], t)
        for m in messages[:last_user]
        if m.get("role") in ("user", "assistant") and (t := message_text(m.get("content")))
    )
    return [dict(m) for m in messages], last_user, Message(text, "user", history)


async def complete(state: ServerState, body: dict[str, Any], request_id: str) -> Response:
    messages, last_user, prompt = _conversation(body)
    model = str(body.get("model") or "unknown")
    if body.get("n") not in (None, 1) and body.get("stream"):
        raise ApiError(400, "streaming with n > 1 is not supported by the guard", code="unsupported")
    decision = await state.check(prompt, "input", request_id)
    if decision.action not in _PASSING:
        return JSONResponse(
            chat_completion(
                decision.text,
                model,
                "content_filter",
                {"input": decision_summary(decision, "input"), "request_id": request_id},
            )
        )
    if decision.action is Action.MASK:
        messages[last_user] = {**messages[last_user], "content": decision.text}
    sent_prompt = Message(messages[last_user]["content"], "user", prompt.history)
    forwarded = {**body, "messages": messages}
    summary: dict[str, Any] = {"input": decision_summary(decision, "input"), "request_id": request_id}
    if body.get("stream"):
        response = await _send(state, forwarded, request_id, stream=True)
        generator = _stream(state, response, sent_prompt, decision.replacements, summary, model, request_id)
        return StreamingResponse(
            generator, media_type="text/event-stream", headers={"cache-control": "no-cache", "x-request-id": request_id}
        )
    answer = await _call(state, forwarded, request_id)
    choices = answer.get("choices")
    if not isinstance(choices, list) or not choices:
        state.record_failure(request_id, "output", "malformed: upstream answer has no choices")
        raise ApiError(502, "the upstream answer has no choices", "upstream_error", "malformed_upstream")
    outputs = []
    for choice in choices:
        outputs.append(await _guard_choice(state, choice, forwarded, sent_prompt, decision.replacements, request_id))
    summary["output"] = outputs
    return JSONResponse({**answer, "sakimori": summary})


async def _guard_choice(
    state: ServerState,
    choice: Any,
    forwarded: dict[str, Any],
    prompt: Message,
    pairs: tuple[tuple[str, str], ...],
    request_id: str,
) -> dict[str, Any]:
    """Check one choice in place; return its decision summary."""
    message = choice.get("message") if isinstance(choice, dict) else None
    if not isinstance(message, dict):
        state.record_failure(request_id, "output", "malformed: a choice has no message")
        raise ApiError(
            502, "the upstream answer has a choice without a message", "upstream_error", "malformed_upstream"
        )
    text = _answer_text(message)
    if text is None:
        state.record_failure(request_id, "output", "malformed: message content is not text")
        raise ApiError(502, "the upstream message content is not text", "upstream_error", "malformed_upstream")
    if not text.strip():
        return {"rail": "output", "action": "allow", "note": "empty answer"}
    decision = await state.check(Message.response(text, prompt.text, prompt.history), "output", request_id)
    regenerations = 0
    while decision.action is Action.REGENERATE and regenerations < state.guard.policy.regenerate_retries:
        regenerations += 1
        retry = {
            **forwarded,
            "n": 1,
            "stream": False,
            "messages": [
                {"role": "system", "content": regenerate_instruction(state.guard.policy)},
                *forwarded["messages"],
            ],
        }
        again = await _call(state, retry, request_id)
        new_message = _first_message(again)
        new_text = _answer_text(new_message) if new_message is not None else None
        if not new_text or not new_text.strip():
            break
        message = {**message, **new_message}  # type: ignore[dict-item]
        decision = await state.check(Message.response(new_text, prompt.text, prompt.history), "output", request_id)
    if decision.action is Action.REGENERATE:
        content, finish = refusal_text(decision.categories, state.guard.policy), "content_filter"
    elif decision.action in _PASSING:
        content, finish = restore(_content_part(decision, message, state), pairs), choice.get("finish_reason")
    else:
        content, finish = decision.text, "content_filter"
    if decision.action not in _PASSING or decision.action is Action.MASK or pairs:
        message = {**message, "content": content}
        if decision.action not in _PASSING:
            message.pop("tool_calls", None)  # a refused answer carries no tool call either
    choice["message"] = message
    choice["finish_reason"] = finish
    return {**decision_summary(decision, "output"), "regenerations": regenerations}


def _answer_text(message: Mapping[str, Any]) -> str | None:
    """The text to check: the content, plus the arguments of tool calls (a harmful request can hide there)."""
    content = message.get("content")
    text = "" if content is None else message_text(content)
    if text is None:
        return None
    calls = message.get("tool_calls") or []
    if isinstance(calls, list):
        for call in calls:
            function = call.get("function") if isinstance(call, dict) else None
            if isinstance(function, dict) and isinstance(function.get("arguments"), str):
                text += "\n" + function["arguments"]
    return text


def _content_part(decision: Decision, message: Mapping[str, Any], state: ServerState) -> str:
    """The passing text for the message content: without tool calls, the decision's text (masked if so); with
    tool calls, the checked text also held their arguments, so the content is masked on its own."""
    if not message.get("tool_calls"):
        return decision.text
    content = message_text(message.get("content")) or ""
    if decision.action is not Action.MASK:
        return content
    inside = [f for f in decision.findings if f.end is not None and f.end <= len(content)]
    return mask_text(content, inside, state.guard.policy)[0]


def _first_message(answer: Mapping[str, Any]) -> dict[str, Any] | None:
    choices = answer.get("choices")
    if isinstance(choices, list) and choices and isinstance(choices[0], dict):
        message = choices[0].get("message")
        return message if isinstance(message, dict) else None
    return None


async def _send(state: ServerState, body: dict[str, Any], request_id: str, *, stream: bool) -> Any:
    """POST to the upstream; a timeout, a connection failure or an error status is a 502 (4xx passed on) in
    OpenAI's shape, with the reason in the audit log. Streams are opened before answering the client, so a
    failing upstream is still a clean error rather than a broken stream."""
    import httpx

    request = state.upstream.build_request("POST", "chat/completions", json={**body, "stream": stream})
    try:
        response = await state.upstream.send(request, stream=stream)
    except httpx.TimeoutException:
        state.record_failure(request_id, "upstream", f"timeout: no answer within {state.config.upstream_timeout} s")
        raise ApiError(502, "the upstream model did not answer in time", "upstream_error", "upstream_timeout") from None
    except httpx.HTTPError as exc:
        state.record_failure(request_id, "upstream", f"connection: {type(exc).__name__}: {exc}")
        raise ApiError(
            502, f"cannot reach the upstream model: {type(exc).__name__}", "upstream_error", "upstream_unreachable"
        ) from None
    if response.status_code >= 400:
        detail = (await response.aread())[:200].decode("utf-8", "replace")
        await response.aclose()
        state.record_failure(request_id, "upstream", f"status: upstream answered {response.status_code}")
        raise ApiError(
            502 if response.status_code >= 500 else response.status_code,
            f"the upstream model answered HTTP {response.status_code}: {detail}",
            "upstream_error",
            "upstream_status",
        )
    return response


async def _call(state: ServerState, body: dict[str, Any], request_id: str) -> dict[str, Any]:
    response = await _send(state, body, request_id, stream=False)
    try:
        answer = response.json()
    except ValueError:
        state.record_failure(request_id, "upstream", "malformed: the upstream answer is not JSON")
        raise ApiError(502, "the upstream answer is not JSON", "upstream_error", "malformed_upstream") from None
    if not isinstance(answer, dict):
        state.record_failure(request_id, "upstream", "malformed: the upstream answer is not an object")
        raise ApiError(502, "the upstream answer is not a JSON object", "upstream_error", "malformed_upstream")
    return answer


# --- streaming -------------------------------------------------------------------------------------------------


def _chunk(base: Mapping[str, Any], delta: dict[str, Any], finish: str | None, extra: Any = None) -> bytes:
    chunk = {
        "id": base["id"],
        "object": "chat.completion.chunk",
        "created": base["created"],
        "model": base["model"],
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}],
    }
    if extra is not None:
        chunk["sakimori"] = extra
    return b"data: " + json.dumps(chunk, ensure_ascii=False).encode("utf-8") + b"\n\n"


async def _stream(
    state: ServerState,
    response: Any,
    prompt: Message,
    pairs: tuple[tuple[str, str], ...],
    summary: dict[str, Any],
    model: str,
    request_id: str,
) -> AsyncIterator[bytes]:
    """Re-emit the upstream stream through the moderator; the upstream is closed as soon as the answer turns unsafe."""
    began = time.perf_counter()
    config = state.config
    moderator = StreamModerator(state.guard.policy, config.stream_window, config.stream_check_every, pairs)
    base = {"id": f"chatcmpl-sakimori-{uuid.uuid4().hex[:24]}", "created": int(time.time()), "model": model}
    upstream_finish: str | None = None
    role_sent = False

    def stop(decision: Decision | None, reason: str) -> list[bytes]:
        """The end of a stopped stream: the refusal (or safe answer), finish_reason content_filter, [DONE]."""
        if decision is not None:
            text = (
                decision.text
                if decision.action is Action.SAFE_ANSWER
                else refusal_text(decision.categories, state.guard.policy)
            )
            extra = {**summary, "output": decision_summary(decision, "stream"), "stopped": reason}
        else:
            text = refusal_text((), state.guard.policy, error=True)
            extra = {**summary, "output": None, "stopped": reason}
            state.record_failure(request_id, "stream", reason)
        prefix = "\n\n" if moderator.released else ""
        return [
            _chunk(base, {"content": prefix + text}, None),
            _chunk(base, {}, "content_filter", extra),
            b"data: [DONE]\n\n",
        ]

    async def check_and_release(final: bool) -> tuple[Decision, list[bytes], bool]:
        """Check the whole answer so far; the chunks to send now, and whether the stream has stopped."""
        message = Message.response(moderator.text, prompt.text, prompt.history)
        decision = await state.check(message, "stream", request_id)
        step = moderator.release(decision, final=final)
        if step.stopped:
            return decision, stop(decision, "unsafe at the end" if final else "unsafe mid-stream"), True
        return decision, [_chunk(base, {"content": step.emit}, None)] if step.emit else [], False

    try:
        async for line in response.aiter_lines():
            if time.perf_counter() - began > config.request_timeout:
                for piece in stop(None, f"timeout: stream longer than {config.request_timeout} s"):
                    yield piece
                return
            if not line.startswith("data:"):
                continue
            data = line[5:].strip()
            if data == "[DONE]":
                break
            try:
                parsed = json.loads(data)
                choice = parsed["choices"][0] if parsed.get("choices") else {}
                delta = choice.get("delta") or {}
                content = delta.get("content") or ""
                if not isinstance(content, str):
                    raise TypeError("delta.content is not text")
            except (ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
                for piece in stop(None, f"malformed: upstream chunk ({type(exc).__name__}: {exc})"):
                    yield piece
                return
            base["model"] = parsed.get("model", base["model"])
            upstream_finish = choice.get("finish_reason") or upstream_finish
            if not role_sent:
                role_sent = True
                yield _chunk(base, {"role": "assistant", "content": ""}, None)
            if content and moderator.add(content):
                _, pieces, stopped = await check_and_release(final=False)
                for piece in pieces:
                    yield piece
                if stopped:
                    return
    except Exception as exc:  # noqa: BLE001 - any upstream failure mid-stream ends the stream closed
        for piece in stop(None, f"upstream: {type(exc).__name__}: {exc}"):
            yield piece
        return
    finally:
        await response.aclose()
        state.metrics.observe("sakimori_request_seconds", time.perf_counter() - began, endpoint="/v1/chat/completions")
    if not role_sent:
        yield _chunk(base, {"role": "assistant", "content": ""}, None)
    if not moderator.text.strip():
        yield _chunk(base, {}, upstream_finish or "stop", {**summary, "output": None})
        yield b"data: [DONE]\n\n"
        return
    decision, pieces, stopped = await check_and_release(final=True)
    for piece in pieces:
        yield piece
    if stopped:
        return
    extra = {**summary, "output": decision_summary(decision, "stream"), "late_findings": moderator.late_findings}
    yield _chunk(base, {}, upstream_finish or "stop", extra)
    yield b"data: [DONE]\n\n"
