/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.autobahn;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Reference {@link EchoClient} over the JDK's {@link java.net.http.WebSocket}: not JetSocket, but a known peer to
 * compare JetSocket's Autobahn results against ({@code -Dautobahn.client=io.jetsocket.autobahn.JdkEchoClient}).
 * <p>
 * Echoes whole messages: fragments are gathered and the complete message is sent back. Pings are answered by the
 * JDK itself, and so is the server's close frame (the JDK echoes its status code once the stage returned by
 * {@link java.net.http.WebSocket.Listener#onClose} completes, here after every pending echo is sent).
 * {@code -Dautobahn.verbose=true} prints the errors the JDK reports (mostly its expected reactions to the fuzzer).
 * <p>
 * It does not pass the suite, for reasons in the JDK (17.0.15 and 25 alike), not in this class:
 * <ul>
 *   <li>7.7.8, every time: the JDK refuses close code 1010 from a server ("Illegal status code") and drops the TCP
 *   connection without a closing handshake (UNCLEAN).</li>
 *   <li>Section 9, now and then (about one run of 9.1.1-9.2.3 in 10 to 40): a large message that arrives right after
 *   the handshake is never delivered, or is failed with a {@code ProtocolException} (1002), although the bytes on the
 *   wire are correct (checked with tcpdump).</li>
 *   <li>2.10, sometimes: of ten pings sent back to back the JDK answers only some (RFC 6455 allows answering only
 *   the most recent ping; the suite wants every pong).</li>
 * </ul>
 */
public final class JdkEchoClient implements EchoClient
{
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final long OUTPUT_CLOSE_WAIT_MILLIS = 2_000;
    private static final boolean VERBOSE = Boolean.getBoolean("autobahn.verbose");

    private final HttpClient httpClient = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    /**
     * {@inheritDoc}
     */
    @Override
    public int getCaseCount(final String url) throws Exception
    {
        final EchoListener listener = run(url, false);
        if (null == listener.firstText)
        {
            throw new IllegalStateException("no case count received from " + url);
        }
        return Integer.parseInt(listener.firstText.trim());
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void runCase(final String url) throws Exception
    {
        run(url, true);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void updateReports(final String url) throws Exception
    {
        run(url, false);
    }

    private EchoListener run(final String url, final boolean echo) throws Exception
    {
        final EchoListener listener = new EchoListener(url, echo);
        final WebSocket webSocket;
        try
        {
            webSocket = httpClient.newWebSocketBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .buildAsync(URI.create(url), listener)
                .get(CONNECT_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
        }
        catch (final ExecutionException ex)
        {
            throw new IllegalStateException("cannot connect to " + url + ": " + ex.getCause(), ex.getCause());
        }

        try
        {
            listener.finished.get();
            final long deadline = System.currentTimeMillis() + OUTPUT_CLOSE_WAIT_MILLIS;
            while (!webSocket.isOutputClosed() && System.currentTimeMillis() < deadline)
            {
                Thread.sleep(5);
            }
        }
        finally
        {
            if (!webSocket.isOutputClosed() || !webSocket.isInputClosed())
            {
                webSocket.abort();
            }
        }
        return listener;
    }

    /**
     * Gathers fragments, echoes whole messages one at a time, and completes {@link #finished} when the connection
     * is closed by a close frame or an error.
     */
    private static final class EchoListener implements WebSocket.Listener
    {
        private final String url;
        private final boolean echo;
        private final CompletableFuture<Void> finished = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
        private CompletableFuture<?> sends = CompletableFuture.completedFuture(null);
        private volatile String firstText;

        EchoListener(final String url, final boolean echo)
        {
            this.url = url;
            this.echo = echo;
        }

        public void onOpen(final WebSocket webSocket)
        {
            webSocket.request(1);
        }

        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
        {
            text.append(data);
            if (!last)
            {
                webSocket.request(1);
                return null;
            }

            final String message = text.toString();
            text.setLength(0);
            if (null == firstText)
            {
                firstText = message;
            }
            if (echo)
            {
                sends = sends.thenCompose((ignore) -> webSocket.sendText(message, true));
            }
            sends.whenComplete((ignore, error) -> webSocket.request(1));
            return null;
        }

        public CompletionStage<?> onBinary(final WebSocket webSocket, final ByteBuffer data, final boolean last)
        {
            final byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binary.writeBytes(bytes);
            if (!last)
            {
                webSocket.request(1);
                return null;
            }

            final ByteBuffer message = ByteBuffer.wrap(binary.toByteArray());
            binary.reset();
            if (echo)
            {
                sends = sends.thenCompose((ignore) -> webSocket.sendBinary(message, true));
            }
            sends.whenComplete((ignore, error) -> webSocket.request(1));
            return null;
        }

        public CompletionStage<?> onPing(final WebSocket webSocket, final ByteBuffer message)
        {
            webSocket.request(1);
            return null;
        }

        public CompletionStage<?> onPong(final WebSocket webSocket, final ByteBuffer message)
        {
            webSocket.request(1);
            return null;
        }

        public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason)
        {
            final CompletableFuture<?> pending = sends.handle((ignore, error) -> null);
            pending.whenComplete((ignore, error) -> finished.complete(null));
            return pending;
        }

        public void onError(final WebSocket webSocket, final Throwable error)
        {
            if (VERBOSE)
            {
                System.out.println("jdk echo client: " + url + ": " + error);
            }
            finished.complete(null);
        }
    }
}
