"""Models built from validated values (``_build``): the same models, one fields_set per class."""

from __future__ import annotations

from fractions import Fraction

from propmgmt_rules._build import construct, fields_set
from propmgmt_rules.ownership.models import PartyRole, Share


def test_a_constructed_model_is_the_validated_model() -> None:
    values = {"party": "A", "role": PartyRole.CONSULTANT, "share": Fraction(1, 2),
              "rule": "SD-7.4"}
    built = construct(Share, values)
    validated = Share.model_validate(values)
    assert built == validated
    assert built.model_dump_json() == validated.model_dump_json()
    assert built.model_fields_set == set(Share.model_fields)


def test_instances_share_one_fields_set_that_copies_do_not_change() -> None:
    a = construct(Share, {"party": "A", "role": PartyRole.CONSULTANT, "share": Fraction(1),
                          "rule": "CC-1"})
    b = construct(Share, {"party": "B", "role": PartyRole.POOL, "share": Fraction(3, 10),
                          "rule": "COM-POOL"})
    assert a.__pydantic_fields_set__ is b.__pydantic_fields_set__ is fields_set(Share)
    copy = a.model_copy(update={"party": "C"})
    assert copy.party == "C"
    assert fields_set(Share) == set(Share.model_fields)
