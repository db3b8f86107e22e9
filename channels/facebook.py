"""Facebook Messenger (``/webhooks/facebook/webhook``).

Rasa's connector checks ``X-Hub-Signature`` with the app secret. Its buttons
do not fit this assistant: a button template allows 3 buttons, titles of 20
characters and a text of 640 characters (most answers are longer, and
Messenger then refuses the whole message); with more buttons Rasa drops them.
Here a reply with buttons is the text with numbered options plus quick replies
labelled with the numbers; tapping one sends the button's payload, typing the
number works too (:mod:`channels.choices`). A turn without a reply gets the
apology (:func:`channels.guard.guard`).
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from fbmessenger.elements import Text as FBText
from fbmessenger.quick_replies import QuickReplies, QuickReply
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.facebook import FacebookInput, MessengerBot
from sanic import Blueprint

from channels.choices import NumberedChoices
from channels.guard import OnNewMessage, guard
from channels.numbered import numbered_text, split_text

MAX_TEXT = 2000  # Messenger's limit for a text message
MAX_QUICK_REPLIES = 11  # fbmessenger's limit (Messenger allows 13)


class NumberedMessengerBot(MessengerBot):
    """Messenger output: numbered options in the text, quick replies with the numbers."""

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        """One text message (several only beyond Messenger's length limit), quick replies on the last."""
        parts = split_text(numbered_text(text, buttons), MAX_TEXT)
        for part in parts[:-1]:
            self.send(recipient_id, FBText(text=part))
        quick_replies = QuickReplies(
            [QuickReply(title=str(number), payload=button["payload"]) for number, button in enumerate(buttons, 1)][
                :MAX_QUICK_REPLIES
            ]
        )
        self.send(recipient_id, FBText(text=parts[-1], quick_replies=quick_replies))


def numbered_messenger(on_new_message: OnNewMessage) -> OnNewMessage:
    """``on_new_message`` that replies through :class:`NumberedMessengerBot` (Rasa builds the output itself)."""

    async def replacing(message: UserMessage) -> None:
        if isinstance(message.output_channel, MessengerBot):
            message.output_channel = NumberedMessengerBot(message.output_channel.messenger_client)
        await on_new_message(message)

    return replacing


class GuardedFacebookInput(FacebookInput):
    """Rasa's Messenger input with numbered options and the no-silence guard."""

    @classmethod
    def name(cls) -> Text:
        """Keep the URL ``/webhooks/facebook/webhook``."""
        return "facebook"

    def __init__(self, fb_verify: Text, fb_secret: Text, fb_access_token: Text) -> None:
        super().__init__(fb_verify, fb_secret, fb_access_token)
        self.choices = NumberedChoices()

    def get_output_channel(self) -> NumberedMessengerBot:
        """The numbered output (used for messages the server sends on its own)."""
        return NumberedMessengerBot(super().get_output_channel().messenger_client)

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        """Rasa's blueprint around the numbered, guarded, number-resolving handler."""
        fb_webhook = super().blueprint(numbered_messenger(guard(self.choices.wrap(on_new_message))))
        self.choices.attach(fb_webhook)
        return fb_webhook
