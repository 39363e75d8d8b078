"""The time engine: opening hours, business-clock deadlines and rotas.

Pure and fast. Everything inside works on integer UTC epoch seconds:
compile a spec once (`compile_schedule`, `compile_rota`), then query the
compiled plain data with the scalar or the numpy batch functions.
See docs/guide/time.md for the semantics.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from socialkit.engine.deadlines import (
        business_deadline,
        business_deadlines,
        calendar_deadline,
        closes_at,
        end_of_next_business_day,
        end_of_next_business_days,
        is_open,
        is_open_many,
        next_open,
        next_open_many,
        open_seconds_between,
    )
    from socialkit.engine.errors import HorizonError
    from socialkit.engine.holidays import SUPPORTED_NAMED_DAYS, closed_days, holiday_names, named_day
    from socialkit.engine.localtime import local_to_utc, utc_to_local, wall_to_utc
    from socialkit.engine.rota import CompiledRota, compile_rota, on_duty, rota_to_plain
    from socialkit.engine.spec import (
        Closure,
        DayHours,
        HolidayRules,
        Interval,
        RotaLayer,
        RotaOverride,
        RotaSpec,
        RotaTurn,
        ScheduleSpec,
        Season,
        SpecialHours,
    )
    from socialkit.engine.windows import CompiledSchedule, compile_schedule, schedule_from_plain, schedule_to_plain
    from socialkit.engine.workdays import working_day_deadline, working_day_deadlines

__all__ = [
    # spec
    "Interval",
    "DayHours",
    "Season",
    "SpecialHours",
    "Closure",
    "HolidayRules",
    "ScheduleSpec",
    "RotaLayer",
    "RotaOverride",
    "RotaSpec",
    "RotaTurn",
    # compile
    "CompiledSchedule",
    "compile_schedule",
    "schedule_to_plain",
    "schedule_from_plain",
    "CompiledRota",
    "compile_rota",
    "rota_to_plain",
    # queries
    "HorizonError",
    "is_open",
    "next_open",
    "closes_at",
    "open_seconds_between",
    "business_deadline",
    "end_of_next_business_day",
    "calendar_deadline",
    "is_open_many",
    "next_open_many",
    "business_deadlines",
    "end_of_next_business_days",
    "working_day_deadline",
    "working_day_deadlines",
    "on_duty",
    # calendars and local time
    "SUPPORTED_NAMED_DAYS",
    "closed_days",
    "holiday_names",
    "named_day",
    "wall_to_utc",
    "local_to_utc",
    "utc_to_local",
]

# Each name is imported from its module when first used: a policy read from policies/policy.json needs the
# queries (deadlines, workdays, compiled) but not the compiler, the calendars or the rota records.
_MODULES = {
    "socialkit.engine.deadlines": (
        "business_deadline business_deadlines calendar_deadline closes_at end_of_next_business_day "
        "end_of_next_business_days is_open is_open_many next_open next_open_many open_seconds_between"
    ),
    "socialkit.engine.errors": "HorizonError",
    "socialkit.engine.holidays": "SUPPORTED_NAMED_DAYS closed_days holiday_names named_day",
    "socialkit.engine.localtime": "local_to_utc utc_to_local wall_to_utc",
    "socialkit.engine.rota": "CompiledRota compile_rota on_duty rota_to_plain",
    "socialkit.engine.spec": "Closure DayHours HolidayRules Interval RotaLayer RotaOverride RotaSpec RotaTurn ScheduleSpec Season SpecialHours",
    "socialkit.engine.compiled": "CompiledSchedule schedule_from_plain schedule_to_plain",
    "socialkit.engine.windows": "compile_schedule",
    "socialkit.engine.workdays": "working_day_deadline working_day_deadlines",
}
_WHERE = {name: module for module, names in _MODULES.items() for name in names.split()}


def __getattr__(name: str) -> object:
    if name not in _WHERE:
        raise AttributeError(f"module 'socialkit.engine' has no attribute '{name}'")
    import importlib

    value = getattr(importlib.import_module(_WHERE[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])
