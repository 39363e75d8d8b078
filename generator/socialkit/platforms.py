"""Facts about the platforms that the rules and the playbook both need."""

from __future__ import annotations

# Characters a profile description ("bio") takes on the platforms that limit it tightly.
# X: "description ... Maximum of 160 characters", X API reference, POST account/update_profile
#   (developer.twitter.com/en/docs/accounts-and-users/manage-account-settings/api-reference/post-account-update_profile).
# Instagram 150 and TikTok 80: what each app's "Edit profile" form accepts (Instagram Help Center, "Edit your
#   profile"; TikTok Support, "Editing your profile"); their help pages were not in the stored copies we could
#   check, and third-party guides give the same figures. Re-check when a platform changes its form.
PROFILE_LIMITS = {"instagram": 150, "x": 160, "tiktok": 80}
