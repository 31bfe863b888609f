"""The site's conditions as the build reads them: mkdocs.yml loaded and checked by MkDocs itself
(the triage-site plugin's settings), so tests loop over every installed condition, never a list
of their own."""
import functools
import os

from support import ROOT


@functools.lru_cache(maxsize=None)
def settings(config_file: str = str(ROOT / "mkdocs.yml")):
    """The triage-site plugin's validated settings (site_build.config.TriageSiteConfig)."""
    from mkdocs.config import load_config

    cwd = os.getcwd()
    try:
        os.chdir(os.path.dirname(config_file))
        config = load_config(config_file)
    finally:
        os.chdir(cwd)
    return config.plugins["triage-site"].config


def condition_ids() -> list:
    return list(settings().conditions)


def default_condition() -> str:
    return settings().default_condition
