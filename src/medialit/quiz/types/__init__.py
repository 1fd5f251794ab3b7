"""The question types, one module each: importing this package imports every module in it,
and each module registers its type (``@register``). A new type is a new module here (and its
static face, ``sphinxext/static/types/<type>.js``): nothing else lists the types."""

import importlib
import pkgutil

from .base import FACES, REGISTRY, Target, model_for, register

for _info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    if _info.name != "base":
        importlib.import_module(f"{__name__}.{_info.name}")
# tables and reports list the types by their ``position`` (a new type: after the others)
for _name in sorted(REGISTRY, key=lambda name: (REGISTRY[name].position, name)):
    REGISTRY[_name] = REGISTRY.pop(_name)

__all__ = ["FACES", "REGISTRY", "Target", "model_for", "register"]
