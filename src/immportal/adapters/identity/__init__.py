"""Identity adapters: Argon2id password hashing, random tokens and TOTP with QR codes."""
