/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.autobahn;

import io.jetsocket.engine.ConnectRequest;
import io.jetsocket.engine.EngineContext;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.SendResult;
import io.jetsocket.engine.WebSocketConnection;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.WebSocketListener;
import io.jetsocket.engine.deflate.DeflateOffer;
import org.agrona.DirectBuffer;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The JetSocket engine as an Autobahn {@link EchoClient}: one engine thread, one connection per case, every
 * message echoed from inside the zero-copy callback (so the echo is written directly by the engine thread, with
 * no copy other than the masking one into the send buffer). With {@code -Dautobahn.compression=true} it offers
 * permessage-deflate, for suites that have the compression sections 12 and 13: by default the offers each case's
 * description names ({@link CaseOffers}), read with {@code /getCaseInfo} before the case; with
 * {@code -Dautobahn.caseOffers=false} the engine's default offer in every case.
 * <p>
 * A case that is not over after {@code autobahn.caseTimeoutSeconds} (default 120) is ended: the client closes
 * the connection, waits a little for the close to complete, and reports the timeout.
 */
public final class EngineEchoClient implements EchoClient
{
    /** System property: offer permessage-deflate (for suites with sections 12 and 13). Default false. */
    public static final String COMPRESSION_PROPERTY = "autobahn.compression";

    /** System property: with compression, offer what each case describes (default true). */
    public static final String CASE_OFFERS_PROPERTY = "autobahn.caseOffers";

    private static final long CLOSE_WAIT_SECONDS = 5;

    private final boolean compression = Boolean.getBoolean(COMPRESSION_PROPERTY);
    private final boolean caseOffers = compression &&
        Boolean.parseBoolean(System.getProperty(CASE_OFFERS_PROPERTY, "true"));
    private final long caseTimeoutSeconds = EchoClient.caseTimeoutSeconds();

    // Section 9 sends 4 MiB messages in 64-byte frames (65,536 of them): far over the engine's default limit on
    // fragments per message, which exists to stop hostile streams, so the suite's client raises it.
    private static final int MAX_FRAGMENTS = 1 << 20;

    private final WebSocketEngine engine = WebSocketEngine.launch(new EngineContext()
        .roleName("jetsocket-autobahn")
        .maxFragments(MAX_FRAGMENTS)
        .closeTimeoutNs(TimeUnit.SECONDS.toNanos(2)));

    /**
     * Create the client and start its engine thread.
     */
    public EngineEchoClient()
    {
    }

    @Override
    public int getCaseCount(final String url) throws Exception
    {
        return Integer.parseInt(receiveText(url).trim());
    }

    @Override
    public boolean usesCaseInfo()
    {
        return caseOffers;
    }

    @Override
    public String getCaseInfo(final String url) throws Exception
    {
        return receiveText(url);
    }

    @Override
    public void runCase(final String url) throws Exception
    {
        run(url, List.of(DeflateOffer.DEFAULT), EngineEchoClient::echo);
    }

    @Override
    public void runCase(final String url, final String caseInfo) throws Exception
    {
        run(url, CaseOffers.forCase(caseInfo), EngineEchoClient::echo);
    }

    @Override
    public void updateReports(final String url) throws Exception
    {
        run(url, List.of(DeflateOffer.DEFAULT), (connection, type, buffer, offset, length) ->
        {
        });
    }

    @Override
    public void close()
    {
        engine.close();
    }

    private static void echo(
        final WebSocketConnection connection,
        final MessageType type,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        final int result = MessageType.TEXT == type ?
            connection.sendText(buffer, offset, length) : connection.sendBinary(buffer, offset, length);
        if (SendResult.OK != result && connection.isOpen())
        {
            throw new IllegalStateException("echo not accepted: " + SendResult.describe(result));
        }
    }

    private String receiveText(final String url) throws Exception
    {
        final StringBuilder text = new StringBuilder();
        run(url, List.of(DeflateOffer.DEFAULT), (connection, type, buffer, offset, length) ->
            text.append(buffer.getStringWithoutLengthUtf8(offset, length)));
        return text.toString();
    }

    private void run(final String url, final List<DeflateOffer> offers, final MessageCallback onMessage)
        throws Exception
    {
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final CompletableFuture<Throwable> failure = new CompletableFuture<>();
        final CompletableFuture<Boolean> opened = new CompletableFuture<>();
        final WebSocketConnection connection = engine.connect(
            ConnectRequest.builder(url).compression(compression).deflateOffers(offers).build(), new WebSocketListener()
        {
            public void onOpen(final WebSocketConnection connection)
            {
                opened.complete(Boolean.TRUE);
            }

            public void onMessage(
                final WebSocketConnection connection,
                final MessageType type,
                final DirectBuffer buffer,
                final int offset,
                final int length)
            {
                onMessage.onMessage(connection, type, buffer, offset, length);
            }

            public void onError(final WebSocketConnection connection, final Throwable error)
            {
                failure.complete(error);
            }

            public void onClose(final WebSocketConnection connection, final int code, final String reason,
                final boolean remote)
            {
                closed.complete(code);
            }
        });
        try
        {
            closed.get(caseTimeoutSeconds, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            connection.close();
            throw ex;
        }
        catch (final TimeoutException ex)
        {
            // Close rather than leave the connection to the next case's run; the engine's close timeout ends it
            // if the server does not answer.
            connection.close();
            try
            {
                closed.get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            }
            catch (final TimeoutException ignore)
            {
                // reported below all the same
            }
            throw new TimeoutException("case not over after " + caseTimeoutSeconds + " s (" +
                EchoClient.CASE_TIMEOUT_PROPERTY + "); connection closed: " + url);
        }
        if (!opened.isDone())
        {
            throw new IllegalStateException("could not open " + url, failure.getNow(null));
        }
    }

    @FunctionalInterface
    private interface MessageCallback
    {
        void onMessage(WebSocketConnection connection, MessageType type, DirectBuffer buffer, int offset, int length);
    }
}
