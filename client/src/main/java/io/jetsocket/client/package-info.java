/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The user-facing JetSocket client layered over {@code io.jetsocket.engine}: {@link io.jetsocket.client.WebSocket}
 * (non-blocking) and {@link io.jetsocket.client.SyncWebSocket} (blocking), with reconnection, heartbeat,
 * buffering, replay, events, states, statistics and codecs. Configuration records live
 * in {@code .config}, events in {@code .event}, codecs in {@code .codec} and the duty-cycle agents in
 * {@code .agent}.
 */
package io.jetsocket.client;
