"""The REST channel (``/webhooks/rest/webhook``) with the no-silence guard."""

from __future__ import annotations

from typing import Text

from rasa.core.channels.rest import RestInput
from sanic import Blueprint

from channels.guard import OnNewMessage, guard


class GuardedRestInput(RestInput):
    """Rasa's REST input; a turn without a reply gets the apology instead of ``[]``."""

    @classmethod
    def name(cls) -> Text:
        """Keep the URL ``/webhooks/rest/webhook``."""
        return "rest"

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        """Rasa's blueprint around the guarded handler."""
        return super().blueprint(guard(on_new_message))
