"""The site's conditions as mkdocs.yml gives them (the triage-site plugin's settings), so tests
loop over every installed condition, never over a list of their own."""
import pathlib

import yaml

from support import ROOT


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
_Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: None)


def settings(project: pathlib.Path = ROOT) -> dict:
    """The triage-site plugin's settings in a project's mkdocs.yml, as written."""
    config = yaml.load((pathlib.Path(project) / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "triage-site" in plugin:
            return plugin["triage-site"]
    raise AssertionError("mkdocs.yml does not enable the triage-site plugin")


def site_name(project: pathlib.Path = ROOT) -> str:
    return yaml.load((pathlib.Path(project) / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)["site_name"]


def condition_ids(project: pathlib.Path = ROOT) -> list:
    return list(settings(project)["conditions"])


def default_condition(project: pathlib.Path = ROOT) -> str:
    return settings(project)["default_condition"]
