"""Rasa NLU components: codes and qualification names, linked to the knowledge base.

`KwalibotEntityExtractor` adds entities that need no training:
- werkproces / kerntaak / competentie / crebo codes in any spelling (knowledge.codes),
- `kwalificatie`: qualification names linked fuzzily against the knowledge base, so
  typos link too; the entity value is the knowledge base's key ("Business Services/P6").
- `kwalificatie_onbekend`: a span DIET tagged as a qualification name (`kwalificatie_naam`)
  that names nothing in the knowledge base ("kapper"), so the assistant can say it does
  not know it instead of answering about something else.

Place it after DIETClassifier in the pipeline.

`QuickLoadingDIETClassifier` is Rasa's DIETClassifier that loads in seconds (see its docstring).
"""
from __future__ import annotations

import logging
import time
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.utils.tensorflow.constants import RUN_EAGERLY
from rasa.utils.tensorflow.model_data import RasaModelData
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


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR],
    is_trainable=True)
class QuickLoadingDIETClassifier(DIETClassifier):
    """Rasa's DIETClassifier, trained the same, loaded in seconds instead of about 40.

    To give a loaded model weights of the right shapes, Rasa 3.6 (`RasaModel.load`) fits it on one
    example before reading the trained weights, and as a compiled graph: tracing the whole training step
    (loss, gradients, optimizer) took 41 of the 53 s a `make run` needed to be ready here. That step's
    result is overwritten by the trained weights at once, so it runs eagerly; prediction is then traced as
    before (forward pass only, once, before the first user message).

    Rasa's recipe validator looks for the exact class DIETClassifier, so `rasa train` warns that no
    trainable entity extractor and nothing using the lookup tables is configured: both warnings are
    spurious here (this is one, and the lookup tables serve the RegexEntityExtractor)."""

    @classmethod
    def _load_model_class(cls, tf_model_file: Text, model_data_example: Any, label_data: Any,
                          entity_tag_specs: List[Any], config: Dict[Text, Any], finetune_mode: bool) -> Any:
        if finetune_mode:
            return super()._load_model_class(tf_model_file, model_data_example, label_data, entity_tag_specs,
                                             config, finetune_mode)
        started = time.monotonic()
        model = super()._load_model_class(tf_model_file, model_data_example, label_data, entity_tag_specs,
                                          {**config, RUN_EAGERLY: True}, finetune_mode)
        model.run_eagerly = False  # predictions as a traced graph, as with the stock classifier
        model._tf_predict_step = None
        model.run_inference(RasaModelData(label_key=model_data_example.label_key, data={
            name: features for name, features in model_data_example.items() if TEXT in name}))
        logger.info("DIET model loaded in %.1f s", time.monotonic() - started)
        return model
