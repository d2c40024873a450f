# Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
"""A reference raw inflater limited to a window, for io.jetsocket.engine.interop.ReducedWindowReferenceInflaterTest:
java.util.zip.Inflater always accepts a 15-bit window, zlib's inflateInit2 (here through Python's zlib) can be told
a smaller one and then rejects a back-reference beyond it ("invalid distance too far back").

    python3 inflate_check.py <window bits 8..15> <takeover|reset>

Reads one permessage-deflate payload per line on stdin (hex, without the 00 00 ff ff tail), inflates each as
RFC 7692 §7.2.2 says (tail appended; one stream for all messages with 'takeover', a fresh one per message with
'reset'), and prints per line either "OK <sha256 of the inflated bytes>" or "ERROR <zlib's message>".

The output is taken one byte per call: zlib resolves a distance from the bytes it wrote in the same call as well as
from its window, so with one large output buffer it accepts distances up to the window plus the message so far.
One byte at a time it has only its 2^bits-byte window to look back into, which is what RFC 7692 §7.1.2 allows.
"""
import hashlib
import sys
import zlib

bits = int(sys.argv[1])
takeover = sys.argv[2] == "takeover"
inflater = zlib.decompressobj(-bits)
for line in sys.stdin:
    payload = bytes.fromhex(line.strip()) + b"\x00\x00\xff\xff"
    if not takeover:
        inflater = zlib.decompressobj(-bits)
    try:
        data = bytearray()
        pending = payload
        while True:
            chunk = inflater.decompress(pending, 1)
            pending = inflater.unconsumed_tail
            data += chunk
            if not chunk and not pending:
                break
        print("OK " + hashlib.sha256(data).hexdigest(), flush=True)
    except zlib.error as error:
        print("ERROR " + str(error), flush=True)
        inflater = zlib.decompressobj(-bits)
