/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
'use strict';

/*
 * WebSocket server for the engine's interop tests (io.jetsocket.engine.interop.NodeWsServer), built on the
 * `ws` package: a server implementation that nobody on this project wrote.
 *
 *   node ws-server.js <port> [--tls-key <pem> --tls-cert <pem>]
 *                                listen on 127.0.0.1:<port>; 0 picks a free port; with the TLS options, serve
 *                                wss:// (HTTPS upgrade) with that key and certificate chain instead of ws://
 *
 * stdout is a line protocol read by the Java fixture:
 *   LISTENING <port>                         first line, once the server accepts connections
 *   CLOSE <tag> <code> <reason as hex>       a connection opened with ?tag=<tag> has closed; <code> is the
 *                                            close code the server received (1005: none, 1006: no close frame)
 * Diagnostics go to stderr. The process exits when stdin reaches end of file (its parent died) or on SIGTERM.
 *
 * Behaviour by URL path (query parameters in brackets):
 *   /echo                         echo text as text and binary as binary
 *   /snapshot [count,size]        send <count> messages in the same TCP segment as the 101 response, then echo;
 *                                 message i has <size> bytes, even i text, odd i binary (see snapshotMessage)
 *   /close [code,reason]          close at once with that code and reason; code=none sends no status code
 *   /ping [payload]               ping with <payload>; on the pong answer with the text "pong:<pong payload>"
 *   /fragmented [fragments]       echo every message split into <fragments> frames (text split between bytes)
 *   /drop                         on the first message, destroy the TCP connection without a close frame
 *   /mux [burst]                  a venue's subscriptions: {"op":"subscribe","channel":C} is answered with
 *                                 {"result":"subscribed","channel":C}, then <burst> (default 3) messages
 *                                 {"stream":C,"data":{"seq":i}}, i from 1 on each subscribe; the text "drop"
 *                                 destroys the TCP connection without a close frame
 *   /reject [status]              refuse the upgrade with that HTTP status (raw HTTP response)
 *   /silent-close, /stall         stop reading right after the upgrade: close frames are never answered and
 *     [resumeMs]                  what the client sends piles up in the TCP buffers; with resumeMs, start
 *                                 reading after that many milliseconds and echo from then on
 *   /message-then-close [text]    stop reading, then send the text message <text> and a close frame (1001
 *                                 "server leaving") in the same TCP segment as the 101 response
 *   /stamped [count]              an exchange feed: on each message received, answer {"result":null} then <count>
 *                                 (default 10) trades {"e":"trade",...,"E":<Date.now()>,"T":<Date.now()>}
 *   /offer                        send the request's Sec-WebSocket-Extensions header (or "") as a text message,
 *                                 then echo
 *   /gzip [count,format,size,     a venue that compresses every message itself, outside RFC 7692 (Huobi/HTX):
 *      corrupt,bomb]              <count> (default 3) JSON messages {"ch":"market.btcusdt.trade","seq":i,"pad":P}
 *                                 (P: <size> (default 0) letters) as binary frames compressed by <format> (gzip,
 *                                 deflate = raw, zlib; default gzip), then the text frame {"plain":true} as it is;
 *                                 then each text message received comes back compressed; corrupt=1 flips a byte
 *                                 of the first message's CRC-32 trailer (gzip); bomb=N first sends N zero bytes,
 *                                 compressed; ping=T first sends {"ping":T} compressed, as Huobi's server pings are
 *   /deflate/<route>              <route> (any of the above) on a server with permessage-deflate on, configured by
 *     [snct,cnct,smwb,cmwb,         the query: snct=1 serverNoContextTakeover, cnct=1 clientNoContextTakeover,
 *      threshold,level]             smwb/cmwb server/clientMaxWindowBits (a number, or 'true'), threshold (bytes,
 *                                   default 0: compress everything) and level (zlib level)
 */

const fs = require('fs');
const http = require('http');
const https = require('https');
const zlib = require('zlib');
const { WebSocketServer } = require('ws');

const MAX_PAYLOAD = 64 * 1024 * 1024;
const STALLED_SOCKET_LIFETIME_MS = 60000;

const port = parseInt(process.argv[2] || '0', 10);
const tlsOptions = {};
for (let i = 3; i + 1 < process.argv.length; i += 2) {
  if (process.argv[i] === '--tls-key') {
    tlsOptions.key = fs.readFileSync(process.argv[i + 1]);
  } else if (process.argv[i] === '--tls-cert') {
    tlsOptions.cert = fs.readFileSync(process.argv[i + 1]);
  } else {
    process.stderr.write(`unknown option ${process.argv[i]}\n`);
    process.exit(2);
  }
}
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`usage: node ws-server.js <port|0>, got ${process.argv[2]}\n`);
  process.exit(2);
}

const wss = new WebSocketServer({
  noServer: true,
  maxPayload: MAX_PAYLOAD,
  perMessageDeflate: false,
  clientTracking: false
});

/* One server per permessage-deflate configuration, made on first use. */
const deflateServers = new Map();

function windowBits(value) {
  if (value === null) {
    return undefined;
  }
  return value === 'true' ? true : parseInt(value, 10);
}

function deflateServer(url) {
  const options = {
    serverNoContextTakeover: url.searchParams.get('snct') === '1',
    clientNoContextTakeover: url.searchParams.get('cnct') === '1',
    serverMaxWindowBits: windowBits(url.searchParams.get('smwb')),
    clientMaxWindowBits: windowBits(url.searchParams.get('cmwb')),
    threshold: intParam(url, 'threshold', 0),
    zlibDeflateOptions: { level: intParam(url, 'level', 6) }
  };
  const key = JSON.stringify(options);
  let server = deflateServers.get(key);
  if (!server) {
    server = new WebSocketServer({
      noServer: true,
      maxPayload: MAX_PAYLOAD,
      perMessageDeflate: options,
      clientTracking: false
    });
    deflateServers.set(key, server);
  }
  return server;
}

function intParam(url, name, fallback) {
  const value = url.searchParams.get(name);
  if (value === null) {
    return fallback;
  }
  const parsed = parseInt(value, 10);
  if (!Number.isInteger(parsed)) {
    throw new Error(`parameter ${name} is not an integer: ${value}`);
  }
  return parsed;
}

/* Message i of /snapshot: mirrored by the Java tests (InteropData.snapshotMessage). */
function snapshotMessage(index, size) {
  const bytes = Buffer.alloc(size);
  for (let j = 0; j < size; j++) {
    bytes[j] = index % 2 === 0 ? 0x61 + ((index * 31 + j) % 26) : (index * 31 + j) & 0xff;
  }
  return bytes;
}

function echo(ws) {
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
}

const routes = {
  '/echo': echo,

  '/snapshot': (ws, url) => {
    const count = intParam(url, 'count', 10);
    const size = intParam(url, 'size', 16);
    for (let i = 0; i < count; i++) {
      ws.send(snapshotMessage(i, size), { binary: i % 2 === 1 });
    }
    echo(ws);
  },

  '/close': (ws, url) => {
    const code = url.searchParams.get('code') || '1000';
    if (code === 'none') {
      ws.close();
    } else {
      ws.close(parseInt(code, 10), url.searchParams.get('reason') || '');
    }
  },

  '/ping': (ws, url) => {
    ws.on('pong', (data) => ws.send('pong:' + data.toString('utf8')));
    ws.ping(Buffer.from(url.searchParams.get('payload') || 'jetsocket', 'utf8'));
    echo(ws);
  },

  '/fragmented': (ws, url) => {
    const fragments = Math.max(1, intParam(url, 'fragments', 3));
    ws.on('message', (data, isBinary) => {
      const step = Math.ceil(data.length / fragments);
      for (let i = 0; i < fragments; i++) {
        const part = data.subarray(Math.min(data.length, i * step), Math.min(data.length, (i + 1) * step));
        ws.send(part, { binary: isBinary, fin: i === fragments - 1 });
      }
    });
  },

  '/drop': (ws) => {
    ws.once('message', () => ws.terminate());
  },

  '/mux': (ws, url) => {
    const burst = intParam(url, 'burst', 3);
    ws.on('message', (data) => {
      const text = data.toString('utf8');
      if (text === 'drop') {
        ws.terminate();
        return;
      }
      const command = JSON.parse(text);
      if (command.op === 'subscribe') {
        ws.send(JSON.stringify({ result: 'subscribed', channel: command.channel }));
        for (let seq = 1; seq <= burst; seq++) {
          ws.send(JSON.stringify({ stream: command.channel, data: { seq } }));
        }
      }
    });
  },

  '/gzip': (ws, url) => {
    const compressors = { gzip: zlib.gzipSync, deflate: zlib.deflateRawSync, zlib: zlib.deflateSync };
    const compress = compressors[url.searchParams.get('format') || 'gzip'];
    const pad = 'x'.repeat(intParam(url, 'size', 0));
    const bomb = intParam(url, 'bomb', 0);
    if (bomb > 0) {
      ws.send(compress(Buffer.alloc(bomb)), { binary: true });
    }
    if (url.searchParams.has('ping')) {
      ws.send(compress(Buffer.from(JSON.stringify({ ping: intParam(url, 'ping', 0) }), 'utf8')), { binary: true });
    }
    for (let seq = 1; seq <= intParam(url, 'count', 3); seq++) {
      const message = compress(Buffer.from(JSON.stringify({ ch: 'market.btcusdt.trade', seq, pad }), 'utf8'));
      if (seq === 1 && url.searchParams.get('corrupt') === '1') {
        message[message.length - 8] ^= 0xff;
      }
      ws.send(message, { binary: true });
    }
    ws.send(JSON.stringify({ plain: true }));
    ws.on('message', (data) => ws.send(compress(data), { binary: true }));
  },

  '/stamped': (ws, url) => {
    const count = intParam(url, 'count', 10);
    ws.on('message', () => {
      ws.send(JSON.stringify({ result: null, id: 1 }));
      for (let i = 0; i < count; i++) {
        const nowMs = Date.now();
        ws.send(JSON.stringify({ e: 'trade', s: 'BTCUSDT', p: '42000.10', q: '0.5', E: nowMs, T: nowMs }));
      }
    });
  },

  '/message-then-close': (ws, url) => {
    ws.pause();
    ws.send(url.searchParams.get('text') || 'fill');
    ws.close(1001, 'server leaving');
  },

  '/offer': (ws, url, req) => {
    ws.send(req.headers['sec-websocket-extensions'] || '');
    echo(ws);
  },

  '/silent-close': stall,
  '/stall': stall
};

function stall(ws, url) {
  ws.pause();
  const resumeMs = intParam(url, 'resumeMs', 0);
  if (resumeMs > 0) {
    setTimeout(() => ws.resume(), resumeMs);
  } else {
    setTimeout(() => ws.terminate(), STALLED_SOCKET_LIFETIME_MS).unref();
  }
  echo(ws);
}

function rawResponse(socket, status, extraHeaders) {
  const body = `interop server refused the upgrade with ${status}\n`;
  const lines = [
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status] || 'Status'}`,
    'Connection: close',
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `X-Interop-Status: ${status}`
  ].concat(extraHeaders);
  socket.end(lines.join('\r\n') + '\r\n\r\n' + body);
  setTimeout(() => socket.destroy(), 5000).unref();
}

function reject(socket, url) {
  const status = intParam(url, 'status', 403);
  const extra = [];
  if (status === 401) {
    extra.push('WWW-Authenticate: Bearer realm="interop"');
  }
  if (status === 503) {
    extra.push('Retry-After: 7');
  }
  rawResponse(socket, status, extra);
}

function reportClose(ws, url) {
  const tag = url.searchParams.get('tag');
  ws.on('close', (code, reason) => {
    if (tag) {
      process.stdout.write(`CLOSE ${tag} ${code} ${Buffer.from(reason).toString('hex')}\n`);
    }
  });
}

function onPlainRequest(req, res) {
  res.writeHead(426, { 'Content-Type': 'text/plain' });
  res.end('WebSocket only\n');
}

const server = tlsOptions.key ? https.createServer(tlsOptions, onPlainRequest) : http.createServer(onPlainRequest);
server.on('tlsClientError', (err) => process.stderr.write(`TLS client error: ${err.message}\n`));

server.on('clientError', (err, socket) => socket.destroy());

server.on('upgrade', (req, socket, head) => {
  socket.on('error', (err) => process.stderr.write(`socket error on ${req.url}: ${err.message}\n`));
  let url;
  try {
    url = new URL(req.url, 'http://127.0.0.1');
  } catch (err) {
    rawResponse(socket, 400, []);
    return;
  }
  let target = wss;
  let pathname = url.pathname;
  if (pathname.startsWith('/deflate/')) {
    target = deflateServer(url);
    pathname = pathname.substring('/deflate'.length);
  }
  if (pathname === '/reject') {
    reject(socket, url);
    return;
  }
  const route = routes[pathname];
  if (!route) {
    rawResponse(socket, 404, []);
    return;
  }
  // Hold every write until the messages are queued so that they leave with the 101 response.
  const corked = pathname === '/snapshot' || pathname === '/message-then-close';
  if (corked) {
    socket.cork();
  }
  target.handleUpgrade(req, socket, head, (ws) => {
    ws.on('error', (err) => process.stderr.write(`ws error on ${req.url}: ${err.message}\n`));
    reportClose(ws, url);
    try {
      route(ws, url, req);
    } catch (err) {
      process.stderr.write(`route ${req.url} failed: ${err.stack}\n`);
      ws.terminate();
    }
    if (corked) {
      process.nextTick(() => socket.uncork());
    }
  });
});

server.listen({ host: '127.0.0.1', port: port, backlog: 4096 }, () => {
  process.stdout.write(`LISTENING ${server.address().port}\n`);
});

// The parent is gone when stdin ends or stdout breaks: exit rather than linger or crash on EPIPE.
process.stdout.on('error', () => process.exit(0));
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
process.on('SIGTERM', () => process.exit(0));
