/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.transport;

import io.jetsocket.engine.interop.TlsFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The TLS handshake with its delegated tasks on an executor: the engine thread (this test's thread) hands them over,
 * never runs or waits for them, and resumes the handshake when the command the executor's thread sends back runs.
 * The server is the JDK's TLS server with the test PKI (an echo once the handshake is done).
 */
class TlsDelegatedTaskTest
{
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Queue<Runnable> engineCommands = new ConcurrentLinkedQueue<>();
    private final List<Throwable> serverErrors = new CopyOnWriteArrayList<>();
    private final AtomicInteger resumed = new AtomicInteger();

    @AfterEach
    void close() throws Exception
    {
        for (final AutoCloseable resource : resources)
        {
            resource.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldHandTasksToTheExecutorAndResumeOnTheEngineThread(final String protocol) throws Exception
    {
        final Queue<Runnable> parked = new ConcurrentLinkedQueue<>();
        final AtomicInteger executed = new AtomicInteger();
        final Thread engineThread = Thread.currentThread();
        final List<Thread> taskThreads = new CopyOnWriteArrayList<>();
        final SSLServerSocket server = echoServer();
        server.setEnabledProtocols(new String[]{protocol});
        final SocketChannel channel = connect(server);
        // The client too: the server's accept may race the line above, and then it would offer every protocol.
        final javax.net.ssl.SSLEngine sslEngine = clientEngine(TlsFixtures.clientContext(), channel);
        sslEngine.setEnabledProtocols(new String[]{protocol});
        final TlsTransport tls = new TlsTransport(channel, sslEngine, parked::add, engineCommands::add,
            resumed::incrementAndGet);

        int handedOver = 0;
        try (Selector selector = Selector.open())
        {
            channel.register(selector, SelectionKey.OP_READ);
            while (!tls.handshake())
            {
                if (!parked.isEmpty())
                {
                    // The tasks wait: the engine thread is free, and the handshake makes no progress without them.
                    handedOver++;
                    assertTrue(tls.isTaskInFlight());
                    assertFalse(tls.handshake());
                    assertFalse(tls.handshake());
                    assertTrue(engineCommands.isEmpty());

                    final Thread worker = new Thread(() ->
                    {
                        taskThreads.add(Thread.currentThread());
                        executed.incrementAndGet();
                        parked.poll().run();
                    }, "tls-task-worker");
                    worker.start();
                    worker.join();

                    assertFalse(tls.isTaskInFlight());
                    assertEquals(1, engineCommands.size(), "one resume command per hand-over");
                    engineCommands.poll().run();
                }
                else
                {
                    selector.select(100);
                    selector.selectedKeys().clear();
                }
            }
        }

        assertTrue(handedOver >= 1, "the handshake handed at least one task to the executor");
        assertEquals(handedOver, executed.get());
        assertEquals(handedOver, resumed.get());
        taskThreads.forEach((thread) -> assertNotEquals(engineThread, thread));
        assertEquals(protocol, tls.session().getProtocol());
        assertEchoes(tls, channel, "over " + protocol + " after offloaded tasks");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldHandshakeWithAThreadPoolThatCountsItsTasks() throws Exception
    {
        final ExecutorService pool = Executors.newSingleThreadExecutor();
        resources.add(pool::shutdownNow);
        final AtomicInteger executed = new AtomicInteger();
        final SocketChannel channel = connect(echoServer());
        final TlsTransport tls = new TlsTransport(channel, clientEngine(TlsFixtures.clientContext(), channel),
            (task) ->
            {
                executed.incrementAndGet();
                pool.execute(task);
            },
            engineCommands::add, resumed::incrementAndGet);

        driveToCompletion(tls, channel);
        // The last resume command may arrive after the handshake finished (the engine thread saw the task done
        // first): it still comes, once per hand-over.
        while (resumed.get() < executed.get())
        {
            runCommands();
            Thread.onSpinWait();
        }

        assertTrue(executed.get() >= 1, "tasks ran on the pool");
        assertEquals(executed.get(), resumed.get());
        assertEchoes(tls, channel, "hello from a pooled handshake");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldStillHandshakeInlineWithoutAnExecutor() throws Exception
    {
        final SocketChannel channel = connect(echoServer());
        final TlsTransport tls = new TlsTransport(channel, clientEngine(TlsFixtures.clientContext(), channel));

        driveToCompletion(tls, channel);

        assertFalse(tls.isTaskInFlight());
        assertEquals(0, resumed.get());
        assertEchoes(tls, channel, "inline");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldReportAFailureMetInATaskOnTheEngineThread() throws Exception
    {
        final ExecutorService pool = Executors.newSingleThreadExecutor();
        resources.add(pool::shutdownNow);
        final SocketChannel channel = connect(echoServer());
        // The default trust store does not know the test CA: certificate validation, a delegated task, fails.
        final TlsTransport tls = new TlsTransport(channel, clientEngine(SSLContext.getDefault(), channel),
            pool, engineCommands::add, resumed::incrementAndGet);

        final SSLException ex = assertThrows(SSLException.class, () -> driveToCompletion(tls, channel));

        assertTrue(resumed.get() >= 1, "the failing task ran on the pool");
        assertTrue(String.valueOf(ex.getMessage()).toLowerCase().contains("certification path") ||
            String.valueOf(ex.getMessage()).contains("PKIX"), ex.toString());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldFailTheHandshakeWhenTheExecutorRefusesTheTask() throws Exception
    {
        final SocketChannel channel = connect(echoServer());
        final TlsTransport tls = new TlsTransport(channel, clientEngine(TlsFixtures.clientContext(), channel),
            (task) ->
            {
                throw new RejectedExecutionException("pool is shut down");
            },
            engineCommands::add, resumed::incrementAndGet);

        final SSLException ex = assertThrows(SSLException.class, () -> driveToCompletion(tls, channel));

        assertTrue(ex.getMessage().startsWith("the TLS delegated task executor refused a handshake task"),
            ex.getMessage());
        assertTrue(ex.getMessage().contains("pool is shut down"), ex.getMessage());
        assertFalse(tls.isTaskInFlight());
    }

    @Test
    void shouldRequireAWayBackToTheEngineThread() throws Exception
    {
        final SocketChannel channel = connect(echoServer());
        final SSLEngine engine = clientEngine(TlsFixtures.clientContext(), channel);
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new TlsTransport(channel, engine, Runnable::run, null, null));
        assertTrue(ex.getMessage().contains("engineCommands"), ex.getMessage());
    }

    private void driveToCompletion(final TlsTransport tls, final SocketChannel channel) throws IOException
    {
        try (Selector selector = Selector.open())
        {
            channel.register(selector, SelectionKey.OP_READ);
            while (!tls.handshake())
            {
                runCommands(); // the engine's duty cycle: commands from other threads, then the socket
                selector.select(10);
                selector.selectedKeys().clear();
            }
        }
    }

    private void runCommands()
    {
        Runnable command;
        while (null != (command = engineCommands.poll()))
        {
            command.run();
        }
    }

    private void assertEchoes(final TlsTransport tls, final SocketChannel channel, final String text)
        throws IOException
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        final ByteBuffer out = ByteBuffer.wrap(bytes);
        while (out.hasRemaining() || tls.hasPendingOutput())
        {
            tls.write(out);
            tls.flushPending();
        }
        final ByteBuffer in = ByteBuffer.allocate(bytes.length);
        try (Selector selector = Selector.open())
        {
            channel.register(selector, SelectionKey.OP_READ);
            while (in.hasRemaining())
            {
                if (tls.read(in) < 0)
                {
                    throw new IOException("end of stream after " + in.position() + " bytes");
                }
                if (in.hasRemaining())
                {
                    selector.select(10);
                    selector.selectedKeys().clear();
                }
            }
        }
        assertEquals(text, new String(in.array(), StandardCharsets.UTF_8));
        assertTrue(serverErrors.isEmpty(), serverErrors.toString());
    }

    private SSLServerSocket echoServer() throws IOException
    {
        final SSLServerSocket server = (SSLServerSocket)TlsFixtures.serverContext().getServerSocketFactory()
            .createServerSocket(0, 10, InetAddress.getLoopbackAddress());
        resources.add(server);
        final Thread acceptor = new Thread(() ->
        {
            try (SSLSocket socket = (SSLSocket)server.accept())
            {
                final InputStream in = socket.getInputStream();
                final OutputStream out = socket.getOutputStream();
                final byte[] buffer = new byte[1024];
                int read;
                while ((read = in.read(buffer)) >= 0)
                {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
            catch (final IOException ex)
            {
                if (!server.isClosed() && !(ex instanceof javax.net.ssl.SSLHandshakeException) &&
                    !String.valueOf(ex.getMessage()).contains("closed"))
                {
                    serverErrors.add(ex);
                }
            }
        }, "tls-echo-server");
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    private SocketChannel connect(final SSLServerSocket server) throws IOException
    {
        final SocketChannel channel = SocketChannel.open(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
        channel.configureBlocking(false);
        resources.add(0, channel);
        return channel;
    }

    private static SSLEngine clientEngine(final SSLContext context, final SocketChannel channel) throws IOException
    {
        final InetSocketAddress remote = (InetSocketAddress)channel.getRemoteAddress();
        final SSLEngine engine = context.createSSLEngine(remote.getHostString(), remote.getPort());
        engine.setUseClientMode(true);
        final SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        return engine;
    }
}
