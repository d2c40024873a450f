/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

/**
 * A stream's state at one point of its sequence, as a {@link SnapshotFetcher} returns it (an order book fetched over
 * REST, say): the deltas after {@code lastSequence} are replayed onto it.
 *
 * @param lastSequence the id of the last update the snapshot includes (Binance's {@code lastUpdateId}).
 * @param payload      the application's snapshot data, handed to the {@link SnapshotHandler} as is; may be null.
 * @param <S>          the payload type.
 */
public record Snapshot<S>(long lastSequence, S payload)
{
}
