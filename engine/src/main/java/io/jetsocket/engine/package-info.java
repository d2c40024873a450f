/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The protocol engine and its public API. {@link io.jetsocket.engine.WebSocketEngine} is one Agrona agent that
 * drives many connections from one thread; {@link io.jetsocket.engine.WebSocketConnection} is the application's
 * handle on one of them, {@link io.jetsocket.engine.WebSocketListener} receives its events on the engine thread,
 * {@link io.jetsocket.engine.EngineContext} configures it.
 * <p>
 * Inside, as in Aeron's conductor: every command from another thread (connect, send, close, task) travels through
 * one ordered channel ({@code CommandChannel} over a many-to-one ring buffer); each connection is a state machine
 * ({@code Connection}) over its endpoints, as Artio splits a session from its endpoints: {@code ConnectPipeline}
 * (TCP, proxy, TLS, upgrade), {@code ReceiverEndpoint} (reads, zero-copy decoding), {@code SenderEndpoint}
 * (framing, compression, queued bytes, control frames first) and {@code CloseHandshake}. Shared per-thread
 * buffers, timers, the resolver and agents each have a class of their own.
 */
package io.jetsocket.engine;
