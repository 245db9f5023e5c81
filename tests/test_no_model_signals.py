"""Writes say what they change explicitly: no Vigie code listens to model saves or deletes."""

import weakref

from django.db.models import signals


def test_no_vigie_receiver_on_model_signals() -> None:
    listening = []
    for name in ("pre_save", "post_save", "pre_delete", "post_delete", "m2m_changed"):
        for entry in getattr(signals, name).receivers:
            receiver = entry[1]
            if isinstance(receiver, weakref.ReferenceType):
                receiver = receiver()
            module = getattr(receiver, "__module__", "") or ""
            if module.startswith("vigie."):
                listening.append(f"{name}: {module}.{getattr(receiver, '__qualname__', '')}")
    assert listening == []
