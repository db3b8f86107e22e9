"""Per-message speed-ups for the Rasa 3.6 server, installed when its channels start.

Profiling the Rasa server under load (py-spy, 20 concurrent senders) showed
about a third of its CPU time in one place: Rasa checks every action-server
response with ``jsonschema.validate``, which first re-checks the whole, large
event *schema* against the JSON Schema meta-schema, on every call. Here the
validator is built (and the schema checked) once and reused: the same schema,
the same errors for a malformed response, without the repeated check.

The next largest share was turning stored events back into objects: for each
event Rasa walks the whole class tree of ``Event`` to find the class of its
type name. The classes do not change while the server runs, so the answer is
remembered per type name (unknown names still go to Rasa's own lookup).

At start and in training, Rasa 3.6 loads the spaCy pipeline twice: once in the
node that provides it (``provide_SpacyNLP0``) and once in the node that runs it
over messages (``run_SpacyNLP0``), which is handed the provider's pipeline and
never reads its own. With the red-flag rules that second copy cost about 3 s of
loading and its memory; here the running node is built without loading one.

:func:`install` is called by the project's channels when the server builds
its routes, and by :mod:`server.rasa_cli` before ``rasa train`` and ``rasa run``;
it changes nothing at import time and nothing outside Rasa 3.6.
"""

from __future__ import annotations

import functools
import logging
from typing import Any, Dict, Optional, Text, Type

import rasa
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.utils.spacy_utils import SpacyNLP
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import Event

logger = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1)
def _action_result_validator() -> Any:
    """The validator of action-server responses, with its schema checked once."""
    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
    """Rasa's ``RemoteAction._validate_action_result``, with the validator built once."""
    error = best_match(_action_result_validator().iter_errors(result))  # the error jsonschema.validate raises
    if error is None:
        return True
    error.message += (
        ". Failed to validate Action server response from API, "
        "make sure your response from the Action endpoint is valid. "
        f"For more information about the format visit {DOCS_BASE_URL}/custom-actions"
    )
    raise error


_rasa_resolve_by_type = Event.resolve_by_type
_event_classes: Dict[Text, Type[Event]] = {}


def _resolve_by_type(type_name: Text, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
    """Rasa's ``Event.resolve_by_type``, remembering the class found for each type name."""
    found = _event_classes.get(type_name)
    if found is not None:
        return found
    found = _rasa_resolve_by_type(type_name, default)
    if found is not None and getattr(found, "type_name", None) == type_name:
        _event_classes[type_name] = found
    return found


_rasa_spacy_create = SpacyNLP.create.__func__  # type: ignore[attr-defined]
RUN_NODE_PREFIX = "run_"  # Rasa's name for the node that runs a component over messages


def _create_spacy_nlp(
    cls: Type[SpacyNLP], config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
    execution_context: ExecutionContext,
) -> SpacyNLP:
    """Rasa's ``SpacyNLP.create``, but the running node, handed the provider's pipeline, loads none."""
    if (execution_context.node_name or "").startswith(RUN_NODE_PREFIX):
        return cls(None, {**cls.get_default_config(), **config})  # type: ignore[arg-type]
    return _rasa_spacy_create(cls, config, model_storage, resource, execution_context)


def install() -> bool:
    """Install the speed-ups once; only on the Rasa 3.6 they were written for."""
    if RemoteAction._validate_action_result is _validate_action_result:
        return True
    if not rasa.__version__.startswith("3.6."):
        logger.warning("speed-ups written for Rasa 3.6 not installed on Rasa %s", rasa.__version__)
        return False
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
    Event.resolve_by_type = staticmethod(_resolve_by_type)  # type: ignore[method-assign]
    SpacyNLP.create = classmethod(_create_spacy_nlp)  # type: ignore[method-assign, assignment]
    return True
