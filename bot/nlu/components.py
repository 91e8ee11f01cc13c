"""Rasa NLU components: codes and qualification names, linked to the knowledge base.

`KwalibotEntityExtractor` adds entities that need no training:
- werkproces / kerntaak / competentie / crebo codes in any spelling (knowledge.codes),
- `kwalificatie`: qualification names linked fuzzily against the knowledge base, so
  typos link too; the entity value is the knowledge base's key ("Business Services/P6").
- `kwalificatie_onbekend`: a span DIET tagged as a qualification name (`kwalificatie_naam`)
  that names nothing in the knowledge base ("kapper"), so the assistant can say it does
  not know it instead of answering about something else.

Place it after DIETClassifier in the pipeline.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from knowledge.codes import find_codes
from knowledge.linking import link

logger = logging.getLogger(__name__)

@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class KwalibotEntityExtractor(GraphComponent, EntityExtractorMixin):
    """Codes and qualification names, linked to the knowledge base (no training needed)."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"link_kwalificaties": True}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self._config = config

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "KwalibotEntityExtractor":
        return cls(config)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            entities = [
                {"entity": c.entity, "value": c.value, "start": c.start, "end": c.end, "confidence_entity": 1.0}
                for c in find_codes(text)
            ]
            if self._config.get("link_kwalificaties"):
                spans = [e for e in message.get(ENTITIES, []) if e.get("entity") == "kwalificatie_naam"]
                entities.extend(self._kwalificaties(text, spans))
            message.set(ENTITIES, message.get(ENTITIES, []) + self.add_extractor_name(entities), add_to_output=True)
        return messages

    @staticmethod
    def _kwalificaties(text: str, spans: List[Dict[Text, Any]]) -> List[Dict[Text, Any]]:
        from knowledge.query import default_knowledge_base

        try:
            return link(default_knowledge_base(), text, spans)
        except Exception:  # a missing or broken knowledge base must not silence the assistant
            logger.exception("qualification linking failed; continuing without kwalificatie entities")
            return []
