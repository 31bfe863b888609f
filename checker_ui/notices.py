"""Site-wide notices that every output says the same way, defined once.

The disclaimer appears on the checker's result, the light pages' footer, the offline file and
bundle, and the site's own pages (`{disclaimer}`, filled by site_build/texts.py); the audience
note on the result and the checker pages (`{audience}`). Both rest on the site's editorial policy
(about.md), not on one condition's rules. Keeping each one wording here, in a pure module the
browser also runs, means no page can say it differently.
"""

DISCLAIMER = ("This is general information, not a diagnosis. It does not replace a doctor, "
              "pharmacist or other health professional. If you are worried, or things get worse, "
              "contact a doctor. In an emergency, call {emergency_number}.")
DISCLAIMER_SOURCE = "about/#disclaimer"
AUDIENCE = "This checker is for adults (16 and over). For a child, talk to a doctor or pharmacist."
AUDIENCE_SOURCE = "about/#policy-adults"


def disclaimer(emergency_number=None) -> str:
    """The disclaimer with the number to call; None keeps `{emergency_number}` for the site's
    own setting to fill later (site pages)."""
    if emergency_number is None:
        return DISCLAIMER
    return DISCLAIMER.replace("{emergency_number}", str(emergency_number))
