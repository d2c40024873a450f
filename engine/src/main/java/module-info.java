/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The JetSocket protocol engine: {@link io.jetsocket.engine.WebSocketEngine} drives many WebSocket connections from
 * one thread (its own, or the application's duty cycle).
 * <p>
 * Agrona is an automatic module ({@code org.agrona}): on the module path the JVM needs
 * {@code --add-exports java.base/jdk.internal.misc=org.agrona}.
 */
// Agrona is an automatic module (no module-info of its own), and its types are in our API
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.jetsocket.engine
{
    requires transitive org.agrona;

    exports io.jetsocket.engine;
    // CloseCode and Opcode are public API; the codec classes beside them are public for the benchmarks
    exports io.jetsocket.engine.frame;
    // HandshakeException (and its headers) is public API
    exports io.jetsocket.engine.handshake;
    // DeflateParameters is public API (ConnectRequest, WebSocketConnection)
    exports io.jetsocket.engine.deflate;
    // EngineCounters, EngineCountersReader, EngineStat: counters and the tool that reads them
    exports io.jetsocket.engine.status;
}
