"""The document-signing identity: a private key and its certificate chain, kept in files.

Production brings its own key and chain (from a CA that PDF readers or the verifiers
trust); development mode makes a small CA and a signing certificate under it, once, so
that signed documents work out of the box. Either way the chain file holds the signing
certificate first, then the certificates above it, as PEM.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID, ObjectIdentifier

from immportal.errors import PortalError

DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.5.5.7.3.36")
"""id-kp-documentSigning (RFC 9336): what the signing certificate is for."""
CA_YEARS = 10
SIGNER_YEARS = 5
# Clocks of the machines that check a document may run a little behind ours.
BACKDATE = timedelta(minutes=5)


PrivateKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
"""The kinds of key PDF readers check signatures of: ECDSA (made in development) or RSA."""


class DocumentKeyFileError(PortalError):
    """A document-signing key or chain file that cannot be used (never quotes the key)."""


@dataclass(frozen=True)
class SigningIdentity:
    """The key documents are signed with, its certificate, and the certificates above it."""

    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]
    key: PrivateKey = field(repr=False, compare=False)

    def published(self) -> str:
        """The signing certificate and its chain as PEM, for verifiers to pin."""
        certificates = (self.certificate, *self.chain)
        return "".join(c.public_bytes(serialization.Encoding.PEM).decode() for c in certificates)


def _name(common_name: str, organisation: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
        ]
    )


def _usage(*, sign_certificates: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not sign_certificates,
        content_commitment=not sign_certificates,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=sign_certificates,
        crl_sign=sign_certificates,
        encipher_only=False,
        decipher_only=False,
    )


def development_identity(organisation: str, now: datetime) -> SigningIdentity:
    """A new development CA and a signing certificate it issued (the CA's key is dropped)."""
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name(f"{organisation} development document CA", organisation)
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - BACKDATE)
        .not_valid_after(now + timedelta(days=365 * CA_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_usage(sign_certificates=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(f"{organisation} document signing (development)", organisation))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - BACKDATE)
        .not_valid_after(now + timedelta(days=365 * SIGNER_YEARS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_usage(sign_certificates=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([DOCUMENT_SIGNING]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    return SigningIdentity(certificate, (ca,), key)


KEY_FILE, CHAIN_FILE = "signing-key.pem", "signing-chain.pem"
"""The names of the key and the chain in a folder made by write_identity."""


def write_identity(folder: Path, identity: SigningIdentity) -> bool:
    """Make `folder` holding the key (owner-only) and the chain; False if it exists already.

    Both files are written in a folder aside, which is then renamed into place: a process
    starting at the same moment finds no folder, or a key with its own chain.
    """
    key_pem = identity.key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    folder.parent.mkdir(parents=True, exist_ok=True)
    aside = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}-"))
    try:
        (aside / CHAIN_FILE).write_bytes(identity.published().encode())
        fd = os.open(aside / KEY_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as file:
            file.write(key_pem)
        try:
            aside.rename(folder)
        except OSError:
            if not folder.is_dir():
                raise
            return False  # another process made it first
        return True
    finally:
        if aside.exists():
            shutil.rmtree(aside, ignore_errors=True)


def read_identity(key_file: Path, chain_file: Path, now: datetime) -> SigningIdentity:
    """The identity in the two files, checked: the key matches, the certificate is current."""
    try:
        key_pem, chain_pem = key_file.read_bytes(), chain_file.read_bytes()
    except OSError as exc:
        raise DocumentKeyFileError(
            f"{exc.filename} cannot be read ({exc.strerror or exc})"
        ) from None
    try:
        key = serialization.load_pem_private_key(key_pem, password=None)
    except (ValueError, TypeError):
        raise DocumentKeyFileError(f"{key_file} holds no unencrypted PEM private key") from None
    if not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        raise DocumentKeyFileError(f"{key_file} holds neither an ECDSA nor an RSA key")
    try:
        certificates = x509.load_pem_x509_certificates(chain_pem)
    except ValueError:
        raise DocumentKeyFileError(f"{chain_file} holds no PEM certificates") from None
    certificate, *chain = certificates
    if certificate.public_key() != key.public_key():
        raise DocumentKeyFileError(
            f"the first certificate of {chain_file} is not the certificate of the key in {key_file}"
        )
    if not certificate.not_valid_before_utc <= now < certificate.not_valid_after_utc:
        raise DocumentKeyFileError(
            f"the signing certificate in {chain_file} is valid from"
            f" {certificate.not_valid_before_utc:%Y-%m-%d} until"
            f" {certificate.not_valid_after_utc:%Y-%m-%d}, not now"
        )
    return SigningIdentity(certificate, tuple(chain), key)
