/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Many logical channels over one {@link io.jetsocket.client.WebSocket}: {@link
 * io.jetsocket.client.multiplex.Multiplex} routes each incoming message to the {@link
 * io.jetsocket.client.multiplex.ChannelSubscription} of its channel on the engine thread (one table lookup per
 * message, zero copies for raw subscribers), and sends every active channel's subscribe message again, in
 * subscription order, on each new connection. {@link io.jetsocket.client.multiplex.ShardedMultiplex} spreads
 * channels over as many such multiplexers (connections) as a venue's cap of streams per connection requires.
 */
package io.jetsocket.client.multiplex;
