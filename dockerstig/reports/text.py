"""Text that every report format can carry: valid XML 1.0 characters, bounded size.

Container names, labels and commands are attacker-controlled. ``clean`` keeps them as
evidence but writes characters that XML cannot hold as visible escapes (``\\x1b``), turns
undecodable bytes (bytes, or surrogate-escaped strings) into ``\\xNN``, and caps the length:

>>> clean("evil\\x1b[31m\\x00<script>]]>")
'evil\\\\x1b[31m\\\\x00<script>]]>'
>>> clean(b"caf\\xe9"), clean("caf\\udce9")
('caf\\\\xe9', 'caf\\\\xe9')
>>> clean("A" * 100, limit=40)
'AAAAAAAAAA… [cut: 100 characters in all]'
"""

from __future__ import annotations

import json
import re

#: STIG Manager truncates FINDING_DETAILS and COMMENTS at this many characters.
FIELD_LIMIT = 32767

# Not allowed in XML 1.0 (a lone surrogate is what a surrogate-escaped byte becomes).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape of the byte code - 0xDC00
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(value, limit: int = FIELD_LIMIT) -> str:
    """``value`` as XML-safe text of at most ``limit`` characters (see the module examples)."""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "surrogateescape")
    text = _NOT_XML.sub(_escape, value if isinstance(value, str) else str(value))
    if len(text) <= limit:
        return text
    marker = f"… [cut: {len(text)} characters in all]"
    return text[: max(limit - len(marker), 0)] + marker


def _jsonable(value):
    return value.decode("utf-8", "surrogateescape") if isinstance(value, bytes) else str(value)


def evidence_text(evidence: dict, limit: int = 2000) -> str:
    """The evidence as one line of compact, sorted JSON, cleaned and capped.

    >>> evidence_text({"Privileged": True, "Name": "/web"})
    '{"Name":"/web","Privileged":true}'
    """
    text = json.dumps(evidence, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_jsonable)
    return clean(text, limit)
