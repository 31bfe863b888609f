"""The `triage-site` MkDocs plugin: every output of every condition, from the rules and the site
settings (site_build/config.py).

Only the glue to MkDocs is here: each event method calls pure builder functions in the modules
next to this one and keeps what later events need on the plugin instance, reset in `on_config`
at the start of every build (and rebuild under `serve`). Nothing is kept at module level.

Events, in the order MkDocs calls them in a build:
1. on_config: settings checked (config.py), rules compiled, every condition's folder, pages and
   nav entries checked, the "Choose a checker" page put in the nav when there are several.
2. on_files: titles of the cited sections; the generated pages (checker, step-by-step, embed,
   chooser) added; the embed scripts filled in.
3. on_env: the `long_date` filter and the `triage_texts` global (the disclaimer).
4. on_page_markdown: the partners page's live parts, then placeholders filled: the condition's
   texts (texts.py) before the site settings (page_settings.py), which report any left over.
   on_page_content: care cards marked with their level's tier (care_cards.py).
5. on_page_context (on_template_context for static templates such as 404.html): the template
   variables (`triage_site`, `triage_condition`, `triage_checker_url`, `checker`, `page_css`).
6. on_post_page / on_post_template: the Content-Security-Policy, last of all plugins (it hashes
   the finished page's inline scripts).
7. on_post_build, in this order: the runtime copied, the rules verified against the built
   anchors, the offline files and bundles, the FHIR resources, the Download page's figures, and
   last a check that every condition has every output.
"""
import logging
import os
import pathlib
import posixpath

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, InclusionLevel

from site_build import (bundle, care_cards, checker_page, condition_pages, csp, embed_data, fhir, offline,
                        page_settings, partners, runtime, sources, standalone, static_flow, texts, verify_rules)
from site_build.config import TriageSiteConfig
from triage_core import catalog

log = logging.getLogger("mkdocs.plugins.triage_site")

# Pages every condition needs in docs/<id>/: the overview, and the care cards the rules cite.
REQUIRED_PAGES = ("index.md", "when-to-get-help.md")
# Where shared pages list every condition: without its marker, a page would leave conditions out.
MARKERS = {partners.PAGE: (partners.CONDITIONS_MARKER, partners.MARKER),
           "download.md": (condition_pages.DOWNLOADS_MARKER,)}


def nav_sources(nav) -> list:
    """Every page path (src_uri) the nav config lists."""
    found = []
    if isinstance(nav, str):
        found.append(nav)
    elif isinstance(nav, list):
        for item in nav:
            found.extend(nav_sources(item))
    elif isinstance(nav, dict):
        for value in nav.values():
            found.extend(nav_sources(value))
    return found


def with_condition_checkers(nav: list, condition_ids: list) -> list:
    """The nav with the chooser after the default checker's entry and each condition's checker
    at the end of the section holding its overview (a copy; the config's own is left alone)."""
    out = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            (title, value), = item.items()
            if isinstance(value, list):
                value = with_condition_checkers(value, condition_ids)
                for cid in condition_ids:
                    if "%s/index.md" % cid in nav_sources(value):
                        value = value + [{"Symptom checker": condition_pages.checker_src(cid)}]
                item = {title: value}
            out.append(item)
            if value == condition_pages.DEFAULT_CHECKER:
                out.append({condition_pages.CHOOSER_TITLE: condition_pages.CHOOSER})
        else:
            out.append(item)
            if item == condition_pages.DEFAULT_CHECKER:
                out.append({condition_pages.CHOOSER_TITLE: condition_pages.CHOOSER})
    return out


def folder_problems(docs_dir: str, condition_ids: list, nav) -> list:
    """What is missing for the conditions' article folders, each naming its file."""
    problems = []
    for entry in sorted(os.listdir(docs_dir)):
        folder = os.path.join(docs_dir, entry)
        if os.path.isdir(folder) and entry not in condition_ids and any(
                name.endswith(".md") for _, _, names in os.walk(folder) for name in names):
            problems.append("docs/%s/ has pages but no condition settings: add conditions.%s under the "
                            "triage-site plugin in mkdocs.yml" % (entry, entry))
    listed = set(nav_sources(nav)) if nav is not None else None
    for cid in condition_ids:
        for name in REQUIRED_PAGES:
            src = "%s/%s" % (cid, name)
            if not os.path.isfile(os.path.join(docs_dir, cid, name)):
                problems.append("docs/%s is missing: every condition needs %s" % (src, " and ".join(REQUIRED_PAGES)))
            elif listed is not None and src not in listed:
                problems.append("docs/%s is not in the nav of mkdocs.yml" % src)
    return problems


def generated_sources(condition_ids: list, default: str) -> list:
    """The pages the plugin writes: none of them may also be written by hand."""
    out = [condition_pages.DEFAULT_CHECKER, condition_pages.DEFAULT_EMBED]
    if len(condition_ids) > 1:
        out.append(condition_pages.CHOOSER)
    for cid in condition_ids:
        out += [condition_pages.checker_src(cid), condition_pages.embed_src(cid),
                condition_pages.static_dir(cid) + "index.md"]
    return out + [condition_pages.static_dir(default, True) + "index.md"]


# The addresses every condition's outputs have (README, partners page), spelled out here and not
# taken from the builders, so a builder that writes elsewhere or nothing is caught.
OUTPUTS = ("{id}/checker/index.html", "{id}/checker/static/index.html", "embed/{id}/index.html",
           "download/{id}/checker-offline.html", "download/{id}/checker-bundle.zip",
           "fhir/Questionnaire-{id}.json", "fhir/CodeSystem-{id}.json")
DEFAULT_OUTPUTS = ("checker/index.html", "checker/static/index.html", "embed/index.html",
                   "download/checker-offline.html", "download/checker-bundle.zip")


def expected_outputs(condition_id: str, default: bool) -> list:
    """Site-relative files every condition must have after the build."""
    return [rel.format(id=condition_id) for rel in OUTPUTS] + (list(DEFAULT_OUTPUTS) if default else [])


def relative_url(from_url: str, to_url: str) -> str:
    """A link from one site-relative page URL to another (Home's URL is "")."""
    return static_flow.relative(from_url, to_url)


class TriageSitePlugin(BasePlugin[TriageSiteConfig]):
    """Builds every condition's checker, step-by-step pages, embed frame, offline file, bundle and
    FHIR resources, and refuses a build where any of them, or a page they cite, is missing."""

    supports_multiple_instances = False

    def __init__(self):
        self._reset()

    def _reset(self):
        self.titles = {}          # "page/#id" -> section title, for the checkers' source links
        self.page_css = ""        # the light pages' inline styles
        self.embeds = {}          # condition id -> site-relative URL of its partner frame
        self.checker_urls = {}    # condition id -> site-relative URL of its checker
        self.static_dirs = {}     # checker page src_uri -> site-relative folder of its step-by-step pages

    # -- 1 ----------------------------------------------------------------------------------------
    def on_config(self, config):
        self._reset()
        site = self.config
        site.published_url = standalone.published_url(site.published_url, config.site_url)
        ids = list(site.conditions)
        unlisted = [cid for cid in catalog.condition_ids() if cid not in ids]
        if unlisted:
            raise PluginError("\n  ".join(["rules files with no site settings:"] + [
                "%s: add conditions.%s under the triage-site plugin in mkdocs.yml" % (
                    verify_rules.rules_path(cid), cid) for cid in unlisted]))
        verify_rules.load(ids)
        problems = folder_problems(config.docs_dir, ids, config.nav)
        for src in generated_sources(ids, site.default_condition):
            if os.path.isfile(os.path.join(config.docs_dir, src)):
                problems.append("docs/%s: the triage-site plugin makes this page; remove the file" % src)
        if problems:
            raise PluginError("\n  ".join(["the site's conditions are not complete:"] + problems))
        if config.nav is not None and len(ids) > 1:
            config.nav = with_condition_checkers(config.nav, ids)
        for cid in ids:
            default = cid == site.default_condition
            self.checker_urls[cid] = "checker/" if default else "%s/checker/" % cid
            self.embeds[cid] = "embed/" if default else "embed/%s/" % cid
        return config

    # -- 2 ----------------------------------------------------------------------------------------
    def on_files(self, files, config):
        import triage_core

        site = self.config
        self.titles = sources.site_titles(files)
        self.page_css = checker_page.inline_css()
        checker_page.without_inline_only(files)
        listed = set(nav_sources(config.nav)) if config.nav is not None else set()

        def add(src, content):
            inclusion = InclusionLevel.INCLUDED if src in listed else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, src, content=content, inclusion=inclusion))

        def url_of(src):
            return File(src, None, "", config.use_directory_urls).url

        for cid, settings in site.conditions.items():
            condition = triage_core.get_condition(cid)
            places = [(condition_pages.checker_src(cid), condition_pages.embed_src(cid),
                       condition_pages.static_dir(cid))]
            if cid == site.default_condition:
                places.append((condition_pages.DEFAULT_CHECKER, condition_pages.DEFAULT_EMBED,
                               condition_pages.static_dir(cid, True)))
            for checker_src, embed_src, flow_dir in places:
                checker_url = url_of(checker_src)
                add(checker_src, condition_pages.checker_markdown(
                    condition, settings, checker_page.root_of(checker_url)))
                add(embed_src, condition_pages.embed_markdown(condition, settings))
                self.static_dirs[checker_src] = self.static_dirs[embed_src] = flow_dir
                for src, markdown in static_flow.render_pages(cid, site.emergency_number, self.titles, checker_url,
                                                              config.use_directory_urls, flow_dir):
                    add(src, markdown)
        if len(site.conditions) > 1:
            add(condition_pages.CHOOSER, condition_pages.chooser_markdown(
                site.conditions, {cid: triage_core.get_condition(cid)["title"] for cid in site.conditions}))
        return embed_data.filled_files(files, config, self.embeds)

    # -- 3 ----------------------------------------------------------------------------------------
    def on_env(self, env, config, files):
        env.filters["long_date"] = page_settings.long_date
        # A global, so every template has it, a page's or not (404, a theme page).
        env.globals["triage_texts"] = texts.site_texts(self.config.emergency_number)
        return env

    # -- 4 ----------------------------------------------------------------------------------------
    def on_page_markdown(self, markdown, page, config, files):
        site = self.config
        src = page.file.src_uri
        missing = page_settings.condition_problem(src, page.meta, site.conditions)
        if missing:
            log.warning("%s: %s", src, missing)
        for marker in MARKERS.get(src, ()):
            if marker not in markdown:
                log.warning("%s: %s is missing, so the page would not list every condition", src, marker)
        if src == partners.PAGE:
            markdown = partners.page_markdown(markdown, site.published_url, site.default_condition, self.embeds)
        if condition_pages.DOWNLOADS_MARKER in markdown:
            import triage_core
            markdown = markdown.replace(condition_pages.DOWNLOADS_MARKER, condition_pages.downloads_markdown(
                list(site.conditions), {cid: triage_core.get_condition(cid)["title"] for cid in site.conditions}))
        condition_id = page.meta.get("checker") or page_settings.page_condition(
            src, site.conditions, site.default_condition)
        markdown = texts.fill_page(markdown, condition_id, src, {f.src_uri for f in files.documentation_pages()})
        values, keys = page_settings.page_values(site, condition_id)
        filled, problems = page_settings.fill(markdown, values, keys)
        for problem in problems:
            log.warning("%s: %s", src, problem)
        return filled

    def on_page_content(self, html, page, config, files):
        """Care cards on a condition's pages get their level and tier from its rules."""
        src = page.file.src_uri
        condition_id = care_cards.page_condition(src, list(self.config.conditions))
        if care_cards.CARD not in html:
            return html
        if condition_id is None:
            if care_cards.MODIFIER in html:
                log.warning("%s: has a care card, but is in no condition's folder, so its level means "
                            "nothing", src)
            return html
        import triage_core
        marked, problems = care_cards.mark(html, triage_core.get_condition(condition_id)["levels"])
        for problem in problems:
            log.warning("%s: %s", src, problem)
        return marked

    # -- 5 ----------------------------------------------------------------------------------------
    def on_page_context(self, context, page, config, nav):
        site = self.config
        src = page.file.src_uri
        condition_id = page.meta.get("checker") or page_settings.page_condition(
            src, site.conditions, site.default_condition)
        if condition_id not in site.conditions:
            raise PluginError("%s: checker %r is not one of the site's conditions" % (src, condition_id))
        settings = site.conditions[condition_id]
        context["page_css"] = self.page_css  # used by the light pages; theme pages ignore it
        context["triage_site"] = site
        context["triage_condition"] = {"id": condition_id, "name": settings.name,
                                       "alternate_name": settings.alternate_name,
                                       "reviewed": settings.reviewed, "review_due": settings.review_due}
        context["triage_checker_url"] = relative_url(page.url, self.checker_urls[condition_id])
        if page.meta.get("checker"):
            root = checker_page.root_of(page.url)
            context["checker"] = checker_page.checker_context(
                condition_id, site, self.titles, root, root,
                static_flow=self.static_dirs.get(src, condition_pages.static_dir(condition_id)),
                site_name=config.site_name)
        return context

    def on_template_context(self, context, template_name, config):
        """Static templates (404.html) have no page: they get the site's settings and the default
        condition's checker, from the site root (`base_url`)."""
        site = self.config
        context["page_css"] = self.page_css
        context["triage_site"] = site
        context["triage_checker_url"] = (context.get("base_url") or ".").rstrip("/") + "/" + \
            self.checker_urls[site.default_condition]
        return context

    # -- 6 ----------------------------------------------------------------------------------------
    @event_priority(-100)
    def on_post_page(self, output, page, config):
        return csp.with_policy(output)

    @event_priority(-100)
    def on_post_template(self, output_content, template_name, config):
        """Static templates (404.html) are not pages, but people land on them all the same."""
        return csp.with_policy(output_content) if template_name.endswith(".html") else output_content

    # -- 7 ----------------------------------------------------------------------------------------
    def on_post_build(self, config):
        site = self.config
        site_dir = pathlib.Path(config.site_dir)
        ids = list(site.conditions)
        runtime.publish(site_dir)
        verify_rules.verify_built(site_dir, ids)
        if not site.published_url:
            log.info(standalone.missing_url_note())  # a fork's or a local build: not an error
        figures = {}
        for cid in ids:
            default = cid == site.default_condition
            flow = condition_pages.static_dir(cid)
            data = offline.build(config, site, cid, self.titles, flow)
            digests = [offline.write(site_dir, rel, data) for rel in offline.out_paths(cid, default)]
            if default:
                info = standalone.version_info(cid)
                figures.update({"offline-sha256": digests[0], "offline-size": offline.size(len(data)),
                                "version": "%s (rules %s)" % (info["package"], info["rules"]),
                                "date": info["date"]})
            data = bundle.build(config, site, cid, self.titles, flow)
            digests = [offline.write(site_dir, rel, data) for rel in bundle.out_paths(cid, default)]
            if default:
                figures.update({"bundle-sha256": digests[0], "bundle-size": offline.size(len(data))})
        fhir.write(site_dir, fhir.resources(site, config.site_name))
        standalone.fill_page(site_dir / "download" / "index.html", figures)
        missing = ["%s: %s was not built" % (cid, posixpath.join(config.site_dir, rel))
                   for cid in ids for rel in expected_outputs(cid, cid == site.default_condition)
                   if not (site_dir / rel).is_file()]
        if missing:
            raise PluginError("\n  ".join(["a condition lacks an output:"] + missing))
