/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.handshake;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static io.jetsocket.engine.handshake.HandshakeResponseParser.NEED_MORE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Feeds arbitrary bytes to {@link HandshakeResponseParser} and {@link HandshakeValidator}. The only outcomes allowed
 * are a complete head (then a result or a {@link HandshakeException} from validation), {@code NEED_MORE} for every
 * chunk, or a {@link HandshakeException} from parsing; any other exception is a finding. The same input is parsed
 * whole, one byte at a time and in pseudo-random chunks (seeded by the input) at a non-zero offset, and the outcomes
 * must be identical. Memory must stay bounded by the configured limits.
 * <p>
 * Without {@code JAZZER_FUZZ} set, only the seeds in {@code HandshakeResponseParserFuzzTestInputs/} run, as
 * regression tests.
 */
class HandshakeResponseParserFuzzTest
{
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final String ACCEPT = HandshakeKeys.acceptFor(KEY);
    private static final int MAX_HEADER_BYTES = 4096;
    private static final int MAX_HEADER_COUNT = 32;
    private static final int PREFIX = 3;
    private static final HandshakeRequest REQUEST = HandshakeRequest
        .builder(WebSocketUri.parse("ws://localhost:9001/fuzz"))
        .subprotocols(List.of("chat", "superchat"))
        .extension("permessage-deflate; client_max_window_bits")
        .extension("x-test")
        .build();

    private static final Map<String, String> EXPECTED_OUTCOME_BY_SEED_PREFIX = Map.of(
        "valid_", "OK .*",
        "rejected_", "INVALID \\d+ REJECTED_STATUS: .*",
        "invalid_", "INVALID \\d+ (BAD|UNOFFERED|DUPLICATE)_[A-Z]+: .*",
        "malformed_", "PARSE MALFORMED_RESPONSE: .*",
        "limit_", "PARSE HEADER_LIMIT_EXCEEDED: .*",
        "truncated_", "NEED_MORE after \\d+");

    @FuzzTest(maxDuration = "60s")
    void shouldOnlyAcceptOrRejectArbitraryResponses(final byte[] data)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[PREFIX + data.length + PREFIX]);
        buffer.setMemory(0, buffer.capacity(), (byte)'\n');
        buffer.putBytes(PREFIX, data);

        final String whole = outcome(buffer, data.length, (remaining) -> remaining);
        final String oneByte = outcome(buffer, data.length, (remaining) -> 1);
        final SplittableRandom random = new SplittableRandom(Arrays.hashCode(data));
        final String chunked = outcome(
            buffer, data.length, (remaining) -> random.nextInt(16) == 0 ? 0 : 1 + random.nextInt(remaining));

        assertEquals(whole, oneByte);
        assertEquals(whole, chunked);
    }

    @Test
    void shouldClassifyEverySeedAsItsNameSays() throws IOException, URISyntaxException
    {
        final URL seeds = HandshakeResponseParserFuzzTest.class.getResource(
            "HandshakeResponseParserFuzzTestInputs/shouldOnlyAcceptOrRejectArbitraryResponses");
        assertNotNull(seeds, "seed corpus missing from the test classpath");

        final List<Path> files;
        try (Stream<Path> list = Files.list(Path.of(seeds.toURI())))
        {
            files = list.sorted().collect(Collectors.toList());
        }
        assertTrue(files.size() >= 20, "only " + files.size() + " seeds");

        for (final Path file : files)
        {
            final String name = file.getFileName().toString();
            final byte[] data = Files.readAllBytes(file);
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[PREFIX + data.length]);
            buffer.putBytes(PREFIX, data);
            final String outcome = outcome(buffer, data.length, (remaining) -> remaining);
            final String expected = EXPECTED_OUTCOME_BY_SEED_PREFIX.get(name.substring(0, name.indexOf('_') + 1));

            assertNotNull(expected, "seed " + name + " should start with one of " + EXPECTED_OUTCOME_BY_SEED_PREFIX);
            assertTrue(outcome.matches("(?s)" + expected), name + " -> " + outcome);
        }
    }

    private static String outcome(final UnsafeBuffer buffer, final int dataLength, final IntUnaryOperator chunker)
    {
        final HandshakeResponseParser parser = new HandshakeResponseParser(MAX_HEADER_BYTES, MAX_HEADER_COUNT);
        int position = 0;
        try
        {
            while (position < dataLength)
            {
                final int length = chunker.applyAsInt(dataLength - position);
                final int result = parser.parse(buffer, PREFIX + position, length);
                assertTrue(parser.lineCapacity() <= MAX_HEADER_BYTES, "line storage grew past the limit");
                if (result == NEED_MORE)
                {
                    position += length;
                    assertEquals(position, parser.headLength());
                }
                else
                {
                    assertTrue(result > 0 && result <= length, "consumed " + result + " of a " + length + " chunk");
                    assertEquals(position + result, parser.headLength());
                    return validated(parser, position + result);
                }
            }
            assertFalse(parser.isComplete());
            return "NEED_MORE after " + position;
        }
        catch (final HandshakeException ex)
        {
            assertTrue(parser.lineCapacity() <= MAX_HEADER_BYTES, "line storage grew past the limit");
            assertTrue(parser.headLength() <= MAX_HEADER_BYTES);
            assertEquals(-1, ex.statusCode());
            return "PARSE " + ex.reason() + ": " + ex.getMessage();
        }
    }

    private static String validated(final HandshakeResponseParser parser, final int headLength)
    {
        assertTrue(parser.headers().size() <= MAX_HEADER_COUNT);
        try
        {
            final HandshakeResult result = HandshakeValidator.validate(REQUEST, ACCEPT, parser);
            assertEquals(101, parser.statusCode());
            assertTrue(null == result.subprotocol() || REQUEST.subprotocols().contains(result.subprotocol()));
            for (final NegotiatedExtension extension : result.extensions())
            {
                assertTrue(REQUEST.extensionNames().contains(extension.name()));
            }
            return "OK " + headLength + " " + result + " " + result.headers();
        }
        catch (final HandshakeException ex)
        {
            assertNotNull(ex.headers());
            assertNotNull(ex.getMessage());
            if (ex.reason() == HandshakeException.Reason.REJECTED_STATUS)
            {
                assertEquals(parser.statusCode(), ex.statusCode());
                assertEquals(parser.reasonPhrase(), ex.reasonPhrase());
            }
            else
            {
                assertEquals(-1, ex.statusCode());
            }
            return "INVALID " + headLength + " " + ex.reason() + ": " + ex.getMessage();
        }
    }
}
