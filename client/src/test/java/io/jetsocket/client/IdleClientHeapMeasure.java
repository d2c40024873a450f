/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import io.jetsocket.engine.ConnectRequest;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.WebSocketConnection;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.WebSocketListener;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.management.ObjectName;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Heap per idle client connection, measured as the load tool's fan-in does (heap used after two full
 * collections, before and after opening the connections), against the Node {@code ws} peer in its own process
 * so that no server state is counted. A measurement, not a test: it runs only with
 * {@code -Djetsocket.measure=true} and prints its figures.
 * <p>
 * Options: {@code jetsocket.measure.connections} (1000), {@code jetsocket.measure.batches} (connects in flight at
 * once per run, comma-separated; default {@code 1000,20}: all at once as the fan-in does, then batches of 20),
 * {@code jetsocket.measure.engine} (true: the same runs for the bare engine, {@code WebSocketEngine.connect} with
 * a no-op listener), {@code jetsocket.measure.histogram} (true: the bytes per connection of each class that
 * grew, from class histograms before and after). Each run has an engine of its own.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class IdleClientHeapMeasure
{
    private static final File SCRIPT = new File("../engine/src/test/node/ws-server.js");

    @Test
    void measureHeapPerIdleClientConnection() throws Exception
    {
        Assumptions.assumeTrue(Boolean.getBoolean("jetsocket.measure"), "measurement: -Djetsocket.measure=true");
        final int connections = Integer.getInteger("jetsocket.measure.connections", 1000);
        final String[] batches = System.getProperty("jetsocket.measure.batches", connections + ",20").split(",");
        final Process node = new ProcessBuilder("node", SCRIPT.getPath(), "0")
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try
        {
            final BufferedReader out =
                new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
            final int port = Integer.parseInt(out.readLine().substring("LISTENING ".length()).trim());
            final String uri = "ws://127.0.0.1:" + port + "/echo";
            final List<String> lines = new ArrayList<>();
            for (final String batch : batches)
            {
                lines.add(measureClient(uri, connections, Integer.parseInt(batch.trim())));
                if (Boolean.getBoolean("jetsocket.measure.engine"))
                {
                    lines.add(measureEngine(uri, connections, Integer.parseInt(batch.trim())));
                }
            }
            lines.forEach(System.out::println);
        }
        finally
        {
            node.getOutputStream().close();
            node.waitFor(5, TimeUnit.SECONDS);
            node.destroyForcibly();
        }
    }

    private static String measureClient(final String uri, final int connections, final int batch) throws Exception
    {
        try (WebSocketEngine engine = WebSocketEngine.launch(new EngineContext().roleName("heap-measure")))
        {
            for (int i = 0; i < 20; i++)
            {
                final WebSocket<Object> ws = WebSocket.builder(uri).engine(engine).build();
                ws.connect().get(10, TimeUnit.SECONDS);
                ws.closeAsync().get(10, TimeUnit.SECONDS);
            }

            final Snapshot before = Snapshot.take();
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
                    // batches: the connects' timers then spread over many timer ticks
                    CompletableFuture.allOf(opened.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
                }
            }
            CompletableFuture.allOf(opened.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
            final String line = before.report("client", connections, batch);
            for (final WebSocket<Object> ws : clients)
            {
                ws.closeAsync();
            }
            for (final WebSocket<Object> ws : clients)
            {
                ws.closeFuture().get(10, TimeUnit.SECONDS);
            }
            return line;
        }
    }

    private static String measureEngine(final String uri, final int connections, final int batch) throws Exception
    {
        try (WebSocketEngine engine = WebSocketEngine.launch(new EngineContext().roleName("heap-measure-engine")))
        {
            final ConnectRequest request = ConnectRequest.builder(uri).build();
            for (int i = 0; i < 20; i++)
            {
                final OpenListener listener = new OpenListener();
                engine.connect(request, listener);
                listener.opened.get(10, TimeUnit.SECONDS).close();
            }

            final Snapshot before = Snapshot.take();
            final List<OpenListener> listeners = new ArrayList<>(connections);
            for (int i = 0; i < connections; i++)
            {
                final OpenListener listener = new OpenListener();
                listeners.add(listener);
                engine.connect(request, listener);
                if (0 == (i + 1) % batch)
                {
                    awaitOpen(listeners);
                }
            }
            awaitOpen(listeners);
            final String line = before.report("engine", connections, batch);
            for (final OpenListener listener : listeners)
            {
                listener.opened.get().close();
            }
            return line;
        }
    }

    private static void awaitOpen(final List<OpenListener> listeners) throws Exception
    {
        for (final OpenListener listener : listeners)
        {
            listener.opened.get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * The bare engine's connection: a no-op listener that says when it is open.
     */
    private static final class OpenListener implements WebSocketListener
    {
        private final CompletableFuture<WebSocketConnection> opened = new CompletableFuture<>();

        @Override
        public void onOpen(final WebSocketConnection connection)
        {
            opened.complete(connection);
        }

        @Override
        public void onMessage(
            final WebSocketConnection connection, final MessageType type, final DirectBuffer buffer, final int offset,
            final int length)
        {
        }

        @Override
        public void onError(final WebSocketConnection connection, final Throwable error)
        {
            opened.completeExceptionally(error);
        }
    }

    /**
     * Heap used after full collections and, optionally, the class histogram taken just after. The histogram is
     * kept as its text (one String and its byte[]) so that what it holds can be taken out of both figures exactly.
     */
    private static final class Snapshot
    {
        private final long heapUsed;
        private final String histogram;

        private Snapshot(final long heapUsed, final String histogram)
        {
            this.heapUsed = heapUsed;
            this.histogram = histogram;
        }

        static Snapshot take() throws Exception
        {
            for (int i = 0; i < 2; i++)
            {
                System.gc();
                Thread.sleep(100);
            }
            final long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            return new Snapshot(used, Boolean.getBoolean("jetsocket.measure.histogram") ? histogram() : null);
        }

        String report(final String what, final int connections, final int batch) throws Exception
        {
            final Snapshot after = take();
            // Live at the second reading, not the first: the first histogram's String and byte[] (LATIN1).
            final long heldByBefore = null == histogram ? 0 : 24 + arrayBytes(histogram.length());
            final StringBuilder line = new StringBuilder(String.format(
                "IDLE_HEAP %s connections=%d batch=%d heap_per_conn=%.0f bytes", what, connections, batch,
                (after.heapUsed - heapUsed - heldByBefore) / (double)connections));
            if (null != histogram)
            {
                final Map<String, Long> grown = parse(after.histogram);
                parse(histogram).forEach((name, bytes) -> grown.merge(name, -bytes, Long::sum));
                grown.merge("[B", -arrayBytes(histogram.length()), Long::sum);
                grown.merge("java.lang.String", -24L, Long::sum);
                final long[] total = new long[1];
                grown.entrySet().stream()
                    .filter((e) -> e.getValue() >= connections * 4L)
                    .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                    .forEach((e) ->
                    {
                        total[0] += e.getValue();
                        line.append(String.format("%n  %8.1f  %s", e.getValue() / (double)connections, e.getKey()));
                    });
                line.append(String.format("%n  %8.1f  (listed classes)", total[0] / (double)connections));
            }
            return line.toString();
        }

        private static long arrayBytes(final int length)
        {
            return (16 + length + 7) & ~7L;
        }

        private static String histogram() throws Exception
        {
            return (String)ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[]{null}, new String[]{String[].class.getName()});
        }

        private static Map<String, Long> parse(final String text)
        {
            final Map<String, Long> bytes = new HashMap<>();
            for (final String row : text.split("\n"))
            {
                final String[] cols = row.trim().split("\\s+");
                if (cols.length >= 4 && cols[0].endsWith(":"))
                {
                    bytes.merge(cols[3], Long.parseLong(cols[2]), Long::sum);
                }
            }
            return bytes;
        }
    }
}
