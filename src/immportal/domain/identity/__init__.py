"""Identity: accounts, the password policy, second factors and sign-in throttling."""
