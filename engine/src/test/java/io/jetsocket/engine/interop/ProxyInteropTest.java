/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.interop;

import io.jetsocket.engine.ConnectRequest;
import io.jetsocket.engine.ProxyConfig;
import io.jetsocket.engine.ProxyException;
import io.jetsocket.engine.SendResult;
import io.jetsocket.engine.TlsException;
import io.jetsocket.engine.WebSocketEngine;
import io.jetsocket.engine.testing.LoopbackServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static io.jetsocket.engine.interop.InteropData.MIB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connections through an HTTP CONNECT proxy and a SOCKS5 proxy, driven by the engine's selector loop: proxies in
 * this JVM (with every failure: 407, 403, 502, a proxy that closes half-way, an answer over the size limit, a
 * refused connection, SOCKS5 authentication and request failures) and real ones from Debian (tinyproxy with Basic
 * credentials, Dante). {@code wss://} through a proxy verifies the target's certificate, not the proxy's.
 */
class ProxyInteropTest extends InteropTestSupport
{
    private static JettyWsServer tlsServer;
    private static ScriptedTlsServer wrongHostServer;

    @BeforeAll
    static void startTlsServers() throws Exception
    {
        tlsServer = JettyWsServer.start(TestPki.get().localhost.serverContext());
        wrongHostServer = ScriptedTlsServer.tls(TestPki.get().wrongHost.serverContext(), null);
    }

    @AfterAll
    static void stopTlsServers()
    {
        if (null != tlsServer)
        {
            tlsServer.close();
        }
        if (null != wrongHostServer)
        {
            wrongHostServer.close();
        }
    }

    /**
     * The proxy protocols under test.
     */
    enum Kind
    {
        HTTP, SOCKS5
    }

    static TestProxy proxy(final Kind kind, final TestProxy.Mode mode, final String user, final String password)
        throws Exception
    {
        return Kind.HTTP == kind ? TestProxy.http(mode, user, password) : TestProxy.socks5(mode, user, password);
    }

    static ProxyConfig config(final Kind kind, final int port)
    {
        return Kind.HTTP == kind ? ProxyConfig.http("127.0.0.1", port) : ProxyConfig.socks5("127.0.0.1", port);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldEchoThroughProxyWhenTunnelOpens(final Kind kind) throws Exception
    {
        try (TestProxy proxy = proxy(kind, TestProxy.Mode.TUNNEL, null, null))
        {
            final int port = server(ServerKind.NODE).port();
            final RecordingListener client = connect(launch(), ConnectRequest.builder("ws://localhost:" + port +
                "/echo").proxy(config(kind, proxy.port())).build(), new RecordingListener());
            client.awaitOpen();

            echo(client, MIB);
            EchoInteropTest.closeNormally(client);
            // The proxy resolves the name: SOCKS5 gets it as a domain name (ATYP 3).
            assertEquals(Kind.HTTP == kind ? "CONNECT localhost:" + port + " HTTP/1.1" :
                "ATYP 3 localhost:" + port, firstLine(proxy.requests.get(0)));
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldSendIpv4AddressWhenSocksTargetIsIpLiteral() throws Exception
    {
        try (TestProxy proxy = proxy(Kind.SOCKS5, TestProxy.Mode.TUNNEL, null, null))
        {
            final RecordingListener client = connect(launch(), ConnectRequest.builder(
                server(ServerKind.JETTY).uri("/echo")).proxy(config(Kind.SOCKS5, proxy.port())).build(),
                new RecordingListener());
            client.awaitOpen();

            echo(client, 100);
            EchoInteropTest.closeNormally(client);
            assertEquals("ATYP 1 127.0.0.1:" + server(ServerKind.JETTY).port(), proxy.requests.get(0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldAuthenticateWhenProxyRequiresCredentials(final Kind kind) throws Exception
    {
        try (TestProxy proxy = proxy(kind, TestProxy.Mode.TUNNEL, "alice", "pa:ss wörd"))
        {
            final RecordingListener client = connect(launch(), ConnectRequest.builder(
                server(ServerKind.NODE).uri("/echo")).proxy(config(kind, proxy.port())
                .credentials("alice", "pa:ss wörd")).build(), new RecordingListener());
            client.awaitOpen();

            echo(client, 1000);
            EchoInteropTest.closeNormally(client);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldVerifyTargetCertificateWhenWssGoesThroughProxy(final Kind kind) throws Exception
    {
        try (TestProxy proxy = proxy(kind, TestProxy.Mode.TUNNEL, null, null))
        {
            final RecordingListener client = connect(launch(), ConnectRequest.builder(
                "wss://localhost:" + tlsServer.port() + "/echo")
                .proxy(config(kind, proxy.port()))
                .sslContext(TestPki.get().clientContext())
                .compression(true)
                .build(), new RecordingListener());
            client.awaitOpen();

            assertEquals("CN=localhost", client.connection().tlsSession().getPeerPrincipal().getName());
            echo(client, 2 * MIB);
            EchoInteropTest.closeNormally(client);

            final RecordingListener wrongHost = connect(launch(), ConnectRequest.builder(
                "wss://localhost:" + wrongHostServer.port() + "/echo")
                .proxy(config(kind, proxy.port()))
                .sslContext(TestPki.get().clientContext())
                .build(), new RecordingListener());
            assertEquals(1006, wrongHost.awaitClose().code());
            assertEquals(1, wrongHost.errorsOf(TlsException.class).size(), wrongHost::describe);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldFailWith407WhenHttpProxyWantsCredentials() throws Exception
    {
        try (TestProxy proxy = proxy(Kind.HTTP, TestProxy.Mode.TUNNEL, "alice", "secret"))
        {
            final ProxyException failure = connectExpectingProxyFailure(config(Kind.HTTP, proxy.port()),
                ProxyException.Reason.REJECTED);
            assertEquals(407, failure.statusCode());
            assertEquals("Basic realm=\"test\"", failure.headers().first("Proxy-Authenticate"));
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldFailWith403WhenHttpProxyForbidsTarget() throws Exception
    {
        try (TestProxy proxy = proxy(Kind.HTTP, TestProxy.Mode.FORBIDDEN, null, null))
        {
            assertEquals(403, connectExpectingProxyFailure(config(Kind.HTTP, proxy.port()),
                ProxyException.Reason.REJECTED).statusCode());
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldFailWith502WhenHttpProxyCannotReachTarget() throws Exception
    {
        try (TestProxy proxy = proxy(Kind.HTTP, TestProxy.Mode.BAD_GATEWAY, null, null))
        {
            assertEquals(502, connectExpectingProxyFailure(config(Kind.HTTP, proxy.port()),
                ProxyException.Reason.REJECTED).statusCode());
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldFailWhenHttpProxyAnswerIsOverTheLimit() throws Exception
    {
        try (TestProxy proxy = proxy(Kind.HTTP, TestProxy.Mode.OVERSIZED_ANSWER, null, null))
        {
            connectExpectingProxyFailure(config(Kind.HTTP, proxy.port()), ProxyException.Reason.RESPONSE_TOO_LARGE);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldAcceptHttp10AnswerWhenProxyIsOld() throws Exception
    {
        try (TestProxy proxy = proxy(Kind.HTTP, TestProxy.Mode.HTTP10_TUNNEL, null, null))
        {
            final RecordingListener client = connect(launch(), ConnectRequest.builder(
                server(ServerKind.NODE).uri("/echo")).proxy(config(Kind.HTTP, proxy.port())).build(),
                new RecordingListener());
            client.awaitOpen();
            echo(client, 10);
            EchoInteropTest.closeNormally(client);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldFailWhenProxyClosesBeforeAnswering(final Kind kind) throws Exception
    {
        try (TestProxy proxy = proxy(kind, TestProxy.Mode.CLOSE_AFTER_REQUEST, null, null))
        {
            connectExpectingProxyFailure(config(kind, proxy.port()), ProxyException.Reason.CLOSED);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldFailWithConnectFailedWhenNothingListensOnProxyPort(final Kind kind) throws Exception
    {
        final int port = LoopbackServer.closedPort();
        connectExpectingProxyFailure(config(kind, port), ProxyException.Reason.CONNECT_FAILED);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldFailWhenSocksProxyRejectsCredentials() throws Exception
    {
        try (TestProxy proxy = proxy(Kind.SOCKS5, TestProxy.Mode.TUNNEL, "alice", "secret"))
        {
            final ProxyException failure = connectExpectingProxyFailure(
                config(Kind.SOCKS5, proxy.port()).credentials("alice", "wrong"),
                ProxyException.Reason.AUTHENTICATION_FAILED);
            assertEquals(1, failure.replyCode());
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldFailWhenSocksProxyAcceptsNoOfferedMethod() throws Exception
    {
        try (TestProxy proxy = proxy(Kind.SOCKS5, TestProxy.Mode.TUNNEL, "alice", "secret"))
        {
            assertEquals(0xFF, connectExpectingProxyFailure(config(Kind.SOCKS5, proxy.port()),
                ProxyException.Reason.NO_ACCEPTABLE_METHOD).replyCode());
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldFailWithReplyCodeWhenSocksProxyRefusesConnect() throws Exception
    {
        try (TestProxy proxy = proxy(Kind.SOCKS5, TestProxy.Mode.REFUSE_CONNECT, null, null))
        {
            final ProxyException failure = connectExpectingProxyFailure(config(Kind.SOCKS5, proxy.port()),
                ProxyException.Reason.SOCKS_REQUEST_FAILED);
            assertEquals(5, failure.replyCode());
            assertTrue(failure.getMessage().contains("connection refused"), failure::getMessage);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldTunnelWsAndWssWhenTinyproxyChecksCredentials() throws Exception
    {
        try (RealProxy tinyproxy = RealProxy.tinyproxy())
        {
            final ProxyConfig proxy = ProxyConfig.http("127.0.0.1", tinyproxy.port())
                .credentials(RealProxy.USER, RealProxy.PASSWORD);
            final WebSocketEngine engine = launch();
            final RecordingListener plain = connect(engine, ConnectRequest.builder(
                server(ServerKind.NODE).uri("/echo")).proxy(proxy).compression(true).build(), new RecordingListener());
            plain.awaitOpen();
            echo(plain, MIB);
            EchoInteropTest.closeNormally(plain);

            final RecordingListener secure = connect(engine, ConnectRequest.builder(
                "wss://localhost:" + tlsServer.port() + "/echo").proxy(proxy)
                .sslContext(TestPki.get().clientContext()).build(), new RecordingListener());
            secure.awaitOpen();
            echo(secure, MIB);
            EchoInteropTest.closeNormally(secure);

            final ProxyException failure = connectExpectingProxyFailure(
                ProxyConfig.http("127.0.0.1", tinyproxy.port()), ProxyException.Reason.REJECTED);
            assertEquals(407, failure.statusCode());
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldTunnelWsAndWssWhenDanteResolvesTheTarget() throws Exception
    {
        try (RealProxy dante = RealProxy.dante())
        {
            final ProxyConfig proxy = ProxyConfig.socks5("127.0.0.1", dante.port());
            final WebSocketEngine engine = launch();
            final RecordingListener plain = connect(engine, ConnectRequest.builder(
                "ws://localhost:" + server(ServerKind.JETTY).port() + "/echo").proxy(proxy).build(),
                new RecordingListener());
            plain.awaitOpen();
            echo(plain, MIB);
            EchoInteropTest.closeNormally(plain);

            final RecordingListener secure = connect(engine, ConnectRequest.builder(
                "wss://localhost:" + tlsServer.port() + "/echo").proxy(proxy)
                .sslContext(TestPki.get().clientContext()).build(), new RecordingListener());
            secure.awaitOpen();
            echo(secure, MIB);
            EchoInteropTest.closeNormally(secure);

            final int closedPort = LoopbackServer.closedPort();
            final RecordingListener refused = connect(engine, ConnectRequest.builder(
                "ws://localhost:" + closedPort + "/echo").proxy(proxy).build(), new RecordingListener());
            refused.awaitClose();
            final List<ProxyException> failures = refused.errorsOf(ProxyException.class);
            assertEquals(1, failures.size(), refused::describe);
            assertEquals(ProxyException.Reason.SOCKS_REQUEST_FAILED, failures.get(0).reason());
            assertEquals(5, failures.get(0).replyCode(), failures.get(0)::getMessage);
        }
    }

    private ProxyException connectExpectingProxyFailure(final ProxyConfig proxy, final ProxyException.Reason reason)
        throws InterruptedException
    {
        final WebSocketEngine engine = launch();
        final RecordingListener client = connect(engine, ConnectRequest.builder(server(ServerKind.NODE).uri("/echo"))
            .proxy(proxy).build(), new RecordingListener());

        final RecordingListener.Close close = client.awaitClose();

        assertEquals(1006, close.code());
        assertEquals(0, client.openCount.get(), client::describe);
        assertEquals(List.of("error", "close"), client.events, client::describe);
        final List<ProxyException> failures = client.errorsOf(ProxyException.class);
        assertEquals(1, failures.size(), client::describe);
        final ProxyException failure = failures.get(0);
        assertEquals(reason, failure.reason(), failure::getMessage);
        assertEquals(proxy.type(), failure.proxyType());
        TlsInteropTest.awaitNoConnections(engine);
        return failure;
    }

    private static void echo(final RecordingListener client, final int size) throws InterruptedException
    {
        final byte[] payload = DeflateInteropTest.json(size, size);
        assertEquals(SendResult.OK, client.connection().sendText(payload, 0, payload.length));
        assertArrayEquals(payload, client.nextMessage().payload());
        final byte[] binary = InteropData.randomBytes(size, new Random(size));
        assertEquals(SendResult.OK, client.connection().sendBinary(binary, 0, binary.length));
        assertArrayEquals(binary, client.nextMessage().payload());
    }

    private static String firstLine(final String request)
    {
        final int end = request.indexOf("\r\n");
        return new String((end < 0 ? request : request.substring(0, end)).getBytes(StandardCharsets.ISO_8859_1),
            StandardCharsets.ISO_8859_1);
    }
}
