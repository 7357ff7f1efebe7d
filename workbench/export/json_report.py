"""The JSON export: the document as it is, UTF-8, stable key order."""

from __future__ import annotations

import json
from typing import Any


def write_json(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
