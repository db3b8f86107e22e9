"""``python -m assistant.retrieval``: train and keep the aspect model of every language (``make aspects``)."""

from __future__ import annotations


def main() -> int:
    """Train (or find kept in ``build/``) the aspect model of each language of the knowledge."""
    from assistant.knowledge import get_knowledge
    from assistant.nlp import get_pipeline
    from assistant.paths import BUILD_DIR
    from assistant.retrieval.aspects import aspect_model
    from assistant.retrieval.lexicon import build_lexicon

    nlp = get_pipeline()
    for language in get_knowledge().languages:
        knowledge = get_knowledge(language)
        model = aspect_model(knowledge, build_lexicon(knowledge, nlp), nlp)
        print(f"aspect model ({language}): {len(model.aspects)} aspects, kept in {BUILD_DIR}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
