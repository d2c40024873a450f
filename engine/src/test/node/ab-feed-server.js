/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
'use strict';

/*
 * A sequenced market-data feed served to redundant (A/B) legs that the server drops at random, for the client's
 * RedundantFeed acceptance test (io.jetsocket.client.feed.RedundantFeedNodeTest), built on the `ws` package.
 *
 *   node ab-feed-server.js <port|0> [drops] [tickMs] [streams]
 *
 * A leg connects to /leg?name=<name>. Once two legs are connected the feed starts: every <tickMs> (default 1) the
 * next id of each of <streams> streams (default 2: s1, s2...) is sent, as the text "<stream>:<id>" with ids from
 * 1, to every leg open at that moment; a leg that (re)connects gets the feed from the live point on, nothing older.
 * Each tick, one leg picked at random is dropped (ws.terminate(): TCP closed with no close frame; or a 1001 close
 * frame, at random) while <drops> (default 1000) drops remain, but only when the other leg is open and caught up
 * (it has been sent at least MIN_TICKS_BEFORE_DROP ticks since it connected) and the victim has handed every byte
 * it was sent to the kernel (bufferedAmount 0, so nothing it alone carries is lost): a leg is open at every
 * moment, and every id reaches the client on at least one leg. Then the feed stops.
 *
 * stdout, a line protocol read by the Java fixture (NodeServer):
 *   LISTENING <port>                  first line, once the server accepts connections
 *   DONE <drops> <last id>            the drops are done and the feed has stopped; every stream ends at <last id>
 * Diagnostics go to stderr. The process exits when stdin reaches end of file (its parent died) or on SIGTERM.
 */

const http = require('http');
const { WebSocketServer, WebSocket } = require('ws');

const MIN_TICKS_BEFORE_DROP = 2;

const port = parseInt(process.argv[2] || '0', 10);
const drops = parseInt(process.argv[3] || '1000', 10);
const tickMs = parseInt(process.argv[4] || '1', 10);
const streamCount = parseInt(process.argv[5] || '2', 10);
const streams = [];
for (let i = 1; i <= streamCount; i++) {
  streams.push(`s${i}`);
}

/* name -> { ws, ticks: ticks sent since it connected } for the open legs */
const legs = new Map();
let lastId = 0;
let dropsDone = 0;
let started = false;
let timer = null;

function tick() {
  lastId++;
  for (const leg of legs.values()) {
    if (leg.ws.readyState === WebSocket.OPEN) {
      for (const stream of streams) {
        leg.ws.send(`${stream}:${lastId}`);
      }
      leg.ticks++;
    }
  }
  if (dropsDone < drops) {
    maybeDrop();
    return;
  }
  clearInterval(timer);
  process.stdout.write(`DONE ${dropsDone} ${lastId}\n`);
}

function maybeDrop() {
  const open = [...legs.values()].filter((leg) => leg.ws.readyState === WebSocket.OPEN);
  if (open.length < 2) {
    return;
  }
  const victim = open[Math.floor(Math.random() * open.length)];
  const caughtUp = open.some((leg) => leg !== victim && leg.ticks >= MIN_TICKS_BEFORE_DROP);
  if (!caughtUp || victim.ws.bufferedAmount !== 0) {
    return;
  }
  dropsDone++;
  if (Math.random() < 0.5) {
    victim.ws.terminate();
  } else {
    victim.ws.close(1001, 'leg dropped');
  }
  legs.delete(victim.name);
}

const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, clientTracking: false });
const server = http.createServer((req, res) => {
  res.writeHead(426);
  res.end();
});
server.on('clientError', (err, socket) => socket.destroy());
server.on('upgrade', (req, socket, head) => {
  socket.on('error', (err) => process.stderr.write(`socket error: ${err.message}\n`));
  const url = new URL(req.url, 'http://127.0.0.1');
  const name = url.searchParams.get('name');
  if (url.pathname !== '/leg' || !name) {
    socket.destroy();
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => {
    ws.on('error', (err) => process.stderr.write(`ws error on leg ${name}: ${err.message}\n`));
    const leg = { name, ws, ticks: 0 };
    legs.set(name, leg);
    ws.on('close', () => {
      if (legs.get(name) === leg) {
        legs.delete(name);
      }
    });
    if (!started && legs.size >= 2) {
      started = true;
      timer = setInterval(tick, tickMs);
    }
  });
});

server.listen({ host: '127.0.0.1', port: port, backlog: 1024 }, () => {
  process.stdout.write(`LISTENING ${server.address().port}\n`);
});

process.stdout.on('error', () => process.exit(0));
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
process.on('SIGTERM', () => process.exit(0));
