"""Models built from values that were validated at the edge: the engines' hot paths.

``Model.model_construct(**values)`` fills in defaults and builds a ``fields_set`` per object;
an engine that gives every field needs neither. The models are frozen, so every instance of
a class shares one ``fields_set`` (pydantic copies it before changing it, in ``model_copy``):
a set per object would cost more memory than most of a small decision.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Final, TypeVar, cast

from pydantic import BaseModel, GetCoreSchemaHandler
from pydantic_core import core_schema

__all__ = ["StringEnum", "construct", "construct_dict", "fields_set"]

_M = TypeVar("_M", bound=BaseModel)
_SET: Final = object.__setattr__
_NEW: Final = object.__new__
_SET_DICT: Final = BaseModel.__dict__["__dict__"].__set__
_FIELDS_SETS: dict[type[BaseModel], set[str]] = {}


def fields_set(cls: type[BaseModel]) -> set[str]:
    """Every field of ``cls``, as the set of fields given: one set per class."""
    got = _FIELDS_SETS.get(cls)
    if got is None:
        got = _FIELDS_SETS[cls] = set(cls.model_fields)
    return got


def construct(cls: type[_M], data: dict[str, Any]) -> _M:
    """``cls.model_construct(**data)`` for the hot path: ``data`` must hold every field (no
    defaults are filled in, nothing is validated).

    The fields are set one by one, not as a new ``__dict__``: CPython then keeps them in the
    object itself (its inline values) and makes the dict only if something asks for
    ``__dict__`` (pydantic's serialiser, equality, copies), so a model kept by a payroll run
    is one object for the garbage collector to follow, not two, and smaller."""
    obj = _NEW(cls)  # what cls.__new__ is for a model (BaseModel defines none)
    for name, value in data.items():
        _SET(obj, name, value)
    given = _FIELDS_SETS.get(cls)
    _SET(obj, "__pydantic_fields_set__", given if given is not None else fields_set(cls))
    _SET(obj, "__pydantic_extra__", None)
    _SET(obj, "__pydantic_private__", None)
    return obj


def construct_dict(cls: type[_M], data: dict[str, Any]) -> _M:
    """:func:`construct` with ``data`` as the instance's dict (in the fields' order: it is
    the order of the JSON): about twice as fast for a model of many fields, one more object
    kept (the dict) where :func:`construct` keeps the values in the object itself."""
    obj = _NEW(cls)
    _SET_DICT(obj, data)
    given = _FIELDS_SETS.get(cls)
    _SET(obj, "__pydantic_fields_set__", given if given is not None else fields_set(cls))
    _SET(obj, "__pydantic_extra__", None)
    _SET(obj, "__pydantic_private__", None)
    return obj


class StringEnum(StrEnum):
    """A ``StrEnum`` whose members pydantic serialises as the strings they are (subclass it
    in place of ``StrEnum``; it has no members of its own).

    Pydantic's enum serialiser reads each member's ``value`` (two Python calls in CPython
    3.11, about 0.12 µs a member: a decision's trace and obligations hold dozens); a
    ``StrEnum`` member *is* its value's string, which the string serialiser writes directly.
    Validation, the JSON Schema (both modes) and the output are unchanged: the same JSON,
    and the members themselves in ``model_dump()``'s Python mode.

    >>> from pydantic import TypeAdapter
    >>> class Colour(StringEnum):
    ...     RED = "red"
    >>> ta = TypeAdapter(tuple[Colour, ...])
    >>> ta.dump_json((Colour.RED,)), ta.dump_python((Colour.RED,)), ta.validate_json('["red"]')
    (b'["red"]', (<Colour.RED: 'red'>,), (<Colour.RED: 'red'>,))
    """

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler
                                     ) -> core_schema.CoreSchema:
        schema = handler(source)
        if schema["type"] == "enum" and schema.get("sub_type") == "str":
            cast(core_schema.EnumSchema, schema)["serialization"] = \
                core_schema.simple_ser_schema("str")
        return schema
