"""The coach who talks: free-form questions answered with a model and tools, or offline.

``answer`` handles a free-form message; ``handle_callback`` a press of one of the buttons it
returned (action ``coach``). Both return an ``AssistantReply``; the conversation engine sends
it and records it (``structured`` becomes the assistant turn's ``structured_response_json``).
"""

from coach.assistant.reply import AssistantReply
from coach.assistant.service import answer, handle_callback

__all__ = ["AssistantReply", "answer", "handle_callback"]
