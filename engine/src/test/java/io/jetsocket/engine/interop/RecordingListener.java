/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.interop;

import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.WebSocketConnection;
import io.jetsocket.engine.WebSocketListener;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A listener that copies every event so that the test thread can wait for it and assert on it. Optional actions
 * run inside the callbacks, on the engine thread, to test sends made there.
 */
final class RecordingListener implements WebSocketListener
{
    static final Duration AWAIT = Duration.ofSeconds(20);

    /**
     * An action run inside onOpen.
     */
    interface OpenAction
    {
        void onOpen(WebSocketConnection connection);
    }

    /**
     * An action run inside onMessage, after the message is recorded.
     */
    interface MessageAction
    {
        void onMessage(WebSocketConnection connection, Message message);
    }

    /**
     * A message as received.
     *
     * @param type      text or binary.
     * @param payload   copy of the payload.
     * @param afterOpen whether onOpen had returned before the message was delivered.
     */
    record Message(MessageType type, byte[] payload, boolean afterOpen)
    {
        String text()
        {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /**
     * The arguments of onClose.
     *
     * @param code   close code.
     * @param reason close reason.
     * @param remote whether the server started the closing handshake.
     */
    record Close(int code, String reason, boolean remote)
    {
    }

    final CountDownLatch opened = new CountDownLatch(1);
    final CompletableFuture<Close> closed = new CompletableFuture<>();
    final AtomicInteger openCount = new AtomicInteger();
    final AtomicInteger closeCount = new AtomicInteger();
    final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<byte[]> pings = new LinkedBlockingQueue<>();
    final BlockingQueue<byte[]> pongs = new LinkedBlockingQueue<>();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    final List<String> events = new CopyOnWriteArrayList<>();
    private volatile WebSocketConnection connection;
    private volatile OpenAction openAction;
    private volatile MessageAction messageAction;

    RecordingListener onOpenDo(final OpenAction action)
    {
        this.openAction = action;
        return this;
    }

    RecordingListener onMessageDo(final MessageAction action)
    {
        this.messageAction = action;
        return this;
    }

    void connection(final WebSocketConnection connection)
    {
        this.connection = connection;
    }

    WebSocketConnection connection()
    {
        return connection;
    }

    @Override
    public void onOpen(final WebSocketConnection connection)
    {
        events.add("open");
        openCount.incrementAndGet();
        final OpenAction action = openAction;
        try
        {
            if (null != action)
            {
                action.onOpen(connection);
            }
        }
        finally
        {
            opened.countDown();
        }
    }

    @Override
    public void onMessage(
        final WebSocketConnection connection,
        final MessageType type,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        events.add("message");
        final byte[] payload = new byte[length];
        buffer.getBytes(offset, payload);
        final Message message = new Message(type, payload, 0 == opened.getCount());
        messages.add(message);
        final MessageAction action = messageAction;
        if (null != action)
        {
            action.onMessage(connection, message);
        }
    }

    @Override
    public void onPing(final WebSocketConnection connection, final DirectBuffer buffer, final int offset,
        final int length)
    {
        events.add("ping");
        final byte[] payload = new byte[length];
        buffer.getBytes(offset, payload);
        pings.add(payload);
    }

    @Override
    public void onPong(final WebSocketConnection connection, final DirectBuffer buffer, final int offset,
        final int length)
    {
        events.add("pong");
        final byte[] payload = new byte[length];
        buffer.getBytes(offset, payload);
        pongs.add(payload);
    }

    @Override
    public void onError(final WebSocketConnection connection, final Throwable error)
    {
        events.add("error");
        errors.add(error);
    }

    @Override
    public void onClose(final WebSocketConnection connection, final int code, final String reason,
        final boolean remote)
    {
        events.add("close");
        closeCount.incrementAndGet();
        closed.complete(new Close(code, reason, remote));
    }

    /**
     * Wait for onOpen; fail at once, with the errors, if the connection closes first.
     */
    void awaitOpen() throws InterruptedException
    {
        final long deadline = System.nanoTime() + AWAIT.toNanos();
        while (!opened.await(20, TimeUnit.MILLISECONDS))
        {
            if (closed.isDone())
            {
                fail("closed before it opened: " + closed.getNow(null) + ", errors " + errors);
            }
            if (System.nanoTime() - deadline > 0)
            {
                fail("not open within " + AWAIT + ": " + describe());
            }
        }
    }

    Message nextMessage() throws InterruptedException
    {
        final Message message = messages.poll(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (null == message)
        {
            fail("no message within " + AWAIT + ": " + describe());
        }
        return message;
    }

    byte[] nextPing() throws InterruptedException
    {
        return next(pings, "ping");
    }

    byte[] nextPong() throws InterruptedException
    {
        return next(pongs, "pong");
    }

    private byte[] next(final BlockingQueue<byte[]> queue, final String what) throws InterruptedException
    {
        final byte[] payload = queue.poll(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (null == payload)
        {
            fail("no " + what + " within " + AWAIT + ": " + describe());
        }
        return payload;
    }

    Close awaitClose() throws InterruptedException
    {
        return awaitClose(AWAIT);
    }

    Close awaitClose(final Duration timeout) throws InterruptedException
    {
        try
        {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (final TimeoutException ex)
        {
            return fail("onClose not called within " + timeout + ": " + describe());
        }
        catch (final ExecutionException ex)
        {
            throw new AssertionError(ex.getCause());
        }
    }

    /**
     * Errors of a given type.
     */
    <T extends Throwable> List<T> errorsOf(final Class<T> type)
    {
        final List<T> matching = new ArrayList<>();
        for (final Throwable error : errors)
        {
            if (type.isInstance(error))
            {
                matching.add(type.cast(error));
            }
        }
        return matching;
    }

    String describe()
    {
        return "connection " + connection + ", events " + events + ", errors " + errors + ", close " +
            closed.getNow(null);
    }
}
