/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fixture most client test classes share: one {@link TestServer} and one engine of the class's own, started
 * before its first test and closed after its last. Register it as a static field with {@code @RegisterExtension}.
 */
final class ServerAndEngine implements BeforeAllCallback, AfterAllCallback
{
    private final String roleName;
    private TestServer server;
    private WebSocketEngine engine;

    ServerAndEngine(final String roleName)
    {
        this.roleName = roleName;
    }

    TestServer server()
    {
        return server;
    }

    WebSocketEngine engine()
    {
        return engine;
    }

    @Override
    public void beforeAll(final ExtensionContext context) throws Exception
    {
        server = TestServer.start();
        engine = WebSocketEngine.launch(new EngineContext().roleName(roleName));
    }

    @Override
    public void afterAll(final ExtensionContext context) throws Exception
    {
        engine.close();
        server.close();
    }
}
