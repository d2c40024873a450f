/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The client's duty-cycle agents, run on the engine thread by {@code WebSocketEngine.addAgent}: reconnect
 * (back-off, fatal-error classification, age rotation, close timeout), heartbeat (pings, pong timeouts,
 * latency), buffering and replay. Each takes its clock as a parameter, so that tests drive time by hand.
 */
package io.jetsocket.client.agent;
