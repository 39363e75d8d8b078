"""The one problem type every stage reports, and the catalogue of stable codes.

A stage never prints: it yields `Problem` values, and a reporter turns them into
text, JSON or annotations. Codes are stable: tools and `# socialkit: ignore[...]`
comments depend on them, so a code is never reused for another meaning.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True, slots=True)
class Code:
    """A stable problem code with its default severity and a one-line summary."""

    code: str
    name: str
    severity: Severity
    summary: str


@dataclass(frozen=True, slots=True)
class Problem:
    code: str
    severity: Severity
    message: str
    file: str | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    json_path: str = "$"

    def sort_key(self) -> tuple:
        return (self.file or "", self.line or 0, self.column or 0, self.code, self.message)

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "json_path": self.json_path,
        }


@dataclass
class CodeCatalogue:
    """Registry of codes; later stages (the rule engine) register their own."""

    by_code: dict[str, Code] = field(default_factory=dict)

    def register(self, code: str, name: str, severity: Severity, summary: str) -> Code:
        if code in self.by_code:
            raise ValueError(f"problem code {code} registered twice")
        entry = Code(code, name, severity, summary)
        self.by_code[code] = entry
        return entry

    def __getitem__(self, code: str) -> Code:
        return self.by_code[code]

    def __contains__(self, code: object) -> bool:
        return code in self.by_code

    def __iter__(self):
        return iter(sorted(self.by_code.values(), key=lambda c: c.code))


CODES = CodeCatalogue()
_E, _W = Severity.ERROR, Severity.WARNING

# SK0xx: reading the files and the shape of the data.
YAML_SYNTAX = CODES.register("SK001", "yaml-syntax", _E, "The file is not valid YAML.")
DUPLICATE_KEY = CODES.register("SK002", "duplicate-key", _E, "A mapping has the same key twice.")
UNREADABLE = CODES.register("SK003", "unreadable-file", _E, "The file cannot be read as UTF-8 text.")
TOO_LARGE = CODES.register("SK004", "file-too-large", _E, "The file is larger than the size limit.")
ALIAS_BOMB = CODES.register("SK005", "alias-expansion", _E, "Anchors and aliases expand to too much data.")
NOT_A_MAPPING = CODES.register("SK006", "not-a-mapping", _E, "A strategy file must hold a mapping at the top.")
NO_FILES = CODES.register("SK007", "no-strategy-files", _E, "The path holds no strategy files.")
UNKNOWN_KEY = CODES.register("SK010", "unknown-key", _E, "A key the format does not know (typo?).")
MISSING_KEY = CODES.register("SK011", "missing-key", _E, "A required key is missing.")
INVALID_CHOICE = CODES.register("SK012", "invalid-choice", _E, "A value is not one of the allowed choices.")
WRONG_TYPE = CODES.register("SK013", "wrong-type", _E, "A value has the wrong type.")
INVALID_TIMEZONE = CODES.register("SK014", "invalid-timezone", _E, "Not an IANA time zone name.")
INVALID_TIME = CODES.register("SK015", "invalid-time", _E, "A clock time or interval is malformed.")
INVALID_DURATION = CODES.register("SK016", "invalid-duration", _E, "A duration is malformed.")
INVALID_DATE = CODES.register("SK017", "invalid-date", _E, "A date or date-time is malformed.")
INVALID_ID = CODES.register("SK018", "invalid-id", _E, "An id is not a lower-case slug.")
INVALID_URL = CODES.register("SK019", "invalid-url", _E, "A link is not an http(s) or mailto URL.")
UNSUPPORTED_VERSION = CODES.register("SK020", "unsupported-version", _E, "The format version is not supported.")
INVALID_LANGUAGE = CODES.register("SK021", "invalid-language", _E, "A text uses a language the organisation does not list.")
DEFINED_TWICE = CODES.register("SK022", "section-defined-twice", _E, "A single section is defined in two files.")
INVALID_VALUE = CODES.register("SK023", "invalid-value", _E, "A value is out of range or inconsistent.")
MISSING_TRANSLATION = CODES.register("SK024", "missing-translation", _W, "A text lacks a language the organisation publishes in.")
INVALID_CHARACTER = CODES.register("SK025", "invalid-character", _E, "A text holds a control character or an unpaired surrogate.")
LIMIT_EXCEEDED = CODES.register("SK026", "limit-exceeded", _E, "A text, list, number or compiled count is beyond its documented limit.")

# SK05x: the committed policy, judged against today (socialkit.horizon).
HORIZON_ENDING = CODES.register("SK050", "horizon-ending", _W, "The committed policy's horizon ends soon; rebuild it.")
HORIZON_ENDED = CODES.register("SK051", "horizon-ended", _E, "The committed policy's horizon has ended; rebuild it.")

# SK1xx: references and structure.
UNKNOWN_REFERENCE = CODES.register("SK101", "unknown-reference", _E, "A reference names an id that does not exist.")
DUPLICATE_ID = CODES.register("SK102", "duplicate-id", _E, "The same id is defined twice.")

# SK5xx: one line of `evaluate --events` or one row of an `audit` log (skipped; the rest still run).
LINE_UNREADABLE = CODES.register("SK501", "unreadable-line", _E, "A line is not UTF-8 text or not JSON (or nested too deeply).")
LINE_NOT_OBJECT = CODES.register("SK502", "line-not-an-object", _E, "A JSON line holds something other than an object.")
FIELD_MISSING = CODES.register("SK503", "missing-field", _E, "A required field of an event or a log row is missing or empty.")
FIELD_INVALID = CODES.register("SK504", "invalid-field", _E, "A field has the wrong type or a value out of range.")
FIELD_UNKNOWN_ID = CODES.register("SK505", "unknown-id", _E, "A channel or category the policy does not know.")
FIELD_BAD_TIME = CODES.register("SK506", "bad-time", _E, "A time cannot be read or lies outside the years handled.")
OUTSIDE_HORIZON = CODES.register("SK507", "outside-horizon", _E, "An arrival lies outside the compiled horizon.")
ROW_FIELD_COUNT = CODES.register("SK508", "wrong-field-count", _E, "A CSV row has more or fewer fields than the header.")
DUPLICATE_MESSAGE = CODES.register("SK509", "duplicate-message", _E, "A message id was already read; it is counted once.")
TIME_ORDER = CODES.register("SK510", "times-out-of-order", _E, "A reply is before the arrival, or over a year after it.")

# SK324-SK328: one row of a moderation log that the policy does not allow (`audit --moderation-log`; counted, never skipped).
MODERATION_PROTECTED = CODES.register(
    "SK324", "log-protected-removed", _E, "A moderation log row hides, deletes or blocks protected content."
)
MODERATION_NOT_ALLOWED = CODES.register(
    "SK325", "log-action-not-allowed", _E, "A moderation log row takes an action the policy does not allow there."
)
MODERATION_STEP_MISSING = CODES.register(
    "SK326", "log-step-missing", _E, "A moderation log row lacks a step the policy requires before the action."
)
MODERATION_NOT_APPROVED = CODES.register(
    "SK327", "log-approval-missing", _E, "A moderation log row lacks the approval the policy requires."
)
MODERATION_LOG_CODES = ("SK324", "SK325", "SK326", "SK327", "SK328")
MODERATION_NO_WARNING = CODES.register(
    "SK328", "log-block-without-warning", _E, "A moderation log row blocks an author the ladder says to warn first."
)


def problem(code: Code, message: str, *, file=None, line=None, column=None, json_path="$") -> Problem:
    return Problem(code.code, code.severity, message, file, line, column, json_path)


def has_errors(problems) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)
