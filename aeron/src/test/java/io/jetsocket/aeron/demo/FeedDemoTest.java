/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.aeron.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo end to end, short and slow: two real consumer JVMs on the embedded driver's directory must each receive
 * every message the feed server sent, in order, with contiguous sequence numbers, and print their summaries.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FeedDemoTest
{
    private static final Pattern SUMMARY = Pattern.compile("(consumer-\\d) summary: data=(\\d+) events=(\\d+) " +
        "last-sequence=(\\d+) gaps=(\\d+) trades-out-of-order=(\\d+) rate=\\d+ msg/s latency us p50=[\\d.]+ " +
        "p99=[\\d.]+ p99\\.9=[\\d.]+ max=[\\d.]+");

    @Test
    void bothConsumersShouldReceiveEveryMessageInOrderAndPrintASummary() throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final FeedDemo.Result result;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8))
        {
            result = FeedDemo.run(new FeedDemo.Settings(2, 500, 2, "backoff"), out);
        }
        final String output = bytes.toString(StandardCharsets.UTF_8);

        assertEquals(List.of(0, 0), result.exitCodes(), output);
        assertEquals(2, result.summaries().size(), output);
        assertTrue(result.sent() > 0, output);
        assertEquals(0, result.dropped(), output);
        // data, and the CONNECTED and DISCONNECTED events, numbered in one sequence
        assertEquals(result.sent() + 2, result.published(), output);
        for (final String summary : result.summaries())
        {
            final Matcher matcher = SUMMARY.matcher(summary);
            assertTrue(matcher.find(), "summary line: " + summary);
            assertEquals(result.sent(), Long.parseLong(matcher.group(2)), summary);
            assertEquals(2, Long.parseLong(matcher.group(3)), summary);
            assertEquals(result.published(), Long.parseLong(matcher.group(4)), summary);
            assertEquals(0, Long.parseLong(matcher.group(5)), summary);
            assertEquals(0, Long.parseLong(matcher.group(6)), summary);
        }
        assertTrue(output.contains("consumer-1: ") && output.contains("consumer-2: "), output);
        assertTrue(output.matches("(?s).*consumer-\\d: \\d+ msg/s, latency us p50=.*"), output);
    }

    @Test
    void settingsShouldParseOptionsAndRejectUnknownOnes()
    {
        assertEquals(new FeedDemo.Settings(3, 100, 1, "spin"),
            FeedDemo.Settings.parse(new String[]{"--seconds", "3", "--rate", "100", "--consumers", "1", "--idle",
                "spin"}));
        assertEquals(new FeedDemo.Settings(10, 10_000, 2, "backoff"), FeedDemo.Settings.parse(new String[0]));
        final IllegalArgumentException unknown = org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> FeedDemo.Settings.parse(new String[]{"--speed", "1"}));
        assertTrue(unknown.getMessage().contains("--speed"), unknown.getMessage());
    }
}
