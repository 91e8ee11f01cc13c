"""kwalibot's custom actions, one module per family of questions.

Each action is a thin adapter: read the turn (entities, slots), ask
`knowledge.query`, let `actions.replies` word the answer.
"""
