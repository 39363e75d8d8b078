"""Public import path of the policy API: `from socialkit.policy import Policy`.

The implementation lives in `socialkit.runtime`; this module keeps the path
that users and the guide know.
"""

from socialkit.runtime.policy import *  # noqa: F401,F403
from socialkit.runtime.policy import __all__  # noqa: F401
