/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Time of incoming messages: the exchange's own timestamp read from the raw bytes
 * ({@link io.jetsocket.client.time.ExchangeTimestampExtractor}), the latency summaries of a connection's
 * statistics ({@link io.jetsocket.client.time.LatencySummary}, recorded by
 * {@link io.jetsocket.client.time.LatencyHistogram}) and the estimate of the offset between the local clock and the
 * exchange's ({@link io.jetsocket.client.time.ClockOffset}, from {@link io.jetsocket.client.time.WindowedMinimum}).
 * The receive timestamps themselves come from the engine, once per socket read:
 * {@code WebSocket.receiveNanos()} and {@code receiveEpochNanos()}.
 */
package io.jetsocket.client.time;
