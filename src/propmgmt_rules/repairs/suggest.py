"""Suggesting a revisit category (`OM-RV2`) from a repair's description: the logic; the
categories and their keywords are the presets' data (:mod:`.presets.property_office`).

A suggestion only: the category a decision uses is always the one given with the repair.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputError
from ..limits import MAX_TEXT_LENGTH
from .policy import RepairPolicy
from .presets import CATALOG, resolve_policy

__all__ = ["CategorySuggestion", "suggest_category"]


@dataclass(frozen=True, slots=True)
class CategorySuggestion:
    """A suggested category (`OM-RV2`) and the keywords that matched.

    ``matched`` maps each matching category to its keywords found; ``category`` is the first
    matching category in the policy's order (the policy lists the strictest first), or the
    policy's last category when nothing matched (``by_default``). A suggestion only: the
    category used by a decision is always the one given with the repair.
    """

    category: str
    matched: tuple[tuple[str, tuple[str, ...]], ...]
    by_default: bool


def _pattern(word: str) -> re.Pattern[str]:
    if word.isascii():
        return re.compile(r"\b" + re.escape(word), re.IGNORECASE)
    return re.compile(re.escape(word))


def suggest_category(description: str, *,
                     policy: RepairPolicy | str = CATALOG) -> CategorySuggestion:
    """Suggest a revisit category from a repair's description, in Chinese or English, under
    ``policy``'s categories (a policy or a preset's name).

    >>> suggest_category("卫生间天花板渗水").category
    'leak'
    >>> s = suggest_category("消防水管漏水")
    >>> s.category, [key for key, _ in s.matched]
    ('safety', ['safety', 'leak'])
    >>> suggest_category("Fire door does not close", policy="property-office").category
    'safety'
    >>> suggest_category("更换客厅灯泡")
    CategorySuggestion(category='other', matched=(), by_default=True)
    """
    policy = resolve_policy(policy)
    if not isinstance(description, str):
        raise InputError("description", "must be a text", type(description).__name__)
    if len(description) > MAX_TEXT_LENGTH:
        raise InputError("description", f"must be at most {MAX_TEXT_LENGTH} characters "
                         f"(got {len(description)})")
    if not policy.categories:
        raise InputError("policy.categories", "the policy has no revisit categories (OM-RV2 off)")
    matched: list[tuple[str, tuple[str, ...]]] = []
    for cat in policy.categories:
        found = tuple(w for w in cat.keywords if _pattern(w).search(description))
        if found:
            matched.append((cat.key, found))
    if matched:
        return CategorySuggestion(matched[0][0], tuple(matched), False)
    return CategorySuggestion(policy.categories[-1].key, (), True)
