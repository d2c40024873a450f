/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.interop;

/**
 * The WebSocket servers the interop tests run against: implementations that nobody on this project wrote.
 */
enum ServerKind
{
    /** Node.js with the {@code ws} package, out of process ({@link NodeWsServer}). */
    NODE,
    /** Jetty 12's native WebSocket server, in process ({@link JettyWsServer}). */
    JETTY
}
