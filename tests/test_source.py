"""The source extraction is kept byte for byte as received."""

import hashlib

from sitetools import SOURCE_PATH

EXPECTED_SHA256 = "c635a95ae9c748870732876ee70461cd52a63dd1f31f4f4c223f18b215501f5b"


def test_source_is_the_extraction_byte_for_byte():
    data = SOURCE_PATH.read_bytes()
    assert len(data) == 19004
    assert hashlib.sha256(data).hexdigest() == EXPECTED_SHA256
