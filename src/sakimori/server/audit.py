"""The audit log: one row per guard decision, written by one writer thread so requests never wait on the disk.

SQLite by default (WAL journal, one writer, batched commits), PostgreSQL when the target is a `postgresql://`
URL (needs `psycopg`). `record` only enqueues; `flush` waits until everything enqueued is committed, and `close`
flushes before it returns, so nothing is lost on shutdown. The text itself is stored only when the server was
started with `--audit-text` (it may hold personal data).
"""

from __future__ import annotations

import json
import logging
import queue
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

__all__ = ["AuditLog", "AuditRecord", "open_audit_log"]

log = logging.getLogger("sakimori.server.audit")

_COLUMNS = ("time", "request_id", "rail", "action", "severity", "categories", "scores", "latency_ms", "error", "text")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS decisions (
    id {id_type},
    time TEXT NOT NULL,
    request_id TEXT NOT NULL,
    rail TEXT NOT NULL,
    action TEXT NOT NULL,
    severity TEXT NOT NULL,
    categories TEXT NOT NULL,
    scores TEXT NOT NULL,
    latency_ms DOUBLE PRECISION NOT NULL,
    error TEXT,
    text TEXT
)
"""


@dataclass(frozen=True)
class AuditRecord:
    request_id: str
    rail: str
    action: str
    severity: str
    categories: Sequence[str]
    scores: dict[str, float]
    latency_ms: float
    error: str | None = None
    text: str | None = None
    time: str = ""

    def row(self) -> tuple[Any, ...]:
        stamp = self.time or datetime.now(UTC).isoformat(timespec="milliseconds")
        return (
            stamp,
            self.request_id,
            self.rail,
            self.action,
            self.severity,
            json.dumps(list(self.categories), ensure_ascii=False),
            json.dumps(self.scores, ensure_ascii=False),
            self.latency_ms,
            self.error,
            self.text,
        )


_STOP = object()


class AuditLog:
    """A queue in front of one connection owned by one thread."""

    def __init__(self, target: str, keep_text: bool = False) -> None:
        self.target = target
        self.keep_text = keep_text
        self._queue: queue.Queue[Any] = queue.Queue()
        self._ready = threading.Event()
        self._failure: BaseException | None = None
        self.lost = 0
        self._thread = threading.Thread(target=self._run, name="sakimori-audit", daemon=True)
        self._thread.start()
        self._ready.wait()
        if self._failure is not None:
            raise RuntimeError(f"cannot open audit log {target}: {self._failure}")

    def record(self, record: AuditRecord) -> None:
        if not self.keep_text and record.text is not None:
            record = AuditRecord(**{**record.__dict__, "text": None})
        self._queue.put(record.row())

    def flush(self) -> None:
        self._queue.join()

    def close(self) -> None:
        if self._thread.is_alive():
            self._queue.put(_STOP)
            self._thread.join()

    def count(self) -> int:
        """Rows committed so far (a fresh read connection; for tests and the load benchmark)."""
        self.flush()
        connection = self._connect()
        try:
            return int(connection.execute("SELECT COUNT(*) FROM decisions").fetchone()[0])
        finally:
            connection.close()

    def rows(self) -> list[dict[str, Any]]:
        self.flush()
        connection = self._connect()
        try:
            cursor = connection.execute(f"SELECT {', '.join(_COLUMNS)} FROM decisions ORDER BY id")
            return [dict(zip(_COLUMNS, row, strict=True)) for row in cursor.fetchall()]
        finally:
            connection.close()

    # --- the writer thread -------------------------------------------------------------------------------------

    @property
    def _postgres(self) -> bool:
        return self.target.startswith(("postgresql://", "postgres://"))

    def _connect(self) -> Any:
        if self._postgres:
            import psycopg

            return psycopg.connect(self.target, autocommit=False)
        connection = sqlite3.connect(self.target, timeout=30, check_same_thread=False)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        return connection

    def _run(self) -> None:
        try:
            if not self._postgres:
                Path(self.target).parent.mkdir(parents=True, exist_ok=True)
            connection = self._connect()
            id_type = "BIGSERIAL PRIMARY KEY" if self._postgres else "INTEGER PRIMARY KEY AUTOINCREMENT"
            connection.execute(_SCHEMA.format(id_type=id_type))
            connection.commit()
        except Exception as exc:  # noqa: BLE001 - reported to the constructor, which raises
            self._failure = exc
            self._ready.set()
            return
        self._ready.set()
        marker = "%s" if self._postgres else "?"
        insert = f"INSERT INTO decisions ({', '.join(_COLUMNS)}) VALUES ({', '.join([marker] * len(_COLUMNS))})"
        stop = False
        while not stop:
            batch = [self._queue.get()]
            while len(batch) < 500:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            rows = [item for item in batch if item is not _STOP]
            stop = len(rows) != len(batch)
            try:
                if rows:
                    cursor = connection.cursor()
                    cursor.executemany(insert, rows)
                    connection.commit()
            except Exception:
                self.lost += len(rows)
                log.exception("audit log %s: %d decisions could not be written", self.target, len(rows))
            finally:
                for _ in batch:
                    self._queue.task_done()
        connection.close()


def open_audit_log(target: str | None, keep_text: bool = False) -> AuditLog | None:
    """`None` or "" disables auditing; a path is a SQLite file; a postgresql:// URL is PostgreSQL."""
    return AuditLog(target, keep_text) if target else None
