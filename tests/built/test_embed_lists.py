"""The lists embed.js and the frame accept are the installed conditions and their levels, as
the rules give them, and a condition left out stops the build."""
import json
import re

import pytest
from mkdocs.exceptions import PluginError

import triage_core
from site_build import embed_data


def written_data(site_dir, path):
    text = (site_dir / path).read_text(encoding="utf-8")
    assert embed_data.MARKER not in text
    return json.loads(re.search(r"var DATA = (\{.*?\});\n", text).group(1))


def test_loader_and_frame_accept_every_installed_condition_and_its_levels(site_dir):
    loader = written_data(site_dir, "embed.js")["conditions"]
    frame = written_data(site_dir, "assets/checker/embed-frame.js")["levels"]
    installed = sorted(triage_core.condition_ids())
    assert sorted(loader) == sorted(frame) == installed
    for cid in installed:
        levels = [level["id"] for level in triage_core.get_condition(cid)["levels"]]
        assert loader[cid]["levels"] == frame[cid] == levels
        assert loader[cid]["title"] == triage_core.get_condition(cid)["title"]


def test_an_installed_condition_without_embed_page_stops_the_build():
    with pytest.raises(PluginError, match="hiccups has no embed page"):
        embed_data.accepted({"fasciculations": "embed/"}, ["fasciculations", "hiccups"])
    with pytest.raises(PluginError, match="gone has an embed page"):
        embed_data.accepted({"gone": "embed/gone/"}, [])
    assert embed_data.accepted({"a": "embed/"}, ["a"]) == {"a": "embed/"}
