/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The JetSocket client: {@link io.jetsocket.client.WebSocket} (non-blocking) and
 * {@link io.jetsocket.client.SyncWebSocket} (blocking), with reconnection, heartbeat, buffering, replay, events,
 * states, statistics and codecs.
 * <p>
 * Jackson Databind is optional: only {@code ClientConfig.Builder#messageType} (typed JSON messages) needs it, and the
 * application then requires {@code com.fasterxml.jackson.databind} itself and opens its message classes to it.
 */
// Agrona is an automatic module (no module-info of its own), and its types are in our API
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.jetsocket.client
{
    requires transitive io.jetsocket.engine;
    requires transitive org.agrona;
    requires com.fasterxml.jackson.core;
    requires static com.fasterxml.jackson.databind; // not transitive: modular users who skip typed messages need no Databind

    exports io.jetsocket.client;
    exports io.jetsocket.client.codec;
    exports io.jetsocket.client.config;
    exports io.jetsocket.client.event;
    exports io.jetsocket.client.feed;
    exports io.jetsocket.client.multiplex;
    exports io.jetsocket.client.pool;
    exports io.jetsocket.client.venue;
    // io.jetsocket.client.agent (the duty-cycle agents) is internal: not exported
}
