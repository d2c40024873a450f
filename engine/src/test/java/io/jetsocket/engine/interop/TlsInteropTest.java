/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.interop;

import io.jetsocket.engine.ConnectRequest;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.SendResult;
import io.jetsocket.engine.TimeoutException;
import io.jetsocket.engine.TlsException;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.status.EngineCounter;
import io.jetsocket.engine.testing.SteppedEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static io.jetsocket.engine.interop.InteropData.KIB;
import static io.jetsocket.engine.interop.InteropData.MIB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code wss://} against Jetty 12 (in process) and the Node.js {@code ws} server over {@code https} (out of process),
 * both presenting a certificate of the test CA for 127.0.0.1; and the failures: an untrusted, expired or
 * wrong-host certificate, a handshake alert, a server that closes or stalls mid-handshake. Every failure is a
 * {@link TlsException} (or the connect timeout), onClose 1006, never onOpen, and no connection or descriptor left.
 */
class TlsInteropTest extends InteropTestSupport
{
    private static JettyWsServer jetty;
    private static NodeWsServer node;
    private static Path pemDirectory;

    @BeforeAll
    static void startTlsServers() throws Exception
    {
        final TestPki pki = TestPki.get();
        jetty = JettyWsServer.start(pki.localhost.serverContext());
        pemDirectory = Files.createTempDirectory("jetsocket-tls");
        final Path[] pem = pki.localhost.writePem(pemDirectory, "localhost");
        node = NodeWsServer.start(List.of("--tls-key", pem[0].toString(), "--tls-cert", pem[1].toString()));
    }

    @AfterAll
    static void stopTlsServers() throws IOException
    {
        if (null != jetty)
        {
            jetty.close();
        }
        if (null != node)
        {
            node.close();
        }
        if (null != pemDirectory)
        {
            try (Stream<Path> files = Files.list(pemDirectory))
            {
                for (final Path file : (Iterable<Path>)files::iterator)
                {
                    Files.delete(file);
                }
            }
            Files.delete(pemDirectory);
        }
    }

    static String wss(final ServerKind kind, final String pathAndQuery)
    {
        return "wss://127.0.0.1:" + (ServerKind.JETTY == kind ? jetty.port() : node.port()) + pathAndQuery;
    }

    static Stream<Arguments> echoCases()
    {
        final List<Arguments> cases = new ArrayList<>();
        for (final ServerKind kind : ServerKind.values())
        {
            for (final int size : new int[]{0, 125, 126, 16 * KIB, 65_536, MIB, 8 * MIB})
            {
                cases.add(Arguments.of(kind, size));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} bytes")
    @MethodSource("echoCases")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldEchoOverTlsWhenCertificateIsTrusted(final ServerKind kind, final int size) throws Exception
    {
        final RecordingListener client = connect(launch(), ConnectRequest.builder(wss(kind, "/echo"))
            .sslContext(TestPki.get().clientContext()).build(), new RecordingListener());
        client.awaitOpen();

        final SSLSession session = client.connection().tlsSession();
        assertNotNull(session, client::describe);
        assertEquals("TLSv1.3", session.getProtocol());
        assertEquals("CN=localhost", ((X509Certificate)session.getPeerCertificates()[0])
            .getSubjectX500Principal().getName());
        for (final MessageType type : MessageType.values())
        {
            final byte[] payload = EchoInteropTest.payload(type, size, new Random(size + type.ordinal()));
            assertEquals(SendResult.OK, EchoInteropTest.send(client.connection(), type, payload));
            final RecordingListener.Message echo = client.nextMessage();
            assertEquals(type, echo.type());
            assertArrayEquals(payload, echo.payload());
        }
        EchoInteropTest.closeNormally(client);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldRunHandshakeTasksOnTheGivenExecutorAndCountTheConnection(final ServerKind kind) throws Exception
    {
        final AtomicInteger tasks = new AtomicInteger();
        final ExecutorService pool = Executors.newSingleThreadExecutor();
        try
        {
            final Executor counting = (task) ->
            {
                tasks.incrementAndGet();
                pool.execute(task);
            };
            final WebSocketEngine engine = launch(context().tlsDelegatedTaskExecutor(counting));
            final RecordingListener client = connect(engine, ConnectRequest.builder(wss(kind, "/echo"))
                .sslContext(TestPki.get().clientContext()).build(), new RecordingListener());
            client.awaitOpen();
            final byte[] payload = EchoInteropTest.payload(MessageType.TEXT, 1000, new Random(7));
            assertEquals(SendResult.OK, EchoInteropTest.send(client.connection(), MessageType.TEXT, payload));
            assertArrayEquals(payload, client.nextMessage().payload());
            EchoInteropTest.closeNormally(client);

            assertTrue(tasks.get() > 0, "no handshake task ran on the executor");
            assertEquals(1, engine.counters().get(EngineCounter.CONNECTIONS_OPENED));
            assertEquals(1, engine.counters().get(EngineCounter.CONNECTIONS_CLOSED));
            assertEquals(0, engine.counters().get(EngineCounter.CONNECTIONS_ACTIVE));
            assertEquals(1, engine.counters().get(EngineCounter.MESSAGES_OUT));
            assertEquals(1, engine.counters().get(EngineCounter.MESSAGES_IN));
            assertTrue(engine.counters().get(EngineCounter.BYTES_IN) > payload.length);
            assertTrue(engine.counters().get(EngineCounter.BYTES_OUT) > payload.length);
        }
        finally
        {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldDeliverEveryFrameWhenServerSendsSnapshotWithThe101OverTls(final ServerKind kind) throws Exception
    {
        final int count = 500;
        final int size = 300;
        final RecordingListener client = connect(launch(), ConnectRequest.builder(
            wss(kind, "/snapshot?count=" + count + "&size=" + size))
            .sslContext(TestPki.get().clientContext()).build(), new RecordingListener());
        client.awaitOpen();

        for (int i = 0; i < count; i++)
        {
            final RecordingListener.Message message = client.nextMessage();
            assertArrayEquals(InteropData.snapshotMessage(i, size), message.payload(), "message " + i);
        }
        EchoInteropTest.closeNormally(client);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerKind.class)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldEchoCompressedMessagesOverTlsWhenServerNegotiatesDeflate(final ServerKind kind) throws Exception
    {
        final RecordingListener client = connect(launch(), ConnectRequest.builder(
            wss(kind, ServerKind.JETTY == kind ? "/echo" : "/deflate/echo"))
            .sslContext(TestPki.get().clientContext()).compression(true).build(), new RecordingListener());
        client.awaitOpen();

        assertNotNull(client.connection().deflateParameters(), client::describe);
        for (final int size : new int[]{10, 1000, 100 * KIB, 5 * MIB})
        {
            final byte[] payload = DeflateInteropTest.json(size, size);
            assertEquals(SendResult.OK, client.connection().sendText(payload, 0, payload.length));
            assertArrayEquals(payload, client.nextMessage().payload());
        }
        EchoInteropTest.closeNormally(client);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldDecryptIntoSmallReadBufferWhenRecordsAreLargerThanItsRoom() throws Exception
    {
        // 1 KiB read buffer: 16 KiB TLS records never fit, so every record goes through the spill buffer.
        final WebSocketEngine engine = launch(context().receiveBufferLength(1024));
        final RecordingListener client = connect(engine, ConnectRequest.builder(wss(ServerKind.JETTY, "/echo"))
            .sslContext(TestPki.get().clientContext()).build(), new RecordingListener());
        client.awaitOpen();

        final byte[] payload = InteropData.randomBytes(3 * MIB + 17, new Random(7));
        assertEquals(SendResult.OK, client.connection().sendBinary(payload, 0, payload.length));
        assertArrayEquals(payload, client.nextMessage().payload());
        EchoInteropTest.closeNormally(client);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldResumeTlsSessionWhenReconnectingWithTheSameContext() throws Exception
    {
        // TLS 1.2, where a resumed session keeps its id (TLS 1.3 resumption is not visible in the session API).
        final SSLContext tls12 = SSLContext.getInstance("TLSv1.2");
        tls12.init(null, trustManagers(), null);
        final WebSocketEngine engine = launch();
        final byte[][] ids = new byte[2][];
        for (int i = 0; i < 2; i++)
        {
            final RecordingListener client = connect(engine, ConnectRequest.builder(wss(ServerKind.JETTY, "/echo"))
                .sslContext(tls12).build(), new RecordingListener());
            client.awaitOpen();
            final SSLSession session = client.connection().tlsSession();
            assertEquals("TLSv1.2", session.getProtocol());
            ids[i] = session.getId();
            EchoInteropTest.closeNormally(client);
        }
        assertTrue(ids[0].length > 0);
        assertArrayEquals(ids[0], ids[1], "the second connection did not resume the first one's session");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldFailWithTlsExceptionWhenCertificateIsFromUntrustedCa() throws Exception
    {
        try (ScriptedTlsServer server = ScriptedTlsServer.tls(TestPki.get().untrusted.serverContext(), null))
        {
            final TlsException failure = connectExpectingTlsFailure(server.uri("/echo"),
                TestPki.get().clientContext(), true);
            assertTrue(failure.getMessage().contains("PKIX"), failure::getMessage);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldFailWithTlsExceptionWhenDefaultTrustStoreDoesNotKnowTheCa() throws Exception
    {
        try (ScriptedTlsServer server = ScriptedTlsServer.tls(TestPki.get().localhost.serverContext(), null))
        {
            connectExpectingTlsFailure(server.uri("/echo"), null, true);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldFailWithTlsExceptionWhenCertificateHasExpired() throws Exception
    {
        try (ScriptedTlsServer server = ScriptedTlsServer.tls(TestPki.get().expired.serverContext(), null))
        {
            final TlsException failure = connectExpectingTlsFailure(server.uri("/echo"),
                TestPki.get().clientContext(), true);
            assertTrue(hasCause(failure, CertificateExpiredException.class), () -> describe(failure));
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldFailWithTlsExceptionWhenCertificateNamesAnotherHost() throws Exception
    {
        try (ScriptedTlsServer server = ScriptedTlsServer.tls(TestPki.get().wrongHost.serverContext(), null))
        {
            final TlsException failure = connectExpectingTlsFailure(server.uri("/echo"),
                TestPki.get().clientContext(), true);
            assertTrue(failure.getMessage().contains("127.0.0.1"), failure::getMessage);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldCompleteTlsWhenHostnameVerificationIsOffAndCertificateNamesAnotherHost() throws Exception
    {
        try (ScriptedTlsServer server = ScriptedTlsServer.tls(TestPki.get().wrongHost.serverContext(), null))
        {
            final ConnectRequest request = ConnectRequest.builder(server.uri("/echo"))
                .sslContext(TestPki.get().clientContext())
                .hostnameVerification(false)
                .connectTimeoutNs(TimeUnit.MILLISECONDS.toNanos(1500))
                .build();
            final RecordingListener client = connect(launch(), request, new RecordingListener());
            client.awaitClose();
            // TLS completed (the session is known); the scripted server never answers the upgrade.
            assertNotNull(client.connection().tlsSession(), client::describe);
            assertEquals(1, client.errorsOf(TimeoutException.class).size(), client::describe);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldFailWithTlsExceptionWhenServerSendsHandshakeAlert() throws Exception
    {
        final SSLContext tls12 = SSLContext.getInstance("TLSv1.2");
        tls12.init(null, trustManagers(), null);
        try (ScriptedTlsServer server = ScriptedTlsServer.tls(TestPki.get().localhost.serverContext(),
            new String[]{"TLSv1.3"}))
        {
            final TlsException failure = connectExpectingTlsFailure(server.uri("/echo"), tls12, true);
            assertTrue(failure.getMessage().contains("alert"), failure::getMessage);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldFailWithTlsExceptionWhenServerClosesMidHandshake() throws Exception
    {
        try (ScriptedTlsServer server = ScriptedTlsServer.raw(ScriptedTlsServer.Behaviour.CLOSE_AFTER_HELLO))
        {
            connectExpectingTlsFailure(server.uri("/echo"), TestPki.get().clientContext(), false);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldTimeOutWhenServerStallsTheTlsHandshake() throws Exception
    {
        try (ScriptedTlsServer server = ScriptedTlsServer.raw(ScriptedTlsServer.Behaviour.SILENT))
        {
            final SteppedEngine stepped = stepped(context());
            final long startNs = stepped.nowNs();
            final RecordingListener client = connect(stepped.engine(), ConnectRequest.builder(server.uri("/echo"))
                .sslContext(TestPki.get().clientContext())
                .connectTimeoutNs(TimeUnit.MILLISECONDS.toNanos(400)).build(), new RecordingListener());

            stepped.driveUntil(Duration.ofMillis(1), client.closed::isDone);
            final long engineMs = stepped.msSince(startNs);

            final RecordingListener.Close close = client.awaitClose();
            assertEquals(1006, close.code());
            assertEquals(0, client.openCount.get());
            final List<TimeoutException> timeouts = client.errorsOf(TimeoutException.class);
            assertEquals(1, timeouts.size(), client::describe);
            assertTrue(timeouts.get(0).getMessage().contains("TLS handshake"), timeouts.get(0)::getMessage);
            assertTimedOutAfter(400, engineMs, client);
            stepped.driveUntil(Duration.ZERO, () -> 0 == stepped.engine().connectionCount());
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldNotLeakDescriptorsWhenTlsHandshakesFail() throws Exception
    {
        final WebSocketEngine engine = launch();
        try (ScriptedTlsServer server = ScriptedTlsServer.tls(TestPki.get().untrusted.serverContext(), null))
        {
            connectAndAwaitFailure(engine, server.uri("/echo"));
            final long before = openDescriptors();
            for (int i = 0; i < 50; i++)
            {
                connectAndAwaitFailure(engine, server.uri("/echo"));
            }
            awaitNoConnections(engine);
            final long after = openDescriptors();
            assertTrue(after - before < 10, "descriptors before " + before + ", after " + after);
        }
    }

    private void connectAndAwaitFailure(final WebSocketEngine engine, final String uri) throws InterruptedException
    {
        final RecordingListener client = connect(engine, ConnectRequest.builder(uri)
            .sslContext(TestPki.get().clientContext()).build(), new RecordingListener());
        client.awaitClose();
        assertEquals(1, client.errorsOf(TlsException.class).size(), client::describe);
    }

    private TlsException connectExpectingTlsFailure(
        final String uri, final SSLContext sslContext, final boolean handshakeCause) throws InterruptedException
    {
        final WebSocketEngine engine = launch();
        final ConnectRequest.Builder builder = ConnectRequest.builder(uri);
        if (null != sslContext)
        {
            builder.sslContext(sslContext);
        }
        final RecordingListener client = connect(engine, builder.build(), new RecordingListener());

        final RecordingListener.Close close = client.awaitClose();

        assertEquals(1006, close.code(), client::describe);
        assertFalse(close.remote());
        assertEquals(0, client.openCount.get(), client::describe);
        assertEquals(List.of("error", "close"), client.events, client::describe);
        final List<TlsException> failures = client.errorsOf(TlsException.class);
        assertEquals(1, failures.size(), client::describe);
        final TlsException failure = failures.get(0);
        assertTrue(failure.getMessage().contains("127.0.0.1"), failure::getMessage);
        if (handshakeCause)
        {
            assertTrue(failure.getCause() instanceof SSLHandshakeException, () -> describe(failure));
        }
        awaitNoConnections(engine);
        return failure;
    }

    static void awaitNoConnections(final WebSocketEngine engine) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (engine.connectionCount() > 0 && System.nanoTime() - deadline < 0)
        {
            Thread.sleep(5);
        }
        assertEquals(0, engine.connectionCount());
    }

    static long openDescriptors() throws IOException
    {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd")))
        {
            return fds.count();
        }
    }

    static javax.net.ssl.TrustManager[] trustManagers() throws Exception
    {
        final java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", TestPki.get().ca.chain().get(0));
        final javax.net.ssl.TrustManagerFactory factory = javax.net.ssl.TrustManagerFactory.getInstance(
            javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    private static boolean hasCause(final Throwable error, final Class<? extends Throwable> type)
    {
        for (Throwable cause = error; null != cause; cause = cause.getCause())
        {
            if (type.isInstance(cause))
            {
                return true;
            }
        }
        return false;
    }

    private static String describe(final Throwable error)
    {
        final StringBuilder chain = new StringBuilder();
        for (Throwable cause = error; null != cause; cause = cause.getCause())
        {
            chain.append(cause).append(" <- ");
        }
        return chain.toString();
    }
}
