/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.micro;

import io.jetsocket.engine.handshake.HandshakeResponseParser;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * {@link HandshakeResponseParser#parse} of a typical 101 Switching Protocols response arriving in one read.
 * Two variants: {@link #newParserPerOp} creates a parser per op, as a connection does (one per handshake);
 * {@link #reusedParser} calls {@link HandshakeResponseParser#reset()} on one parser, isolating the parse.
 * The parser turns the head into strings and a header map by design (a once-per-connection path), so this
 * benchmark allocates; its B/op is the garbage one handshake parse leaves.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = MicroSupport.ADD_EXPORTS)
public class HandshakeParseBenchmark
{
    private static final String RESPONSE =
        "HTTP/1.1 101 Switching Protocols\r\n" +
        "Upgrade: websocket\r\n" +
        "Connection: Upgrade\r\n" +
        "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n" +
        "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=15\r\n" +
        "Date: Fri, 22 Nov 2024 06:30:00 GMT\r\n" +
        "Server: nginx/1.25.3\r\n" +
        "\r\n";

    private final HandshakeResponseParser parser = new HandshakeResponseParser();
    private UnsafeBuffer response;
    private int length;

    /**
     * Put the response in a direct read buffer and check that it parses.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        final byte[] bytes = RESPONSE.getBytes(StandardCharsets.US_ASCII);
        response = MicroSupport.directBufferOf(bytes);
        length = bytes.length;

        parser.reset();
        final int consumed = parser.parse(response, 0, length);
        if (consumed != length || !parser.isComplete() || 101 != parser.statusCode() ||
            6 != parser.headers().size())
        {
            throw new IllegalStateException("parse check failed: consumed=" + consumed + "/" + length +
                " status=" + parser.statusCode());
        }
    }

    /**
     * Parse with a new parser, as each connection does.
     *
     * @param bh sink for the headers.
     * @return bytes of the head.
     */
    @Benchmark
    public int newParserPerOp(final Blackhole bh)
    {
        final HandshakeResponseParser parser = new HandshakeResponseParser();
        final int consumed = parser.parse(response, 0, length);
        bh.consume(parser.headers());
        return consumed;
    }

    /**
     * Parse with one parser, reset before each parse.
     *
     * @param bh sink for the headers.
     * @return bytes of the head.
     */
    @Benchmark
    public int reusedParser(final Blackhole bh)
    {
        final HandshakeResponseParser parser = this.parser;
        parser.reset();
        final int consumed = parser.parse(response, 0, length);
        bh.consume(parser.headers());
        return consumed;
    }
}
