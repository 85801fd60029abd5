"""The coach who talks: free-form questions answered with a model and tools, or offline.

``answer`` handles a free-form message; ``handle_callback`` a press of one of the buttons it
returned (action ``coach``). Both return an ``AssistantReply``; the conversation engine sends
it and records it (``structured`` becomes the assistant turn's ``structured_response_json``).
The engine asks the model outside its transaction: ``begin`` → ``consult`` → ``conclude``
(``coach.assistant.service``).
"""

from coach.assistant.reply import AssistantReply
from coach.assistant.service import (
    Consultation,
    Consulted,
    answer,
    begin,
    conclude,
    consult,
    from_model,
    handle_callback,
)

__all__ = [
    "AssistantReply",
    "Consultation",
    "Consulted",
    "answer",
    "begin",
    "conclude",
    "consult",
    "from_model",
    "handle_callback",
]
