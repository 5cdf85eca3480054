"""A real S3 API server for tests: moto in server mode on a free port of 127.0.0.1.

The server speaks HTTP like R2 does, so the code under test runs its real boto3 client, signing,
retries and error handling against it.
"""

from __future__ import annotations

from typing import Any

import boto3
from botocore.config import Config
from moto.server import ThreadedMotoServer

ACCESS_KEY_ID = "AKIAEPGOATTEST000001"
SECRET_ACCESS_KEY = "epgoat-test-secret-0000000000000000000000"


class S3Server:
    """Start with `with S3Server() as s3:`; `s3.endpoint_url` is where clients connect."""

    def __init__(self) -> None:
        # Port 0 lets the OS pick a free port, so parallel test runs never collide.
        self._server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        self.endpoint_url = ""

    def __enter__(self) -> S3Server:
        self._server.start()
        host, port = self._server.get_host_and_port()
        self.endpoint_url = f"http://{host}:{port}"
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.stop()

    def client(self) -> Any:
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name="us-east-1",
            aws_access_key_id=ACCESS_KEY_ID,
            aws_secret_access_key=SECRET_ACCESS_KEY,
            config=Config(s3={"addressing_style": "path"}),
        )

    def create_bucket(self, name: str) -> None:
        self.client().create_bucket(Bucket=name)
