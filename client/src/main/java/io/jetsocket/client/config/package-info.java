/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Immutable client configuration records with builders and the seeds' defaults: back-off, heartbeat, buffer,
 * replay.
 */
package io.jetsocket.client.config;
