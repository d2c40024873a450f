/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.examples;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * README's examples, run against the Node.js {@code ws} echo server (the engine's interop script,
 * {@code engine/src/test/node/ws-server.js}; {@code npm ci} there first, as {@code .ci/run} does). A missing node
 * fails the test: an example that is not run can rot.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExamplesTest
{
    private static final File SCRIPT = new File("../engine/src/test/node/ws-server.js");

    private static Process node;
    private static String echoUri;

    @BeforeAll
    static void start() throws Exception
    {
        assertTrue(new File(SCRIPT.getParentFile(), "node_modules/ws").isDirectory(),
            "the examples run against Node's ws server: run npm ci in " + SCRIPT.getParent());
        try
        {
            node = new ProcessBuilder("node", SCRIPT.getPath(), "0")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        }
        catch (final IOException ex)
        {
            fail("the examples run against Node's ws server, and node (18+) is not on the PATH: " + ex.getMessage());
        }
        final BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(),
            StandardCharsets.UTF_8));
        final String first = out.readLine();
        assertNotNull(first, "node exited before listening");
        assertTrue(first.startsWith("LISTENING "), first);
        echoUri = "ws://127.0.0.1:" + Integer.parseInt(first.substring("LISTENING ".length()).trim()) + "/echo";
    }

    @AfterAll
    static void stop() throws Exception
    {
        if (null != node)
        {
            node.destroy();
            node.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void asyncClientExampleShouldReceiveItsSubscriptionEchoedDecodedAndRaw() throws Exception
    {
        final AsyncClientExample.Result result = AsyncClientExample.run(echoUri);

        final Map<?, ?> message = assertInstanceOf(Map.class, result.firstMessage());
        assertEquals("subscribe", message.get("op"));
        assertEquals("trades", message.get("channel"));
        assertEquals(1L, assertInstanceOf(Number.class, message.get("seq")).longValue());
        assertTrue(result.rawBytes() > 0, "the zero-copy handler saw no bytes");
    }

    @Test
    void multiplexExampleShouldRouteTheSubscribedChannels() throws Exception
    {
        final MultiplexExample.Result result = MultiplexExample.run(echoUri.replace("/echo", "/mux"));

        final Map<?, ?> trade = assertInstanceOf(Map.class, result.firstTrade());
        assertEquals("btcusdt@trade", trade.get("stream"));
        assertEquals(1L, assertInstanceOf(Number.class, ((Map<?, ?>)trade.get("data")).get("seq")).longValue());
        assertEquals(2, result.stats().subscriptions().size());
        assertTrue(result.stats().routed() >= 1 && result.stats().unroutable() >= 1, result.stats().toString());
    }

    @Test
    void syncClientExampleShouldReceiveTheEcho() throws Exception
    {
        assertEquals(Map.of("hello", "world"), SyncClientExample.run(echoUri));
    }

    @Test
    void engineExampleShouldSendOnOpenReceiveTheEchoAndCloseNormally() throws Exception
    {
        final List<String> seen = List.copyOf(EngineExample.run(echoUri));

        assertEquals(List.of("TEXT {\"op\":\"subscribe\",\"channel\":\"trades\"}", "close result 0", "closed 1000"),
            seen);
    }

    @Test
    void embeddedEngineExampleShouldReceiveTheEchoFromItsOwnDutyCycle()
    {
        assertEquals("ping from the duty cycle", EmbeddedEngineExample.run(echoUri, 10_000));
    }

    @Test
    void poolExampleShouldLendTheSameConnectionTwice() throws Exception
    {
        final PoolExample.Result result = PoolExample.run(echoUri.substring(0, echoUri.length() - "echo".length()));

        assertEquals(Map.of("op", "ping"), result.reply());
        assertEquals(1, result.stats().created());
        assertEquals(2, result.stats().acquisitions());
        assertEquals(1, result.stats().reused());
    }
}
