/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.config;

import java.time.Duration;

/**
 * Ready-made configurations for common uses, each a {@link ClientConfig.Builder} pre-set for a URI that the caller
 * may override before building, e.g. {@code Presets.trading(uri).heartbeat(Duration.ofSeconds(5)).build()}.
 * Reconnection is on in all of them; every option not listed keeps its default.
 * <table>
 *   <caption>Preset values</caption>
 *   <tr><th>preset</th><th>back-off base / multiplier / cap / jitter / max attempts / reset after</th>
 *       <th>heartbeat interval / timeout</th><th>buffer</th><th>other</th></tr>
 *   <tr><td>{@link #trading}</td><td>0.5 s / 2 / 30 s / on / unlimited / 60 s</td><td>20 s / 10 s</td>
 *       <td>10,000, drop oldest, de-duplication over 1,000 ids</td>
 *       <td>max connection age 23 h 50 min (85,800 s), compression offered</td></tr>
 *   <tr><td>{@link #llmStream}</td><td>1 s / 2 / 10 s / on / 5 / 30 s</td><td>30 s / 15 s</td>
 *       <td>500, drop oldest</td><td>max message size 128 MiB, compression not offered</td></tr>
 *   <tr><td>{@link #dashboard}</td><td>2 s / 2 / 60 s / on / unlimited / 120 s</td><td>30 s / 20 s</td>
 *       <td>100, drop oldest</td><td>-</td></tr>
 *   <tr><td>{@link #minimal}</td><td>1 s / 2 / 30 s / on / 10 / 60 s</td><td>30 s / 10 s</td>
 *       <td>100, drop oldest</td><td>-</td></tr>
 * </table>
 * Venue presets start from {@link #trading} and add the venue's own liveness protocol (public API documentation of
 * each venue): {@link #bybit} pings with {@code {"op":"ping"}} every 20 s, {@link #okx} with the text {@code ping}
 * every 20 s (OKX drops a connection silent for 30 s), {@link #huobi} answers the server's {@code {"ping":ts}} with
 * {@code {"pong":ts}} (Huobi drops a connection that misses two); their pongs and pings are matched on bytes, never
 * decoded, and never reach the application.
 * <p>
 * The values are those of the Python original's presets; for {@code minimal}, those its documentation promises
 * (heartbeat 30 s, buffer 100), which its code lacked. Thread safe: each call returns a new builder.
 */
public final class Presets
{
    /** Trading: a connection is rotated before a venue's 24-hour limit (Binance). */
    public static final Duration TRADING_MAX_CONNECTION_AGE = Duration.ofSeconds(85_800);
    /** LLM streams: the largest incoming message. */
    public static final int LLM_STREAM_MAX_MESSAGE_SIZE = 128 * 1024 * 1024;

    private Presets()
    {
    }

    /**
     * Trading and market data: fast reconnection, 20 s heartbeat, a large de-duplicating buffer and rotation
     * before the 24-hour connection limit of venues such as Binance.
     *
     * @param uri a {@code ws://} or {@code wss://} URI.
     * @return a builder with the preset's values.
     */
    public static ClientConfig.Builder<Object> trading(final String uri)
    {
        return ClientConfig.builder(uri)
            .reconnect(true)
            .backoff(backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 0, Duration.ofSeconds(60)))
            .heartbeat(heartbeat(Duration.ofSeconds(20), Duration.ofSeconds(10)))
            .buffer(BufferConfig.builder().capacity(10_000).overflowPolicy(OverflowPolicy.DROP_OLDEST)
                .enableDedup(true).dedupWindow(1_000).build())
            .maxConnectionAge(TRADING_MAX_CONNECTION_AGE)
            .compress(true);
    }

    /**
     * Bybit (v5 public and private streams): {@link #trading}, with the heartbeat an application-level
     * {@code {"op":"ping"}} every 20 s, its pong ({@code "op":"pong"} or {@code "ret_msg":"pong"}) matched on bytes
     * within 10 s.
     *
     * @param uri a {@code wss://stream.bybit.com/...} URI.
     * @return a builder with the preset's values.
     */
    public static ClientConfig.Builder<Object> bybit(final String uri)
    {
        return trading(uri).heartbeat(HeartbeatConfig.builder().interval(Duration.ofSeconds(20))
            .timeout(Duration.ofSeconds(10)).venuePing(VenuePings.jsonOp("ping")).build());
    }

    /**
     * OKX (v5): {@link #trading}, with the heartbeat the text {@code ping} every 20 s answered by the text
     * {@code pong} within 10 s (OKX closes a connection that stays silent for 30 s).
     *
     * @param uri a {@code wss://ws.okx.com:8443/ws/v5/...} URI.
     * @return a builder with the preset's values.
     */
    public static ClientConfig.Builder<Object> okx(final String uri)
    {
        return trading(uri).heartbeat(HeartbeatConfig.builder().interval(Duration.ofSeconds(20))
            .timeout(Duration.ofSeconds(10)).venuePing(VenuePings.text("ping", "pong")).build());
    }

    /**
     * Huobi/HTX market data: {@link #trading}, answering the server's {@code {"ping":ts}} with
     * {@code {"pong":ts}} (the venue sends one every 5 s and closes the connection after two go unanswered), and
     * inflating its messages, every one a gzip-compressed binary frame ({@link PayloadCompression#GZIP}, delivered as
     * text): the ping reaches the responder once inflated.
     *
     * @param uri a {@code wss://api.huobi.pro/ws} URI.
     * @return a builder with the preset's values.
     */
    public static ClientConfig.Builder<Object> huobi(final String uri)
    {
        return trading(uri).payloadCompression(PayloadCompression.GZIP).answerServerPings(ServerPings.jsonPingPong());
    }

    /**
     * LLM token streams: large messages, no compression, a few quick reconnects.
     *
     * @param uri a {@code ws://} or {@code wss://} URI.
     * @return a builder with the preset's values.
     */
    public static ClientConfig.Builder<Object> llmStream(final String uri)
    {
        return ClientConfig.builder(uri)
            .reconnect(true)
            .backoff(backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), 5, Duration.ofSeconds(30)))
            .heartbeat(heartbeat(Duration.ofSeconds(30), Duration.ofSeconds(15)))
            .buffer(buffer(500))
            .maxMessageSize(LLM_STREAM_MAX_MESSAGE_SIZE)
            .compress(false);
    }

    /**
     * Dashboards: relaxed reconnection and heartbeat, a small buffer.
     *
     * @param uri a {@code ws://} or {@code wss://} URI.
     * @return a builder with the preset's values.
     */
    public static ClientConfig.Builder<Object> dashboard(final String uri)
    {
        return ClientConfig.builder(uri)
            .reconnect(true)
            .backoff(backoff(Duration.ofSeconds(2), Duration.ofSeconds(60), 0, Duration.ofSeconds(120)))
            .heartbeat(heartbeat(Duration.ofSeconds(30), Duration.ofSeconds(20)))
            .buffer(buffer(100));
    }

    /**
     * Minimal: at most 10 reconnects, a 30 s heartbeat, a small buffer.
     *
     * @param uri a {@code ws://} or {@code wss://} URI.
     * @return a builder with the preset's values.
     */
    public static ClientConfig.Builder<Object> minimal(final String uri)
    {
        return ClientConfig.builder(uri)
            .reconnect(true)
            .backoff(backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 10, Duration.ofSeconds(60)))
            .heartbeat(heartbeat(Duration.ofSeconds(30), HeartbeatConfig.TIMEOUT_DEFAULT))
            .buffer(buffer(100));
    }

    private static BackoffConfig backoff(
        final Duration base, final Duration cap, final int maxAttempts, final Duration resetAfter)
    {
        return BackoffConfig.builder().base(base).multiplier(2.0).cap(cap).jitter(true).maxAttempts(maxAttempts)
            .resetAfter(resetAfter).build();
    }

    private static HeartbeatConfig heartbeat(final Duration interval, final Duration timeout)
    {
        return HeartbeatConfig.builder().interval(interval).timeout(timeout).build();
    }

    private static BufferConfig buffer(final int capacity)
    {
        return BufferConfig.builder().capacity(capacity).overflowPolicy(OverflowPolicy.DROP_OLDEST).build();
    }
}
