# Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
"""Echo servers with permessage-deflate for the engine's interop tests (io.jetsocket.engine.interop.PythonWsServer),
built on Debian's python3-websockets (10.x): a server implementation nobody on this project wrote.

    python3 ws_server.py

Starts one echo server per configuration below on 127.0.0.1 (free ports) and prints, once all listen,
    LISTENING <name> <port>
per server, then READY. Exits when stdin reaches end of file (its parent died) or on SIGTERM.
"""
import asyncio
import os
import signal
import sys

import websockets
from websockets.extensions.permessage_deflate import ServerPerMessageDeflateFactory

MAX_SIZE = 64 * 1024 * 1024


async def echo(websocket, path=None):
    try:
        async for message in websocket:
            await websocket.send(message)
    except websockets.ConnectionClosed:
        pass


CONFIGURATIONS = {
    # websockets' own default: server_max_window_bits=12, client_max_window_bits=12 (if offered), memLevel 5
    "default": dict(compression="deflate"),
    "no-context-takeover": dict(compression=None, extensions=[
        ServerPerMessageDeflateFactory(server_no_context_takeover=True, client_no_context_takeover=True)]),
    "server-window-9": dict(compression=None, extensions=[
        ServerPerMessageDeflateFactory(server_max_window_bits=9)]),
    # limits the client's window to 9 bits when the offer allows it: zlib inflates our messages with wbits=-9
    "client-window-9": dict(compression=None, extensions=[
        ServerPerMessageDeflateFactory(client_max_window_bits=9)]),
    # declines an offer without client_max_window_bits, limits the client's window to 10 bits otherwise
    "requires-client-window": dict(compression=None, extensions=[
        ServerPerMessageDeflateFactory(client_max_window_bits=10, require_client_max_window_bits=True)]),
}


async def main():
    servers = []
    for name, options in CONFIGURATIONS.items():
        server = await websockets.serve(echo, "127.0.0.1", 0, max_size=MAX_SIZE, **options)
        servers.append(server)
        print(f"LISTENING {name} {server.sockets[0].getsockname()[1]}", flush=True)
    print("READY", flush=True)
    loop = asyncio.get_running_loop()
    stop = loop.create_future()
    loop.add_signal_handler(signal.SIGTERM, lambda: stop.done() or stop.set_result(None))
    stdin_closed = loop.run_in_executor(None, sys.stdin.read)
    await asyncio.wait([stop, stdin_closed], return_when=asyncio.FIRST_COMPLETED)
    for server in servers:
        server.close()
    os._exit(0)  # the thread blocked on stdin would keep the interpreter alive


if __name__ == "__main__":
    asyncio.run(main())
