/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

/**
 * A subscription message sent through {@code WebSocket.subscribe}: the client sends it again on every new
 * connection, until cancelled.
 */
public interface Subscription
{
    /**
     * Stop restoring the subscription after reconnects (sends nothing; send your own unsubscribe message).
     *
     * @return true if it was active until now.
     */
    boolean cancel();

    /**
     * Is it still restored after reconnects?
     *
     * @return true until cancelled.
     */
    boolean isActive();
}
