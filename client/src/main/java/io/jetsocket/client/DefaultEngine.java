/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.SelectingIdleStrategy;
import io.jetsocket.engine.WebSocketEngine;

/**
 * The engine shared by every client built without an engine of its own: started lazily, on one daemon thread
 * named {@value #ROLE_NAME}. It idles with {@link SelectingIdleStrategy}: an idle client costs no CPU, and waking
 * on a message costs a few microseconds; latency-critical applications give their clients an engine of their own
 * with a spinning idle strategy ({@code WebSocket.builder(uri).engine(engine)}). Never closed: it dies with the JVM.
 */
final class DefaultEngine
{
    static final String ROLE_NAME = "jetsocket-client";

    private static WebSocketEngine engine;

    private DefaultEngine()
    {
    }

    static synchronized WebSocketEngine get()
    {
        if (null == engine)
        {
            engine = WebSocketEngine.launch(new EngineContext()
                .roleName(ROLE_NAME)
                .idleStrategy(new SelectingIdleStrategy()));
        }
        return engine;
    }
}
