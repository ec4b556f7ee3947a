"""Without Chromium, browser tests skip with install advice, or fail when REQUIRE_BROWSER=1."""
import pytest

import support


def test_missing_chromium_skips_with_install_advice(monkeypatch):
    monkeypatch.setattr(support, "CHROMIUM", None)
    monkeypatch.delenv("REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        support.need_chromium()


def test_missing_chromium_fails_when_required(monkeypatch):
    monkeypatch.setattr(support, "CHROMIUM", None)
    monkeypatch.setenv("REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="REQUIRE_BROWSER=1"):
        support.need_chromium()
