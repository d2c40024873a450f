/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Codecs between the client's messages and frame payloads: JSON with Jackson Core streaming (the default),
 * strings, bytes, typed records via Jackson Databind, and a pair of serializer/deserializer functions.
 */
package io.jetsocket.client.codec;
