/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

/**
 * The summary's fixed notes on method.
 */
final class Notes
{
    static final String TEXT = String.join("\n",
        "## How it is measured",
        "",
        "- **push**: the feed server writes `warmup + count` pre-encoded text frames of market-data JSON as fast as",
        "  the socket takes them. The client's clock and allocation counters start at message `warmup` and stop at",
        "  the last message, both read on the thread that delivers them. MB/s counts payload bytes (10^6 B).",
        "  KiB per read(2): the deltas of `rchar` / `syscr` in `/proc/self/io` over the same window.",
        "- **push over TLS / compressed** (`push128tls`, `push128z`, and the 1 KiB ones): the same push through the",
        "  feed server's TLS listener, or with permessage-deflate negotiated (`server_no_context_takeover`, every",
        "  message deflated once before the push). `compressed` in load-results.csv is what the library reports",
        "  it negotiated; wire B / msg is `rchar` per message. The JDK client has no permessage-deflate.",
        "- **Allocation**: `com.sun.management.ThreadMXBean#getThreadAllocatedBytes` for every live thread, as",
        "  per-thread deltas between the two points, summed over all threads of the client JVM (library threads,",
        "  the waiting main thread, JMX). It does not see threads that ended inside the window; none did unless",
        "  `threads_ended` in load-results.csv says otherwise.",
        "- **rtt**: ping-pong of one text message with the echo server. Each round trip runs from just before",
        "  the send to the echo's delivery; the next send is made from inside the delivery callback, on the",
        "  library's thread. HdrHistogram, 3 significant digits. `rtt64gap1ms`: the next send is made by a",
        "  thread of the workload's own 1 ms after the echo's delivery, so every round trip starts with the",
        "  library idle and a send from another thread (what waking the I/O thread costs).",
        "- **idle**: 1 or 1,000 connections to `/trickle` with a 1 h interval (one snapshot each, then",
        "  silence); CPU time of the client JVM (`OperatingSystemMXBean#getProcessCpuTime`) and per thread",
        "  (`ThreadMXBean#getThreadCpuTime`) over the idle window after 2 s of settling, as % of one core.",
        "- **pong**: the feed server's `/sink` reads as fast as it can while a producer thread in the client",
        "  offers 16 KiB binary messages whenever the library takes them (parking 50 us when it does not);",
        "  the server sends pings and measures ping written to pong read, and the data frames read between.",
        "  The pongs are the libraries' automatic answers (JetSocket answers only the latest ping).",
        "- **fan-in**: connections to `/trickle` (a snapshot message at once, then one message per connection",
        "  per second), at most 1,000 connects in flight. Heap: `MemoryMXBean` heap used after two",
        "  `System.gc()`; RSS: `VmRSS` of `/proc/self/status` with the heap pre-touched; direct:",
        "  `BufferPoolMXBean` \"direct\" (plus Netty's pooled arenas, which that bean does not see).",
        "- **reconnect storm**: the server closes every trickle connection at once (TCP close, no close frame).",
        "  Each connection reconnects from its close callback at once, without back-off (a connect that fails",
        "  is retried after 10-50 ms). JetSocket's engine has",
        "  no reconnect of its own (the client layer will): its adapter calls `WebSocketEngine.connect` again from",
        "  `onClose`, on the engine thread. Every library gets the same treatment.",
        "- **Fairness**: each client hands messages over as its library normally does: JetSocket a",
        "  `DirectBuffer` view (UTF-8 validated by the engine), Netty `TextWebSocketFrame`s (its UTF-8",
        "  validator on), the JDK a `CharSequence`, Java-WebSocket, OkHttp and Jetty a `String`. The raw floor",
        "  does not validate UTF-8. No client sends pings (pong16k: the server does).",
        "");

    private Notes()
    {
    }
}
