/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.frame.CloseCode;
import io.jetsocket.engine.frame.DecoderState;
import io.jetsocket.engine.frame.FrameDecoder;
import io.jetsocket.engine.status.EngineCounters;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The closing handshake of one connection (RFC 6455 §7), engine thread only: which close frames have gone each way
 * ({@link State}), who started it, the code and reason the connection ends with, and the moves that get there: the
 * application's close (after the data it sent), the echo of the server's close and the close that fails the
 * connection (both ahead of queued data), the close timeout, and the end of TCP.
 */
final class CloseHandshake
{
    private static final byte[] NO_BYTES = new byte[0];

    /**
     * Close frames exchanged so far.
     */
    enum State
    {
        /** Neither side has sent a close frame. */
        NONE,
        /** We sent ours; the server's has not arrived. */
        SENT,
        /** The server's arrived; ours is not sent yet (the echo goes out at once). */
        RECEIVED,
        /** Both sent: the handshake is complete, only TCP remains to close. */
        EXCHANGED
    }

    private final Connection connection;
    private final SenderEndpoint sender;
    private final ListenerInvoker listener;
    private final EngineCounters counters;
    private final FrameDecoder decoder;
    private final String uri;
    private State state = State.NONE;
    private boolean remoteInitiated;
    private int code = CloseCode.ABNORMAL;
    private String reason = "";
    private long timeoutNs;

    CloseHandshake(
        final Connection connection,
        final SenderEndpoint sender,
        final ListenerInvoker listener,
        final EngineCounters counters,
        final FrameDecoder decoder,
        final String uri,
        final long timeoutNs)
    {
        this.connection = connection;
        this.sender = sender;
        this.listener = listener;
        this.counters = counters;
        this.decoder = decoder;
        this.uri = uri;
        this.timeoutNs = timeoutNs;
    }

    State state()
    {
        return state;
    }

    boolean closeReceived()
    {
        return State.RECEIVED == state || State.EXCHANGED == state;
    }

    /**
     * Whether the connection's close code is settled whatever TCP does next: the peer's close frame arrived, or we
     * failed the connection (the decoder rejected the peer's data) and sent that failure's code, which the peer owes
     * no answer to. A FIN and a reset then end it alike.
     */
    boolean codeSettled()
    {
        return closeReceived() || failedByUs();
    }

    private boolean failedByUs()
    {
        return State.SENT == state && CloseCode.ABNORMAL != code && decoder.state() == DecoderState.FAILED;
    }

    /**
     * The application's close, with the time to wait for the server's close and TCP.
     */
    void closeFromUser(final int code, final byte[] reason, final long timeoutNs)
    {
        switch (connection.state())
        {
            case OPEN:
                onSent(code, new String(reason, StandardCharsets.UTF_8));
                this.timeoutNs = timeoutNs;
                sendClose(code, reason, false);
                if (ConnectionState.OPEN == connection.state())
                {
                    connection.moveToClosing(timeoutNs);
                }
                break;

            case CLOSING:
            case CLOSED:
                break;

            default:
                connection.terminate(CloseCode.ABNORMAL, "closed by the application before the connection opened",
                    false);
                break;
        }
    }

    /**
     * A close from another thread, as {@link CommandQueue#offerClose} laid it out.
     */
    void closeQueued(final DirectBuffer buffer, final int offset, final int length)
    {
        final long timeout = buffer.getLong(offset + CommandQueue.CLOSE_TIMEOUT_OFFSET);
        final int codeAt = offset + CommandQueue.CLOSE_CODE_OFFSET;
        final int closeCode = ((buffer.getByte(codeAt) & 0xFF) << 8) | (buffer.getByte(codeAt + 1) & 0xFF);
        final byte[] closeReason = new byte[length - CommandQueue.CLOSE_REASON_OFFSET];
        buffer.getBytes(offset + CommandQueue.CLOSE_REASON_OFFSET, closeReason);
        closeFromUser(closeCode, closeReason, timeout);
    }

    /**
     * Fail the connection (RFC 6455 §7.1.7): report, send our close ahead of queued data, then half-close so the peer
     * sees the close frame and then FIN, instead of a reset that could destroy the close frame in flight.
     */
    void failProtocol(final int failureCode, final String failureReason)
    {
        listener.onError(new ProtocolException(failureCode, failureReason + " (close " + failureCode + "): " + uri));
        if (ConnectionState.OPEN != connection.state())
        {
            return;
        }
        counters.onProtocolError(failureCode);
        onSent(failureCode, failureReason);
        sendClose(failureCode, failureReason.getBytes(StandardCharsets.US_ASCII), true);
        if (ConnectionState.OPEN != connection.state())
        {
            return; // the close frame could not be written: the connection is gone
        }
        connection.moveToClosing(timeoutNs);
        try
        {
            sender.shutdownOutputWhenFlushed();
            connection.interestAfterWrite();
        }
        catch (final IOException ex)
        {
            connection.terminate(failureCode, failureReason, false);
        }
    }

    /**
     * The server's close frame arrived: echo it when the server started, and wait for TCP to close.
     */
    void onCloseFrame(final int closeCode, final DirectBuffer buffer, final int reasonOffset, final int reasonLength)
    {
        final String closeReason = buffer.getStringWithoutLengthUtf8(reasonOffset, reasonLength);
        code = closeCode;
        reason = closeReason;
        final boolean remoteStarted = State.NONE == state;
        if (remoteStarted)
        {
            remoteInitiated = true;
            state = State.RECEIVED;
            onSent(closeCode, closeReason);
            sendClose(CloseCode.NO_STATUS == closeCode ? CloseCode.NO_STATUS : closeCode, NO_BYTES, true); // echo
            if (ConnectionState.CLOSED == connection.state())
            {
                return; // the echo could not be written: the connection is gone
            }
        }
        else if (State.SENT == state)
        {
            state = State.EXCHANGED;
        }
        // The server closes TCP first (RFC 6455 §7.1.1); wait for it, but not forever.
        connection.moveToClosing(timeoutNs);
        if (remoteStarted)
        {
            listener.onClosing(closeCode, closeReason);
        }
    }

    /**
     * The close timeout expired while closing.
     */
    void onTimeout()
    {
        if (!closeReceived() && DecoderState.FAILED != decoder.state())
        {
            counters.onCloseTimeout();
            listener.onError(new TimeoutException(TimeoutException.Operation.CLOSE, timeoutNs, uri));
        }
        finish();
    }

    /**
     * TCP ended (or the time is up) while closing: end the connection with the code the handshake reached.
     */
    void finish()
    {
        if (closeReceived())
        {
            connection.terminate(code, reason, remoteInitiated);
        }
        else if (failedByUs())
        {
            connection.terminate(code, reason, false);
        }
        else
        {
            connection.terminate(CloseCode.ABNORMAL, "connection closed before the closing handshake finished", false);
        }
    }

    /**
     * We send a close frame (the application's, an echo, or a failure) with this code and reason.
     */
    private void onSent(final int sentCode, final String sentReason)
    {
        if (State.NONE == state)
        {
            code = sentCode;
            reason = sentReason;
        }
        state = State.RECEIVED == state ? State.EXCHANGED : State.SENT;
    }

    /**
     * Send a close frame: the application's after the data it sent before; an echo or a failure ahead of queued
     * data, at the next frame boundary.
     */
    private void sendClose(final int closeCode, final byte[] closeReason, final boolean aheadOfData)
    {
        try
        {
            if (aheadOfData)
            {
                sender.closeFirst(closeCode, closeReason);
            }
            else
            {
                sender.closeAfterData(closeCode, closeReason);
            }
            connection.interestAfterWrite();
        }
        catch (final IOException ex)
        {
            connection.onTransportError(ex);
        }
    }
}
