/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The opening handshake (RFC 6455 section 4): URI parsing, the upgrade request, the incremental response parser
 * with its limits, and the validation of the response ({@link io.jetsocket.engine.handshake.HandshakeException}
 * carries a refused upgrade's status, reason and headers).
 */
package io.jetsocket.engine.handshake;
