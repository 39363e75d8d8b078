"""How long the committed policy still answers: a warning before its compiled horizon ends, an error after.

`policies/policy.json` holds opening windows and rota shifts from `provenance.as_of` for
`provenance.horizon_days` days. Past that, `evaluate`, the OPA bundle and the rota page have
nothing to say, so `validate` and `build --check` look at the committed file against today.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from socialkit.problems import HORIZON_ENDED, HORIZON_ENDING, Problem, problem


@dataclass(frozen=True)
class Horizon:
    as_of: date
    days: int

    @property
    def end(self) -> date:
        """The first day the policy no longer covers (windows run from as_of for `days` days)."""
        return self.as_of + timedelta(days=self.days)


def today() -> date:
    """The one clock of these checks; tests pass a date to `horizon_problems` instead."""
    return date.today()


def committed_horizon(policy_file: Path) -> Horizon | None:
    """The horizon recorded in a policy.json; None when there is none to judge (not built yet, unreadable)."""
    from socialkit.safepath import UnsafePath, read_regular

    try:
        data = read_regular(policy_file)  # never through a link, never blocking on a FIFO
        if data is None:
            return None
        provenance = json.loads(data)["provenance"]
        return Horizon(date.fromisoformat(provenance["as_of"]), int(provenance["horizon_days"]))
    except (OSError, UnsafePath, ValueError, KeyError, TypeError, RecursionError):
        return None


def horizon_problems(horizon: Horizon | None, *, today: date, warn_days: int, file: str) -> list[Problem]:
    """SK051 once the horizon has ended, SK050 when it ends within `warn_days` days of `today`."""
    if horizon is None:
        return []
    left = (horizon.end - today).days
    built = f"built for {horizon.as_of.isoformat()} + {horizon.days} days"
    fix = f"rebuild it from today: socialkit build --as-of {today.isoformat()} (and move as_of in pyproject.toml if it is pinned)"
    if left <= 0:
        return [
            problem(
                HORIZON_ENDED,
                f"the committed policy ended on {horizon.end.isoformat()} ({built}); the playbook's rota and the calendars "
                f"have stopped, and deadlines come only from recompiling the rules (Python, for 10 years) or the OPA "
                f"bundle's longer span; {fix}",
                file=file,
            )
        ]
    if left <= warn_days:
        days = "1 day" if left == 1 else f"{left} days"
        return [
            problem(
                HORIZON_ENDING,
                f"the committed policy ends on {horizon.end.isoformat()}, in {days} ({built}); {fix}",
                file=file,
            )
        ]
    return []


def check_committed(settings, *, on: date | None = None) -> list[Problem]:
    """The horizon problems of the project's policies/policy.json, with the project's rule settings applied."""
    policy_file = settings.path(settings.policies_dir) / "policy.json"
    shown = policy_file.relative_to(settings.root).as_posix() if policy_file.is_relative_to(settings.root) else str(policy_file)
    found = horizon_problems(committed_horizon(policy_file), today=on or today(), warn_days=settings.horizon_warn_days, file=shown)
    if not found:
        return []  # the rules package (and numpy behind it) is loaded only when there is something to configure
    from socialkit.checks import RuleConfig

    return RuleConfig.from_settings(settings.rules).apply(found)
