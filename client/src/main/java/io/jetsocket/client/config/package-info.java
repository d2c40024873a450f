/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Immutable client configuration records with builders and defaults: back-off, heartbeat, buffer, replay. Each
 * record is validated when built, and its Javadoc lists every field's default.
 */
package io.jetsocket.client.config;
