"""The typed signature: whether it names the applicant the way a person signs.

Forgiven: case, accents, spacing, hyphens and apostrophes, middle and second names
left out or written as initials, and the family name written first. Not forgiven: a
name without the given name or without the family name, or a word the application
does not give.
"""

from functools import cache

from immportal.domain.catalogue.common import APPLICANT
from immportal.domain.catalogue.model import Answers
from immportal.domain.identifiers.names import name_words

GIVEN, MIDDLE, FAMILY = "given", "middle", "family"


def signs_for_applicant(typed: str, answers: Answers) -> bool:
    """Whether the typed name is the applicant's name as the application gives it."""
    about = answers.get(APPLICANT.id, {})
    given, middle, family = (
        [(part, word) for word in name_words(str(about.get(f"{part}_name") or ""))]
        for part in (GIVEN, MIDDLE, FAMILY)
    )
    signed = "".join(name_words(typed))
    if not signed or not (given or family):
        return False
    # Word boundaries are compared away: "Nunez Garcia" signs "Núñez-García", "OBrien" "O'Brien".
    return any(
        _spells(signed, tuple(order))
        for order in (given + middle + family, family + given + middle)
    )


def example_signature(answers: Answers) -> str:
    """The shortest signature accepted, as the applicant wrote their name (María Núñez)."""
    about = answers.get(APPLICANT.id, {})
    given = str(about.get("given_name") or "").split()
    family = str(about.get("family_name") or "").split()
    return " ".join(given[:1] + family[:1])


def _spells(signed: str, words: tuple[tuple[str, str], ...]) -> bool:
    """Whether the words, each kept, left out or (given and middle names) initialled,
    in order, spell the signed name with a given and a family name kept whole."""
    needs_given = any(part == GIVEN for part, _ in words)
    needs_family = any(part == FAMILY for part, _ in words)

    @cache
    def walk(index: int, at: int, has_given: bool, has_family: bool) -> bool:
        done = (has_given or not needs_given) and (has_family or not needs_family)
        if at == len(signed) and done:
            return True
        if index == len(words):
            return False
        part, word = words[index]
        if walk(index + 1, at, has_given, has_family):
            return True
        if signed.startswith(word, at) and walk(
            index + 1, at + len(word), has_given or part == GIVEN, has_family or part == FAMILY
        ):
            return True
        initial = part != FAMILY and signed.startswith(word[0], at)
        return initial and walk(index + 1, at + 1, has_given, has_family)

    return walk(0, 0, False, False)
