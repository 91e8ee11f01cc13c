"""The list of what kwalibot stores (bot.privacy.stored) and docs/privacy.md say the same."""
from pathlib import Path

import pytest

from bot.privacy.stored import STORED

DOC = (Path(__file__).resolve().parents[2] / "docs" / "privacy.md").read_text()


@pytest.mark.parametrize("item", STORED, ids=lambda item: item.name)
def test_every_stored_item_is_described_in_both_languages(item):
    dutch, english = DOC.split("## English")
    assert f"**{item.name}**" in dutch and f"**{item.name}**" in english


@pytest.mark.parametrize("variable", ["KWALIBOT_RETENTION_DAYS", "KWALIBOT_PSEUDONYM_SECRET", "KWALIBOT_PSEUDONYMISE",
                                      "KWALIBOT_LOG_TEXT", "KWALIBOT_TRACKER_URL"])
def test_every_privacy_setting_is_documented(variable):
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert variable in DOC and f"`{variable}`" in readme
