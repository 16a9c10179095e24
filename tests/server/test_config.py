"""`sakimori serve` start-up checks, API key files and the audit log on its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from sakimori.cli import main
from sakimori.server.audit import AuditLog, AuditRecord
from sakimori.server.keys import hash_key, key_matches, load_key_hashes


def test_serve_refuses_a_public_address_without_keys(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--upstream", "http://127.0.0.1:1/v1", "--host", "0.0.0.0"]) == 2
    assert "without API keys" in capsys.readouterr().err


def test_serve_rejects_a_non_http_upstream(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--upstream", "127.0.0.1:8000"]) == 2
    assert "http(s) URL" in capsys.readouterr().err


def test_serve_reports_a_bad_policy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    policy = tmp_path / "p.yaml"
    policy.write_text("detectors: [nosuch]\n", encoding="utf-8")
    code = main(["serve", "--upstream", "http://127.0.0.1:1/v1", "--policy", str(policy), "--audit", "none"])
    assert code == 2
    assert "nosuch" in capsys.readouterr().err


def test_key_file_plain_and_hashed(tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    keys.write_text(f"# team keys\nsk-plain\nsha256:{hash_key('sk-hashed')}\n", encoding="utf-8")
    hashes = load_key_hashes(keys, environ={"SAKIMORI_API_KEYS": "sk-env"})
    assert key_matches("Bearer sk-plain", hashes)
    assert key_matches("Bearer sk-hashed", hashes)
    assert key_matches("bearer sk-env", hashes)
    assert not key_matches("Bearer sk-other", hashes)
    assert not key_matches("sk-plain", hashes)
    assert not key_matches(None, hashes)


def test_bad_key_file_is_a_clear_error(tmp_path: Path) -> None:
    from sakimori.errors import PolicyError

    keys = tmp_path / "keys"
    keys.write_text("sha256:xyz\n", encoding="utf-8")
    with pytest.raises(PolicyError, match=":1: sha256"):
        load_key_hashes(keys, environ={})


def test_audit_log_keeps_texts_only_when_asked(tmp_path: Path) -> None:
    record = AuditRecord("req-1", "input", "block", "unsafe", ["S9"], {"S9": 0.9}, 0.2, text="秘密")
    for keep, expected in ((False, None), (True, "秘密")):
        log = AuditLog(str(tmp_path / f"{keep}.sqlite3"), keep_text=keep)
        log.record(record)
        rows = log.rows()
        log.close()
        assert rows[0]["text"] == expected
        assert rows[0]["categories"] == '["S9"]'


def test_audit_log_flushes_on_close(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite3"
    log = AuditLog(str(path))
    for i in range(2000):
        log.record(AuditRecord(f"req-{i}", "input", "allow", "safe", [], {}, 0.1))
    log.close()
    assert AuditLog(str(path)).count() == 2000


def test_unwritable_audit_target_is_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(RuntimeError, match="cannot open audit log"):
        AuditLog(str(blocker / "sub" / "audit.sqlite3"))
