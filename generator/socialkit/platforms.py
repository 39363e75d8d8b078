"""Facts about the platforms that the rules and the playbook both need."""

from __future__ import annotations

# Characters a profile description ("bio") takes on the platforms that limit it tightly.
# X: "description ... Maximum of 160 characters", X API reference, POST account/update_profile
#   (developer.twitter.com/en/docs/accounts-and-users/manage-account-settings/api-reference/post-account-update_profile).
# Instagram 150 and TikTok 80: what each app's "Edit profile" form accepts (Instagram Help Center, "Edit your
#   profile"; TikTok Support, "Editing your profile"); their help pages were not in the stored copies we could
#   check, and third-party guides give the same figures. Re-check when a platform changes its form.
PROFILE_LIMITS = {"instagram": 150, "x": 160, "tiktok": 80}


# What each platform lets an account do with other people's comments: a table of vendor facts.
#
# `True`: the account can do it; `False`: the platform offers no way to; a platform missing from the
# table (or a capability missing for it) is unknown, and socialkit then takes the strategy's first
# preference as possible. What each entry rests on (read in 2026):
#
# - facebook: a Page can hide or delete a comment, ban a person and turn comments off on a post; a
#   hidden comment stays visible to its author and their friends (Meta Graph API, comment `is_hidden`,
#   permission `pages_manage_engagement`; a walk-through of the Page settings:
#   https://support.bmcguiremarketing.com/portal/en/kb/articles/how-to-control-who-can-post-on-your-facebook-page-and-manage-comments).
# - instagram and threads: comments can be hidden (Instagram Graph API, comment `hide`), deleted, their
#   authors restricted or blocked, and commenting turned off per post
#   (https://www.antiban.pro/en/blog/23 describes the "turn off commenting" setting).
# - x: the author of a post can hide replies and block accounts, and choose who may reply; there is no
#   way to delete another account's reply ("Hide Replies", https://docs.x.com/x-api/posts/hide-replies/introduction:
#   "hidden replies are still accessible but require an extra click").
# - youtube: a channel can remove a comment, hide a user from the channel (a block) and disable
#   comments per video; there is no hiding one published comment while keeping it ("Comment moderation",
#   https://support.google.com/youtube/answer/111870; "Handle hurtful or inappropriate comments",
#   https://creatoracademy.youtube.com/page/lesson/connect-with-comments_handle-inappropriate-comments_list).
# - linkedin: Page admins can delete comments on the Page's posts and turn comments off on a post;
#   restricting a member only stops them messaging the Page, so there is no block and no hiding
#   (LinkedIn Help, "Member restrictions for LinkedIn Pages", answer a1513678).
# - tiktok: comments on the account's videos can be deleted (up to 100 at once) and their authors
#   blocked in bulk (https://www.gearxnews.com/2021/05/21/tiktok-allows-you-to-block-accounts-and-delete-comments-in-bulk/),
#   and comments turned off or limited per video; hiding is not in the table (its business API offers
#   it, the app does not), so it counts as unknown.
#
# Every platform listed lets the account report content to the platform.
CAPABILITIES = ("hide", "delete", "block", "comments-off", "report-to-platform")

_T, _F = True, False
PLATFORM_CAPABILITIES: dict[str, dict[str, bool]] = {
    "facebook": {"hide": _T, "delete": _T, "block": _T, "comments-off": _T, "report-to-platform": _T},
    "instagram": {"hide": _T, "delete": _T, "block": _T, "comments-off": _T, "report-to-platform": _T},
    "threads": {"hide": _T, "delete": _T, "block": _T, "comments-off": _T, "report-to-platform": _T},
    "x": {"hide": _T, "delete": _F, "block": _T, "comments-off": _T, "report-to-platform": _T},
    "youtube": {"hide": _F, "delete": _T, "block": _T, "comments-off": _T, "report-to-platform": _T},
    "linkedin": {"hide": _F, "delete": _T, "block": _F, "comments-off": _T, "report-to-platform": _T},
    "tiktok": {"delete": _T, "block": _T, "comments-off": _T, "report-to-platform": _T},
}


def capabilities(platform: str) -> dict[str, bool | None]:
    """Each capability for `platform`: True, False, or None where the table does not know."""
    known = PLATFORM_CAPABILITIES.get(platform, {})
    return {name: known.get(name) for name in CAPABILITIES}


def can(platform: str, action: str) -> bool:
    """Whether an account on `platform` can take `action` (unknown counts as possible; keep, warn and
    report-to-police need nothing from the platform)."""
    return PLATFORM_CAPABILITIES.get(platform, {}).get(action) is not False
