/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The client's lifecycle pieces, run on the engine thread by the client conductor: reconnect timers (back-off,
 * age rotation, close timeout) and the heartbeat (pings, pong timeouts, latency) on the engine's deadline timer
 * wheel through {@link io.jetsocket.client.agent.ClientTimers}, fatal-error classification, buffering and
 * replay. Tests step a fake {@code ClientTimers} by hand.
 */
package io.jetsocket.client.agent;
