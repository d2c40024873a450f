/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The user-facing JetSocket client layered over {@code io.jetsocket.engine}: {@link io.jetsocket.client.WebSocket}
 * (non-blocking) and {@link io.jetsocket.client.SyncWebSocket} (blocking), with reconnection, heartbeat,
 * buffering, replay, events, states, statistics and codecs. Configuration records live
 * in {@code .config}, events in {@code .event}, codecs in {@code .codec} and the lifecycle pieces (reconnect
 * timers, heartbeat, replay) in {@code .agent}.
 * <p>
 * Threading: one {@code ClientConductor} agent per engine owns every client of that engine; their timers sit on
 * the engine's timer wheel, so an idle client costs nothing per duty cycle. Nothing on the engine thread takes a
 * lock: sends from other threads reach it through the engine's ordered command channel (buffered ones through a
 * many-to-one queue), received messages leave it through a single-producer queue whose readers park.
 */
package io.jetsocket.client;
