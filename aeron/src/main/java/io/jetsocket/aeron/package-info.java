/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Fan-out of WebSocket feeds through Aeron.
 * <p>
 * Producer: {@link io.jetsocket.aeron.AeronFeedPublisher} is a raw message handler on the engine thread that claims
 * room in an Aeron publication for {@link io.jetsocket.aeron.FeedHeader} plus the payload, copies the payload once
 * and commits; lifecycle events (connected, disconnected, resubscribed, gap, reset) travel on the same stream. A
 * {@link io.jetsocket.aeron.BackPressurePolicy} decides what happens when the slowest consumer holds the publication
 * back; it never spins without bound on the engine thread.
 * <p>
 * Consumer: {@link io.jetsocket.aeron.AeronFeedSubscriber#fragmentHandler} turns a
 * {@link io.jetsocket.aeron.FeedMessageHandler} and a {@link io.jetsocket.aeron.FeedEventHandler} into an Aeron
 * fragment handler (reassembling fragmented messages) that hands each payload over zero-copy.
 */
package io.jetsocket.aeron;
