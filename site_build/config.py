"""The site settings of the `triage-site` plugin (mkdocs.yml, `plugins: - triage-site:`), checked
when MkDocs reads its config, before any page is built.

Every problem is reported with its key (`conditions.<id>.reviewed`, `default_condition`, ...), all
of them at once, so a site editor fixes the file in one go. The settings:

- `emergency_number`: what to call in an emergency; pages, the checker and its step-by-step pages
  say it wherever the text has `{emergency_number}`.
- `published_url`: where the site is published (http:// or https://, made to end in `/`); the
  offline file, the bundle, the partners page and the FHIR resources name it. Empty: the
  plugin falls back to `site_url`, and the build log says what a missing address affects.
- `default_condition`: the condition served at today's addresses (`checker/`, `embed/`,
  `download/checker-offline.html`, ...), and whose review dates the site-wide pages (Home, About:
  pages in no condition's folder) give for `{reviewed}` and `{review_due}`.
- `conditions.<id>`: one entry for each condition the site publishes. `<id>` is the rules file
  `triage_core/conditions/<id>.json` and the article folder `docs/<id>/`. `name` and
  `alternate_name` are the schema.org MedicalCondition named in its pages' structured data;
  `reviewed` and `review_due` (ISO dates, YYYY-MM-DD) are its pages' review dates.
"""
import datetime
import os

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError


def rules_dir() -> str:
    """Where the rules files are: the triage_core package's own `conditions/` folder."""
    from triage_core import catalog
    return catalog.conditions_dir()


class IsoDate(c.BaseConfigOption):
    """A date written YYYY-MM-DD (YAML may already have read it as a date); kept as that text."""

    def run_validation(self, value):
        if value is None:
            raise ValidationError("missing: a date written YYYY-MM-DD")
        if isinstance(value, datetime.date):
            return value.isoformat()
        if not isinstance(value, str):
            raise ValidationError("expected a date written YYYY-MM-DD, got %r" % (value,))
        try:
            return datetime.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            raise ValidationError("expected a date written YYYY-MM-DD, got %r" % value)


class Text(c.BaseConfigOption):
    """Text that is not empty (surrounding spaces dropped)."""

    def run_validation(self, value):
        if value is None:
            raise ValidationError("missing: text")
        if not isinstance(value, str) or not value.strip():
            raise ValidationError("expected text, got %r" % (value,))
        return value.strip()


class EveryError(base.Config):
    """A config that reports every option in error, not only the first one (MkDocs' own
    `Config._validate` stops at the first)."""

    def _validate(self):
        failed, warnings = [], []
        for key, option in self._schema:
            try:
                self[key] = option.validate(self.get(key))
                warnings.extend((key, w) for w in option.warnings)
                option.reset_warnings()
            except ValidationError as error:
                failed.append((key, error))
        for key in set(self.keys()) - self._schema_keys:
            warnings.append((key, "Unrecognised configuration name: %s" % key))
        return failed, warnings


class ConditionConfig(EveryError):
    """One condition's settings, kept with the condition."""
    name = Text()
    alternate_name = Text()
    reviewed = IsoDate()
    review_due = IsoDate()


class Conditions(c.BaseConfigOption):
    """{condition id: ConditionConfig}. Every error of every condition is reported, each with its
    full key; an id needs its rules file."""

    def run_validation(self, value):
        from triage_core.rules import is_id

        if not isinstance(value, dict) or not value:
            raise ValidationError("list at least one condition: conditions.<id> with name, "
                                  "alternate_name, reviewed and review_due")
        errors = []
        out = {}
        for cid, settings in value.items():
            key = "conditions.%s" % cid
            if not isinstance(cid, str) or not is_id(cid):
                errors.append("%s: %r is not a condition id (lower-case letters, digits and _)" % (key, cid))
                continue
            rules = os.path.join(rules_dir(), cid + ".json")
            if not os.path.isfile(rules):
                errors.append("%s: no rules file %s" % (key, rules))
            if not isinstance(settings, dict):
                errors.append("%s: expected name, alternate_name, reviewed and review_due" % key)
                continue
            sub = ConditionConfig()
            sub.load_dict(settings)
            failed, unknown = sub.validate()
            errors.extend("%s.%s: %s" % (key, k, e) for k, e in failed)
            errors.extend("%s.%s: not a condition setting (name, alternate_name, reviewed, review_due)"
                          % (key, k) for k, _ in unknown)
            if (not failed and sub.reviewed and sub.review_due
                    and sub.review_due <= sub.reviewed):
                errors.append("%s.review_due: %s is not after reviewed (%s)" % (key, sub.review_due, sub.reviewed))
            out[cid] = sub
        if errors:
            raise ValidationError("\n  ".join([""] + errors))
        return out


class Published(c.BaseConfigOption):
    """'' or an http(s) address, made to end in '/'."""

    def __init__(self):
        super().__init__()
        self.default = ""

    def run_validation(self, value):
        url = (value or "").strip() if isinstance(value, (str, type(None))) else None
        if url is None:
            raise ValidationError("expected an address, got %r" % (value,))
        if url and not url.startswith(("http://", "https://")):
            raise ValidationError("must start with http:// or https://: %r" % url)
        if url and not url.endswith("/"):
            url += "/"
        return url


class TriageSiteConfig(EveryError):
    emergency_number = Text()
    published_url = Published()
    default_condition = c.Type(str)
    conditions = Conditions()

    def validate(self):
        failed, warnings = super().validate()
        keys = {key for key, _ in failed}
        if not keys & {"default_condition", "conditions"} and self.default_condition not in self.conditions:
            failed.append(("default_condition", ValidationError(
                "%r is not one of conditions (%s)" % (self.default_condition, ", ".join(self.conditions)))))
        return failed, warnings
