/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron;

/**
 * What an {@link AeronFeedPublisher} does when the publication cannot take a message because its slowest consumer
 * is behind ({@code BACK_PRESSURED}, or {@code ADMIN_ACTION} after one retry). None of them spins without bound on
 * the engine thread: the WebSocket's heartbeats and the other connections of the engine must keep running.
 * A publication with no consumer ({@code NOT_CONNECTED}), closed, or at its maximum position drops the message under
 * every policy (counted by outcome).
 */
public enum BackPressurePolicy
{
    /**
     * Drop the message and count it; the next message that is published carries
     * {@link FeedHeader#FLAG_DROPPED_BEFORE}, so a consumer knows its state may be stale.
     */
    DROP_AND_COUNT,

    /**
     * Keep the latest message of each key (from {@link PublisherOptions.Builder#conflationKey}; by default one key for
     * all messages) in a bounded table of preallocated slots, and send what is held, oldest key first, with
     * {@link FeedHeader#FLAG_CONFLATED}: on the publisher's next duty cycle (it runs as an engine agent) and before
     * the next message. While anything is held, newer messages are held behind it (replacing the held message of
     * their key), so the stream keeps the order of the latest values. Lifecycle events are held too but never
     * replaced, and a message never replaces one held before an event (it is held behind the event instead: a new
     * connection's messages stay after its CONNECTED, a feed's after its RESET). A message held across a reconnect
     * keeps its connection's id. A message longer than a slot, or of a new key when every slot is taken, is
     * dropped and counted.
     */
    CONFLATE,

    /**
     * The consumer that holds the stream back is evicted the only way a publisher can: the publisher closes its
     * publication (every consumer sees its image go away, the Aeron analogue of a server closing a slow client's
     * socket), counts it, tells {@link PublisherOptions.Builder#onSlowConsumer}, and drops every message after
     * that. To evict one slow consumer and keep the others, let the media driver do it instead: an untethered
     * subscription ({@code tether=false}) on IPC, or a flow control with a timeout on UDP; this policy is the last
     * resort when nothing may fall behind silently.
     */
    DISCONNECT_SLOW_CONSUMER,

    /**
     * Retry at most {@link PublisherOptions.Builder#spinLimit} times in the same call, then drop and count as
     * {@link #DROP_AND_COUNT} does: for consumers that are briefly slow, at a bounded cost to the duty cycle.
     */
    BOUNDED_SPIN
}
