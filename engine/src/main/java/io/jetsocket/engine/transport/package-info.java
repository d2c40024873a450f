/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The byte stream a connection speaks WebSocket over: the socket itself, or TLS on it with an {@code SSLEngine}
 * driven on the engine's selector loop (handshake tasks inline, or on an executor). Internal: not exported by the
 * engine's module.
 */
package io.jetsocket.engine.transport;
