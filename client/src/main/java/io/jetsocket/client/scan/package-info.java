/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Internal, not exported: the byte-level JSON steps the client's zero-copy readers share (the multiplexer's channel
 * key, the feed's sequence fields, the exchange timestamp). Its unchecked steps read a buffer's raw array or address
 * after one span check per message, so they stay inside the module rather than in the public {@code codec} API.
 */
package io.jetsocket.client.scan;
