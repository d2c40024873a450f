/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.micro;

import io.jetsocket.engine.frame.Utf8Validator;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * {@link Utf8Validator#update} over a direct buffer (as the decoder runs it on the read buffer) against a
 * JDK {@link CharsetDecoder} with {@link CodingErrorAction#REPORT}, which validates while decoding into a
 * reused {@link CharBuffer}. The JDK decoder is given a heap {@link ByteBuffer}, its fastest (array) path.
 * Both are reset per op, as per message.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = MicroSupport.ADD_EXPORTS)
public class Utf8ValidationBenchmark
{
    /** ASCII_JSON: market-data JSON, all ASCII. MULTI_BYTE: mostly 2-, 3- and 4-byte characters. */
    @Param({ "ASCII_JSON", "MULTI_BYTE" })
    public String text;

    /** Input size in bytes. */
    @Param({ "128", "65536" })
    public int size;

    private final Utf8Validator validator = new Utf8Validator();
    private final CharsetDecoder jdkDecoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);

    private UnsafeBuffer direct;
    private ByteBuffer heapIn;
    private CharBuffer charsOut;

    /**
     * Build the input and check that both sides accept it.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        final byte[] bytes;
        switch (text)
        {
            case "ASCII_JSON":
                bytes = MicroSupport.marketDataJson(size);
                break;
            case "MULTI_BYTE":
                bytes = MicroSupport.multiByteText(size);
                break;
            default:
                throw new IllegalArgumentException("unknown text: " + text);
        }
        direct = MicroSupport.directBufferOf(bytes);
        heapIn = ByteBuffer.wrap(bytes);
        charsOut = CharBuffer.allocate(size);

        if (!jetsocketValidator() || !jdkCharsetDecoder())
        {
            throw new IllegalStateException("input rejected: " + text + "/" + size);
        }
    }

    /**
     * The engine's incremental validator over the whole message.
     *
     * @return true when the message is complete, valid UTF-8.
     */
    @Benchmark
    public boolean jetsocketValidator()
    {
        final Utf8Validator validator = this.validator;
        validator.reset();
        return validator.update(direct, 0, size) && validator.isComplete();
    }

    /**
     * Baseline: decode the whole message with the JDK's UTF-8 decoder, reporting malformed input.
     *
     * @return true when the message is complete, valid UTF-8.
     */
    @Benchmark
    public boolean jdkCharsetDecoder()
    {
        final CharsetDecoder decoder = jdkDecoder.reset();
        final ByteBuffer in = heapIn.clear();
        final CharBuffer out = charsOut.clear();
        final CoderResult result = decoder.decode(in, out, true);
        return result.isUnderflow() && decoder.flush(out).isUnderflow() && !in.hasRemaining();
    }
}
