"""Sign-up and sign-in pages: create an account, confirm the email, sign in with two steps."""

from aiohttp import web

from immportal.web.identity import (
    access_tokens_page,
    account_page,
    authenticator,
    change_email,
    change_password,
    create_account,
    new_codes,
    passkey_sign_in,
    passkeys_page,
    reauth,
    recovery,
    recovery_codes,
    replace_authenticator,
    second_factor,
    security,
    sessions_page,
    sign_in,
    time_zone_page,
    verify_email,
)


def add_identity_routes(app: web.Application) -> None:
    """Register every sign-up and sign-in page, and the idle limit the page frame shows."""
    for module in (
        create_account,
        verify_email,
        sign_in,
        second_factor,
        authenticator,
        recovery_codes,
        recovery,
        account_page,
        reauth,
        change_password,
        change_email,
        new_codes,
        replace_authenticator,
        sessions_page,
        security,
        time_zone_page,
        access_tokens_page,
        passkeys_page,
        passkey_sign_in,
    ):
        module.add_routes(app)
