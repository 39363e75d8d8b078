"""socialkit: a social media strategy kept as YAML, turned into checks, a playbook and policy."""

# The one version source: the wheel's metadata (hatch) and `socialkit --version` both read it.
__version__ = "0.1.0"
# The name on the package index ("socialkit" there is an unrelated project); import name and command stay "socialkit".
DISTRIBUTION = "socialkit-policy"

# The identifier of the policy document format (policies/policy.json "format").
POLICY_FORMAT = "socialkit.policy/v1"
# The arrival-dependent target "by the end of the next business day", in strategy and policy alike.
END_OF_NEXT_BUSINESS_DAY = "end-of-next-business-day"
# Where socialkit lives: the pre-commit hooks and the user guide referenced by `socialkit init`.
REPOSITORY = "https://github.com/socialkit/socialkit"
GUIDE = REPOSITORY + "/blob/main/docs/guide"
