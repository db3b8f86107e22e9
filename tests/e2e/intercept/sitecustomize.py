"""Test only: send the Rasa process's Twilio, Slack and Messenger API calls to a local recording server.

The e2e messaging test puts this folder on the PYTHONPATH of the Rasa server
it starts, with ``INTERCEPT_PLATFORM_APIS`` set to its recorder. These client
libraries have no setting that Rasa's connectors pass on for their API
address, so only the address is swapped where each library keeps it; the
requests themselves (path, body, authentication) are the libraries' own.
Telegram needs nothing here: its connector has an ``api_server`` setting.
Nothing here runs in production: the folder is never on the path outside this test.
"""

from __future__ import annotations

import os
from typing import Any

_target = os.environ.get("INTERCEPT_PLATFORM_APIS", "").rstrip("/")


def _redirect(url: str, public: str, local: str) -> str:
    return local + url[len(public):] if url.startswith(public) else url


if _target:
    from fbmessenger import MessengerClient
    from slack_sdk.web.async_client import AsyncWebClient
    from twilio.base.domain import Domain

    _domain_init = Domain.__init__
    _slack_init = AsyncWebClient.__init__
    _messenger_init = MessengerClient.__init__

    def _local_domain_init(self: Domain, twilio: Any, base_url: str) -> None:
        _domain_init(self, twilio, _redirect(base_url, "https://api.twilio.com", f"{_target}/twilio"))

    def _local_slack_init(self: AsyncWebClient, *args: Any, **kwargs: Any) -> None:
        _slack_init(self, *args, **kwargs)
        self.base_url = _redirect(self.base_url, "https://slack.com/api/", f"{_target}/slack/api/")

    def _local_messenger_init(self: MessengerClient, *args: Any, **kwargs: Any) -> None:
        _messenger_init(self, *args, **kwargs)
        self.graph_url = _redirect(self.graph_url, "https://graph.facebook.com", f"{_target}/facebook")

    Domain.__init__ = _local_domain_init  # type: ignore[method-assign]
    AsyncWebClient.__init__ = _local_slack_init  # type: ignore[method-assign]
    MessengerClient.__init__ = _local_messenger_init  # type: ignore[method-assign]
