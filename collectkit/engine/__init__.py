"""The role-play engine: hidden state, persona policy, line realisation."""

from .session import Reply, Session, SessionState

__all__ = ["Reply", "Session", "SessionState"]
