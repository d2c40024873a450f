# Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
"""A scripted sequenced market-data feed for the client's SequencedFeed interop test
(io.jetsocket.client.feed.SequencedFeedPythonTest), built on Debian's python3-websockets: a server nobody on this
project wrote, in a process of its own.

    python3 sequenced_feed.py <port|0> [ids] [seed] [shape]

Each connection gets, on two streams s1 and s2, ids 1..<ids> (default 2000) as Binance-like combined-stream
messages {"stream":"s1","data":{"e":"depthUpdate","u":<id>,...}}, interleaved, with faults injected at random
(seeded: <seed>, default 7), at least four ids apart so that no two faults touch:
    skip   an id is never sent                               -> a gap of one id
    swap   id k+1 is sent before id k                        -> a gap of one id, then k late (out of order)
    dup    an id is sent again right after itself            -> a duplicate
With shape "array" (default "object") the same ids go out as Bitfinex-like arrays on channels 101 (s1) and 102 (s2),
spaced as Python writes them: [101, [64000.5, 3, 0.5], <id>], every seventh one a heartbeat [101, "hb", <id>], and
the streams are named by their channel ids in the EXPECT lines.
then, per stream, the line
    EXPECT <stream> delivered=<n> gaps=<n> missed=<n> duplicates=<n> outOfOrder=<n>
what a sequencer without resync must count, and DONE once both streams are sent.

stdout (read by the Java fixture): LISTENING <port> first, once the server accepts connections.
Exits when stdin reaches end of file (its parent died) or on SIGTERM.
"""
import asyncio
import json
import os
import random
import signal
import sys

import websockets


def script(stream, ids, rng):
    """The ids to send, in order, and what a sequencer must count."""
    sent = []
    expect = dict(delivered=0, gaps=0, missed=0, duplicates=0, outOfOrder=0)
    k = 1
    quiet = 0
    while k <= ids:
        fault = rng.random() if quiet <= 0 and k + 1 < ids else 1.0
        if fault < 0.02:            # skip k
            expect["gaps"] += 1
            expect["missed"] += 1
            k += 1
            quiet = 4
            continue
        if fault < 0.04:            # swap k and k+1
            sent += [k + 1, k]
            expect["gaps"] += 1
            expect["missed"] += 1
            expect["outOfOrder"] += 1
            expect["delivered"] += 1
            k += 2
            quiet = 4
            continue
        sent.append(k)
        expect["delivered"] += 1
        if fault < 0.06:            # duplicate k
            sent.append(k)
            expect["duplicates"] += 1
            quiet = 4
        k += 1
        quiet -= 1
    return sent, expect


async def feed(websocket, path=None):
    ids = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 7)
    arrays = len(sys.argv) > 4 and sys.argv[4] == "array"
    streams = {name: script(name, ids, rng) for name in (("101", "102") if arrays else ("s1", "s2"))}
    try:
        cursors = {name: 0 for name in streams}
        while any(cursors[name] < len(streams[name][0]) for name in streams):
            for name, (sent, _) in streams.items():
                if cursors[name] < len(sent):
                    update = sent[cursors[name]]
                    cursors[name] += 1
                    if arrays:
                        body = "hb" if update % 7 == 0 else [64000 + update % 100 / 10, 3, "0.5,]"]
                        await websocket.send(json.dumps([int(name), body, update]))
                        continue
                    await websocket.send(json.dumps({"stream": name, "data": {
                        "e": "depthUpdate", "E": 1733300000000 + update, "u": update,
                        "b": [["64000.%d" % (update % 100), "0.5"]], "a": []}}, separators=(",", ":")))
        for name, (_, expect) in streams.items():
            print("EXPECT %s %s" % (name, " ".join("%s=%d" % item for item in expect.items())), flush=True)
        print("DONE", flush=True)
        await websocket.wait_closed()
    except websockets.ConnectionClosed:
        pass


async def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    server = await websockets.serve(feed, "127.0.0.1", port)
    print("LISTENING %d" % server.sockets[0].getsockname()[1], flush=True)
    loop = asyncio.get_running_loop()
    stop = loop.create_future()
    loop.add_signal_handler(signal.SIGTERM, lambda: stop.done() or stop.set_result(None))
    stdin_closed = loop.run_in_executor(None, sys.stdin.read)
    await asyncio.wait([stop, stdin_closed], return_when=asyncio.FIRST_COMPLETED)
    server.close()
    os._exit(0)  # the thread blocked on stdin would keep the interpreter alive


asyncio.run(main())
