"""JSON inside HTML: data that the report's pages carry in <script type="application/json"> blocks."""

from __future__ import annotations

import json
from typing import Any

# Characters that must not appear raw in JSON inside HTML: `<`, `>` and `&` could open a tag, comment or
# character reference (`<!--<script>` once switched every chart off), U+2028/2029 end a line in older JavaScript.
_HTML_UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
                              "\u2029": "\\u2029"})


def script_json(value: Any) -> str:
    """JSON that is inert inside an HTML <script> block: the HTML parser sees no markup in it, ever."""
    return json.dumps(value, separators=(",", ":"), default=str, ensure_ascii=False).translate(_HTML_UNSAFE)
