"""Input channels that never leave a person without an answer.

Rasa 3.6 answers an HTTP 200 with no messages when the action server is down
or fails; these channels notice a turn without any bot message and send the
``action_unavailable`` apology with the clinic contact and the disclaimer.
"""
