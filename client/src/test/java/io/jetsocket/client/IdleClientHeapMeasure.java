/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.WebSocketEngine;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Heap per idle client connection, measured as the load tool's fan-in does (heap used after two full
 * collections, before and after opening the connections), against the Node {@code ws} peer in its own process
 * so that no server state is counted. A measurement, not a test: it runs only with
 * {@code -Djetsocket.measure=true} and prints its figure.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class IdleClientHeapMeasure
{
    private static final File SCRIPT = new File("../engine/src/test/node/ws-server.js");

    @Test
    void measureHeapPerIdleClientConnection() throws Exception
    {
        Assumptions.assumeTrue(Boolean.getBoolean("jetsocket.measure"), "measurement: -Djetsocket.measure=true");
        final int connections = Integer.getInteger("jetsocket.measure.connections", 1000);
        final int batch = Integer.getInteger("jetsocket.measure.batch", connections);
        final Process node = new ProcessBuilder("node", SCRIPT.getPath(), "0")
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (WebSocketEngine engine = WebSocketEngine.launch(new EngineContext().roleName("heap-measure")))
        {
            final BufferedReader out =
                new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
            final int port = Integer.parseInt(out.readLine().substring("LISTENING ".length()).trim());
            final String uri = "ws://127.0.0.1:" + port + "/echo";
            warmUp(engine, uri);

            final long heap0 = heapUsedAfterGc();
            final List<WebSocket<Object>> clients = new ArrayList<>(connections);
            final List<CompletableFuture<Void>> opened = new ArrayList<>(connections);
            for (int i = 0; i < connections; i++)
            {
                final WebSocket<Object> ws = WebSocket.builder(uri).engine(engine).build();
                ws.onRawMessage((type, buffer, offset, length) ->
                {
                });
                clients.add(ws);
                opened.add(ws.connect());
                if (0 == (i + 1) % batch)
                {
                    // Optional batches: the connects' timers then spread over many wheel ticks.
                    CompletableFuture.allOf(opened.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
                }
            }
            CompletableFuture.allOf(opened.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
            final long heap1 = heapUsedAfterGc();
            System.out.printf("IDLE_CLIENT_HEAP connections=%d batch=%d heap_per_conn=%.0f bytes%n", connections,
                batch, (heap1 - heap0) / (double)connections);
            if (Boolean.getBoolean("jetsocket.measure.histogram"))
            {
                final Process jcmd = new ProcessBuilder("jcmd", Long.toString(ProcessHandle.current().pid()),
                    "GC.class_histogram").redirectErrorStream(true).start();
                final BufferedReader histogram =
                    new BufferedReader(new InputStreamReader(jcmd.getInputStream(), StandardCharsets.UTF_8));
                histogram.lines().limit(Integer.getInteger("jetsocket.measure.lines", 45)).forEach(System.out::println);
                jcmd.waitFor(30, TimeUnit.SECONDS);
            }
            for (final WebSocket<Object> ws : clients)
            {
                ws.closeAsync();
            }
            for (final WebSocket<Object> ws : clients)
            {
                ws.closeFuture().get(10, TimeUnit.SECONDS);
            }
        }
        finally
        {
            node.getOutputStream().close();
            node.waitFor(5, TimeUnit.SECONDS);
            node.destroyForcibly();
        }
    }

    private static void warmUp(final WebSocketEngine engine, final String uri) throws Exception
    {
        for (int i = 0; i < 20; i++)
        {
            final WebSocket<Object> ws = WebSocket.builder(uri).engine(engine).build();
            ws.connect().get(10, TimeUnit.SECONDS);
            ws.closeAsync().get(10, TimeUnit.SECONDS);
        }
    }

    private static long heapUsedAfterGc() throws InterruptedException
    {
        for (int i = 0; i < 2; i++)
        {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
