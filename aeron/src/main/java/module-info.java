/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The Aeron bridge: publishes JetSocket feeds into Aeron publications (IPC, UDP) with a versioned header and
 * lifecycle events, and decodes them zero-copy on the consumer side. A module of its own so that the client's jar
 * carries no Aeron dependency for applications that do not use it.
 */
// Aeron's client jar is an automatic module (Automatic-Module-Name io.aeron.client), and its types are in our API
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.jetsocket.aeron
{
    requires transitive io.jetsocket.client;
    requires transitive io.aeron.client;
    requires static io.aeron.driver; // the demo's embedded media driver (io.jetsocket.aeron.demo, not exported)
    requires static HdrHistogram; // the demo consumer's latency percentiles
    // Archive recording and replay (package io.jetsocket.aeron.archive) only: an optional dependency
    requires static io.aeron.archive;

    exports io.jetsocket.aeron;
    exports io.jetsocket.aeron.archive;
}
