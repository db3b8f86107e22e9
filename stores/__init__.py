"""Conversation stores."""
