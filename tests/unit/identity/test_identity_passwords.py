"""Tests for the password policy in immportal.domain.identity.passwords."""

from __future__ import annotations

import pytest

from immportal.domain.identity.errors import PasswordRejected
from immportal.domain.identity.passwords import (
    ABOUT_US,
    ABOUT_YOU,
    TOO_COMMON,
    TOO_LONG,
    TOO_SHORT,
    TOO_SIMPLE,
    check_password,
    normalise_password,
    require_acceptable_password,
)

EMAIL = "maria.garcia+visa@example.com"
NAMES = ["María", "García López"]


def reasons(password: str, email: str = EMAIL, names: list[str] | None = None) -> list[str]:
    """The policy's reasons for a password of Maria García's."""
    return check_password(password, email=email, names=NAMES if names is None else names)


class TestLength:
    """Passwords count Unicode characters and must have 12 to 256 of them."""

    def test_eleven_characters_are_too_few(self) -> None:
        """An 11-character password is refused with a plain reason."""
        assert [TOO_SHORT] == reasons("plum sky 42")

    def test_twelve_characters_are_enough(self) -> None:
        """A 12-character password that is not common is accepted."""
        assert [] == reasons("plum sky 427")

    def test_long_passphrase_is_accepted(self) -> None:
        """A 64-character passphrase is accepted, as NIST requires."""
        phrase = "the old lighthouse keeper counts ships every foggy night in June"
        assert 64 == len(phrase)
        assert [] == reasons(phrase)

    def test_256_characters_are_accepted(self) -> None:
        """The longest password allowed is 256 characters."""
        phrase = ("walnut harbour violet engine " * 9)[:256]
        assert [] == reasons(phrase)

    def test_257_characters_are_too_many(self) -> None:
        """Longer than 256 characters is refused, which bounds the cost of hashing."""
        assert [TOO_LONG] == reasons("x" + "walnut harbour violet engine " * 9)

    def test_characters_not_bytes_are_counted(self) -> None:
        """Twelve accented or CJK characters count as twelve, however many bytes they take."""
        assert [] == reasons("我的猫喜欢在窗台上晒太阳")
        assert [TOO_SHORT] == reasons("我的猫喜欢在窗台上晒太")

    def test_length_is_measured_after_nfkc(self) -> None:
        """A ligature counts as the letters it stands for once normalised (NFKC)."""
        assert "ffi" == normalise_password("\ufb03")
        assert [] == reasons("\ufb03 lamp tower 7")

    def test_no_composition_rules(self) -> None:
        """Lower-case words with spaces are fine: no digits, capitals or symbols are demanded."""
        assert [] == reasons("my cat tilly likes warm windowsills")


class TestGuessablePasswords:
    """Passwords zxcvbn scores below 3 are refused, however they are decorated."""

    @pytest.mark.parametrize(
        "password",
        [
            "michaeljordan23",
            "dragonfootball12",
            "Washington1776",
            "password123456",
            "qwertyuiop12",
            "1qaz2wsx3edc",
            "iloveyou1234",
            "Password2024!",
            "P@ssw0rd12345",
            "WELCOME123456",
            "qazwsxedcrfvtgb",
            "0987654321qw",
        ],
    )
    def test_common_or_decorated_common(self, password: str) -> None:
        """A common password, or one with digits and signs around it, is too common."""
        assert [TOO_COMMON] == reasons(password)

    def test_the_probe_passwords_are_refused_at_registration(self) -> None:
        """The three passwords the security probe found accepted are refused with a reason."""
        for password in ("michaeljordan23", "dragonfootball12", "Washington1776"):
            with pytest.raises(PasswordRejected) as refused:
                require_acceptable_password(password, email=EMAIL, names=NAMES)
            assert [TOO_COMMON] == refused.value.reasons

    def test_the_persons_words_count_against_the_password(self) -> None:
        """zxcvbn is given the person's words: a phrase of their own names is easy to guess."""
        assert [] == reasons("oberholzer wanjiru 77", names=["Someone Else"])
        assert ABOUT_YOU in reasons("oberholzer wanjiru 77", names=["Wanjiru Oberholzer"])

    def test_only_the_first_72_characters_are_judged(self) -> None:
        """A long password is judged on its first 72 characters, zxcvbn's own limit."""
        assert [TOO_SIMPLE] == reasons("a" * 72 + " lantern orchard tuesday violin")

    def test_the_reason_is_plain(self) -> None:
        """The reason tells a non-technical person what to do instead."""
        expected = "This password is too common. Choose a longer phrase that only you would know"
        assert expected == TOO_COMMON


class TestRepetitionAndSequences:
    """Repeated characters, sequences and keyboard walks are refused even when not listed."""

    @pytest.mark.parametrize(
        "password",
        [
            "aaaaaaaaaaaa",
            "zzzzzzzzzzzzzzzzzzzzzz",
            "abcabcabcabc",
            "2020202020202020",
            "abcdefghijklmnop",
            "zyxwvutsrqpo",
            "!!!!!!!!!!!!",
            "passwordpassword",
        ],
    )
    def test_refused(self, password: str) -> None:
        """Repetition and runs are refused with a reason naming them."""
        assert [TOO_SIMPLE] == reasons(password)

    @pytest.mark.parametrize(
        "password",
        [
            "correct horse battery stable",
            "purple-elephant-dances-on-the-moon",
            "Ich wohne seit 2019 in Köln",
            "blue river seven stones",
            "Tr0ub4dor&3 is old",
            "9475 2817 3650",
        ],
    )
    def test_ordinary_phrases_pass(self, password: str) -> None:
        """Ordinary passphrases in any language are not mistaken for runs."""
        assert [] == reasons(password)


class TestContextWords:
    """Nothing from the person's email or name, nor the service's name, may be the password."""

    @pytest.mark.parametrize(
        "password",
        [
            "maria.garcia+visa@example.com",
            "MARIA.GARCIA+VISA",
            "mariagarcia1990",
            "garcia lopez!!!!",
            "Lopez is my password",
            "m4ri4.g4rci4 2024",
            "Maria García 1234567",
        ],
    )
    def test_email_and_names(self, password: str) -> None:
        """The email, its local part and the person's names are refused in any case."""
        assert ABOUT_YOU in reasons(password)

    def test_accents_do_not_hide_a_name(self) -> None:
        """A name typed with or without accents is the same name."""
        assert ABOUT_YOU in reasons("GARCÍA LÓPEZ 2024", names=["Garcia Lopez"])
        assert ABOUT_YOU in reasons("garcia lopez 2024", names=["García López"])

    def test_a_short_name_alone_with_digits(self) -> None:
        """A two-letter name with only digits and signs around it is refused."""
        assert ABOUT_YOU in reasons("Li!1937465820", names=["Li Wei"])

    def test_a_short_name_inside_a_phrase_is_fine(self) -> None:
        """A two-letter name inside an unrelated phrase is not flagged as the name."""
        assert [] == reasons("limestone cliffs at dusk", names=["Li Wei"])

    @pytest.mark.parametrize(
        "password",
        ["Immportal2024!!", "immportal immportal", "my uscis case 2024", "IMMIGRATION!!1234"],
    )
    def test_service_words(self, password: str) -> None:
        """immportal, USCIS and immigration are refused, also with digits and signs."""
        assert ABOUT_US in reasons(password)

    def test_reasons_are_plain(self) -> None:
        """The context reason says what to avoid in everyday words."""
        assert "Do not use your email address or name in your password" == ABOUT_YOU


class TestRequireAcceptablePassword:
    """The raising form carries every reason for the page to show."""

    def test_raises_with_all_reasons(self) -> None:
        """A short password made of the name gets both reasons."""
        with pytest.raises(PasswordRejected) as refused:
            require_acceptable_password("lopez1", email=EMAIL, names=NAMES)
        assert [TOO_SHORT, ABOUT_YOU] == refused.value.reasons

    def test_accepts_a_good_password(self) -> None:
        """A good password passes silently."""
        require_acceptable_password("lantern orchard tuesday violin", email=EMAIL, names=NAMES)
