"""`decide`: verdicts + policy → one decision. Pure: no detector runs here, no I/O.

Rules, in order:
1. A failed detector makes the whole decision `policy.on_error` (block by default: fail closed, score 1.0),
   naming it in `error`.
2. A finding crosses when its score ≥ its category's threshold; the crossing categories' actions compete and the
   highest `Action.rank` wins (safe_answer > block > regenerate > mask > warn > allow). On the input rail
   `regenerate` means block: there is no answer to regenerate yet.
3. Severity is unsafe when a harm category crossed (PII counts only where the policy blocks it), controversial
   when the highest harm score is inside the band [controversial, threshold), safe otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence

from sakimori.actions import mask_text, refusal_text, safe_answer_text
from sakimori.policy import Policy
from sakimori.types import Action, Decision, Finding, Message, Severity, Verdict

__all__ = ["decide", "strongest_action"]


def _crossing(findings: Sequence[Finding], policy: Policy) -> list[Finding]:
    return [f for f in findings if f.score >= policy.rule_for(f.category).threshold]


def strongest_action(findings: Sequence[Finding], policy: Policy, role: str) -> Action:
    """The action the crossing findings call for (ALLOW when none crosses)."""
    action = max(
        (policy.rule_for(f.category).action for f in _crossing(findings, policy)),
        key=lambda a: a.rank,
        default=Action.ALLOW,
    )
    if action is Action.REGENERATE and role != "assistant":
        return Action.BLOCK
    return action


def decide(message: Message, verdicts: Sequence[Verdict], policy: Policy) -> Decision:
    findings = tuple(f for v in verdicts for f in v.findings)
    failed = [v for v in verdicts if v.error is not None]
    error = "; ".join(f"detector {v.detector!r} failed: {v.error}" for v in failed) or None
    harm_scores = [f.score for f in findings if policy.counts_as_harm(f.category)]
    score = max(harm_scores, default=0.0)

    if failed and policy.on_error is Action.BLOCK:
        return Decision(
            Action.BLOCK,
            refusal_text((), policy, error=True),
            Severity.UNSAFE,
            1.0,
            (),
            findings,
            tuple(verdicts),
            message,
            error,
        )

    crossing = sorted(_crossing(findings, policy), key=lambda f: -f.score)
    categories = tuple(dict.fromkeys(f.category for f in crossing))
    action = strongest_action(findings, policy, message.role)
    if any(policy.counts_as_harm(c) for c in categories):
        severity = Severity.UNSAFE
    elif score >= policy.controversial:
        severity = Severity.CONTROVERSIAL
    else:
        severity = Severity.SAFE
    if failed and policy.on_error is Action.WARN and action is Action.ALLOW:
        action = Action.WARN

    replacements: tuple[tuple[str, str], ...] = ()
    if action is Action.SAFE_ANSWER:
        text = safe_answer_text(policy)
    elif action in (Action.BLOCK, Action.REGENERATE):
        text = refusal_text([c for c in categories if policy.rule_for(c).action.rank >= Action.REGENERATE.rank], policy)
    elif action is Action.MASK:
        to_mask = [f for f in crossing if policy.rule_for(f.category).action is Action.MASK]
        text, replacements = mask_text(message.text, to_mask, policy)
    else:
        text = message.text
    return Decision(
        action, text, severity, score, categories, findings, tuple(verdicts), message, error, replacements=replacements
    )
