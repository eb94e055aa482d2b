"""The JSON contract of `storyledger analyze --format json`."""

from __future__ import annotations

import json

from storyledger.model import Ledger, to_dict


def ledger_dict(ledger: Ledger) -> dict:
    return {
        "articles": to_dict(ledger.articles),
        "stories": to_dict(ledger.stories),
        "threads": to_dict(ledger.threads),
    }


def render_json(ledger: Ledger) -> str:
    return json.dumps(ledger_dict(ledger), ensure_ascii=False, indent=2) + "\n"
