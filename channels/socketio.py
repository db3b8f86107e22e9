"""The socket.io channel (chat widgets) with the no-silence guard."""

from __future__ import annotations

from typing import Text

from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint

from channels.guard import OnNewMessage, guard


class GuardedSocketIOInput(SocketIOInput):
    """Rasa's socket.io input; a turn without a reply gets the apology."""

    @classmethod
    def name(cls) -> Text:
        """Keep the name (and URL) ``socketio``."""
        return "socketio"

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        """Rasa's blueprint around the guarded handler."""
        return super().blueprint(guard(on_new_message))
