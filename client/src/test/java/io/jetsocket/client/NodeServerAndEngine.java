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
 * The fixture the Node.js interop test classes share, as {@link ServerAndEngine} is for the in-process server: one
 * {@link ScriptServer} and one engine of the class's own, started before its first test and closed after its last.
 * The class is skipped when node or the script's dependencies are missing. Register it as a static field with
 * {@code @RegisterExtension}.
 */
public final class NodeServerAndEngine implements BeforeAllCallback, AfterAllCallback
{
    private final String roleName;
    private ScriptServer node;
    private WebSocketEngine engine;

    /**
     * A fixture whose engine is named {@code roleName}.
     *
     * @param roleName the engine's role name (its thread's name).
     */
    public NodeServerAndEngine(final String roleName)
    {
        this.roleName = roleName;
    }

    /**
     * The running Node.js server.
     *
     * @return the server.
     */
    public ScriptServer node()
    {
        return node;
    }

    /**
     * The running engine.
     *
     * @return the engine.
     */
    public WebSocketEngine engine()
    {
        return engine;
    }

    @Override
    public void beforeAll(final ExtensionContext context) throws Exception
    {
        node = ScriptServer.start();
        engine = WebSocketEngine.launch(new EngineContext().roleName(roleName));
    }

    @Override
    public void afterAll(final ExtensionContext context) throws Exception
    {
        // either may be missing: the node server skips the class when it cannot run here
        if (null != engine)
        {
            engine.close();
        }
        if (null != node)
        {
            node.close();
        }
    }
}
