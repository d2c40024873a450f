/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.interop;

import io.jetsocket.engine.ConnectRequest;
import io.jetsocket.engine.MessageType;
import io.jetsocket.engine.ProtocolException;
import io.jetsocket.engine.SendResult;
import io.jetsocket.engine.WebSocketConnection;
import io.jetsocket.engine.deflate.DeflateOffer;
import io.jetsocket.engine.deflate.DeflateParameters;
import io.jetsocket.engine.frame.TestFrames;
import io.jetsocket.engine.handshake.HandshakeException;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import static io.jetsocket.engine.interop.InteropData.KIB;
import static io.jetsocket.engine.interop.InteropData.MIB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * permessage-deflate against servers that compress: Node.js {@code ws} in several configurations (context
 * takeover on and off, window bits, a threshold that leaves small messages uncompressed, fragmented messages),
 * Jetty 12 (deflate on by default) and Python's {@code websockets}; and, with a scripted server, what no real
 * server sends: bad parameters (handshake failure), a decompression bomb (1009), corrupt data (1007), plus a check
 * of the RSV1 bits and the context mode of what the client sends.
 */
class DeflateInteropTest extends InteropTestSupport
{
    static final int[] SIZES = {0, 5, 127, 128, 129, 1000, 4 * KIB, 65_536, 300 * KIB, 4 * MIB};

    private static PythonWsServer python;

    @BeforeAll
    static void startPython() throws Exception
    {
        python = PythonWsServer.start();
    }

    @AfterAll
    static void stopPython()
    {
        if (null != python)
        {
            python.close();
        }
    }

    static ConnectRequest.Builder compressed(final String uri)
    {
        return ConnectRequest.builder(uri).compression(true);
    }

    @ParameterizedTest(name = "ws {0}")
    @ValueSource(strings = {"", "snct=1", "cnct=1", "smwb=10", "snct=1&cnct=1&smwb=9", "threshold=1024", "level=1",
        "cmwb=true", "cmwb=15", "cmwb=12", "cmwb=9", "cmwb=8", "cnct=1&cmwb=9", "snct=1&cnct=1&smwb=8&cmwb=8",
        "smwb=true&cmwb=10"})
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void shouldEchoMessagesWhenNodeCompressesWithTheseOptions(final String query) throws Exception
    {
        final RecordingListener client = connect(launch(),
            compressed(server(ServerKind.NODE).uri("/deflate/echo?" + query)).build(), new RecordingListener());
        client.awaitOpen();

        final DeflateParameters parameters = client.connection().deflateParameters();
        assertNotNull(parameters, client::describe);
        assertEquals(query.contains("snct=1"), parameters.serverNoContextTakeover(), parameters::toString);
        assertEquals(query.contains("cnct=1"), parameters.clientNoContextTakeover(), parameters::toString);
        assertEquals(windowBits(query, "smwb"), parameters.serverMaxWindowBits(), parameters::toString);
        // ws limits our window (and inflates with zlib windowBits set to it) when configured with a number.
        assertEquals(windowBits(query, "cmwb"), parameters.clientMaxWindowBits(), parameters::toString);
        echoAll(client, SIZES, new Random(query.hashCode()));
        EchoInteropTest.closeNormally(client);
    }

    private static int windowBits(final String query, final String name)
    {
        for (final String pair : query.split("&"))
        {
            if (pair.startsWith(name + "=") && !pair.endsWith("=true"))
            {
                return Integer.parseInt(pair.substring(name.length() + 1));
            }
        }
        return DeflateParameters.MAX_WINDOW_BITS;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldEchoFragmentedCompressedMessagesWhenNodeFragmentsThem() throws Exception
    {
        final RecordingListener client = connect(launch(),
            compressed(server(ServerKind.NODE).uri("/deflate/fragmented?fragments=5")).build(),
            new RecordingListener());
        client.awaitOpen();

        echoAll(client, new int[]{200, 10 * KIB, 200 * KIB, 2 * MIB}, new Random(5));
        EchoInteropTest.closeNormally(client);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldNegotiateRequestedParametersWhenNodeAcceptsThem() throws Exception
    {
        // ws refuses (400) an offer asking for server_no_context_takeover unless configured to honour it.
        final RecordingListener client = connect(launch(),
            compressed(server(ServerKind.NODE).uri("/deflate/echo?snct=1"))
            .deflateServerNoContextTakeover(true)
            .deflateClientNoContextTakeover(true)
            .deflateServerMaxWindowBits(10)
            .compressionThreshold(0)
            .build(), new RecordingListener());
        client.awaitOpen();

        final DeflateParameters parameters = client.connection().deflateParameters();
        assertTrue(parameters.serverNoContextTakeover(), parameters::toString);
        assertTrue(parameters.clientNoContextTakeover(), parameters::toString);
        assertEquals(10, parameters.serverMaxWindowBits(), parameters::toString);
        echoAll(client, SIZES, new Random(3));
        EchoInteropTest.closeNormally(client);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldSendOfferWithBareClientWindowBitsWhenCompressionIsOn() throws Exception
    {
        final RecordingListener client = connect(launch(), compressed(server(ServerKind.NODE).uri("/deflate/offer"))
            .deflateServerMaxWindowBits(12).build(), new RecordingListener());
        client.awaitOpen();

        assertEquals("permessage-deflate; server_max_window_bits=12; client_max_window_bits",
            client.nextMessage().text());
        EchoInteropTest.closeNormally(client);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldSendOffersInOrderWhenSeveralAreGiven() throws Exception
    {
        final RecordingListener client = connect(launch(), compressed(server(ServerKind.NODE).uri("/deflate/offer"))
            .deflateOffers(List.of(
                DeflateOffer.DEFAULT.withClientNoContextTakeover(true).withClientMaxWindowBits(9),
                DeflateOffer.PLAIN.withServerNoContextTakeover(true).withServerMaxWindowBits(10),
                DeflateOffer.PLAIN))
            .build(), new RecordingListener());
        client.awaitOpen();

        assertEquals("permessage-deflate; client_no_context_takeover; client_max_window_bits=9, " +
            "permessage-deflate; server_no_context_takeover; server_max_window_bits=10, permessage-deflate",
            client.nextMessage().text());
        // ws (default options) keeps the first offer's numeric client_max_window_bits in its response.
        assertEquals(9, client.connection().deflateParameters().clientMaxWindowBits());
        assertTrue(client.connection().deflateParameters().clientNoContextTakeover());
        EchoInteropTest.closeNormally(client);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldOfferNoExtensionWhenCompressionIsOff() throws Exception
    {
        final RecordingListener client = connect(launch(), server(ServerKind.NODE).uri("/deflate/offer"));
        client.awaitOpen();

        assertEquals("", client.nextMessage().text());
        assertNull(client.connection().deflateParameters());
        EchoInteropTest.closeNormally(client);
    }

    @ParameterizedTest(name = "client_max_window_bits {0}")
    @ValueSource(ints = {DeflateOffer.NOT_OFFERED, 9})
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldReportRejectionWhenNodeInsistsOnALargerClientWindowThanOffered(final int offered) throws Exception
    {
        // ws configured with clientMaxWindowBits=10 refuses an offer without client_max_window_bits, or with a
        // smaller value, and answers 400 rather than declining the extension: why the default offer is bare.
        final RecordingListener client = connect(launch(),
            compressed(server(ServerKind.NODE).uri("/deflate/echo?cmwb=10")).deflateClientMaxWindowBits(offered)
            .build(), new RecordingListener());

        client.awaitClose();

        final List<HandshakeException> failures = client.errorsOf(HandshakeException.class);
        assertEquals(1, failures.size(), client::describe);
        assertEquals(400, failures.get(0).statusCode());
    }

    @ParameterizedTest(name = "client_max_window_bits {0}")
    @ValueSource(ints = {DeflateOffer.NO_VALUE, 10, 12, 15})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldCompressUnderNodesWindowWhenOfferedBareOrAtLeastAsLarge(final int offered) throws Exception
    {
        final RecordingListener client = connect(launch(),
            compressed(server(ServerKind.NODE).uri("/deflate/echo?cmwb=10")).deflateClientMaxWindowBits(offered)
            .compressionThreshold(0).build(), new RecordingListener());
        client.awaitOpen();

        assertEquals(10, client.connection().deflateParameters().clientMaxWindowBits());
        echoAll(client, SIZES, new Random(offered));
        EchoInteropTest.closeNormally(client);
    }

    @ParameterizedTest(name = "Jetty {0}")
    @ValueSource(strings = {"/echo", "/fragmented?fragments=4"})
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void shouldEchoMessagesWhenJettyNegotiatesDeflate(final String path) throws Exception
    {
        final RecordingListener client = connect(launch(), compressed(server(ServerKind.JETTY).uri(path)).build(),
            new RecordingListener());
        client.awaitOpen();

        assertNotNull(client.connection().deflateParameters(), client::describe);
        echoAll(client, SIZES, new Random(path.hashCode()));
        EchoInteropTest.closeNormally(client);
    }

    @ParameterizedTest(name = "python websockets {0}")
    @ValueSource(strings = {"default", "no-context-takeover", "server-window-9", "client-window-9",
        "requires-client-window"})
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void shouldEchoMessagesWhenPythonWebsocketsCompresses(final String configuration) throws Exception
    {
        final RecordingListener client = connect(launch(), compressed(python.uri(configuration, "/")).build(),
            new RecordingListener());
        client.awaitOpen();

        final DeflateParameters parameters = client.connection().deflateParameters();
        assertNotNull(parameters, client::describe);
        if ("no-context-takeover".equals(configuration))
        {
            assertTrue(parameters.serverNoContextTakeover() && parameters.clientNoContextTakeover(),
                parameters::toString);
        }
        if ("server-window-9".equals(configuration))
        {
            assertEquals(9, parameters.serverMaxWindowBits(), parameters::toString);
        }
        // websockets limits our window to what it is configured with (12 by default) and inflates with zlib's
        // wbits set to it.
        final int clientWindow = "default".equals(configuration) ? 12 : "client-window-9".equals(configuration) ? 9 :
            "requires-client-window".equals(configuration) ? 10 : 15;
        assertEquals(clientWindow, parameters.clientMaxWindowBits(), parameters::toString);
        echoAll(client, SIZES, new Random(configuration.hashCode()));
        EchoInteropTest.closeNormally(client);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldRunUncompressedWhenPythonWebsocketsRequiresClientWindowBitsNotOffered() throws Exception
    {
        final RecordingListener client = connect(launch(),
            compressed(python.uri("requires-client-window", "/"))
            .deflateClientMaxWindowBits(DeflateOffer.NOT_OFFERED).build(), new RecordingListener());
        client.awaitOpen();

        assertNull(client.connection().deflateParameters());
        echoAll(client, new int[]{10, 5000}, new Random(2));
        EchoInteropTest.closeNormally(client);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "permessage-deflate; server_max_window_bits=abc",
        "permessage-deflate; server_max_window_bits=7",
        "permessage-deflate; server_max_window_bits=16",
        "permessage-deflate; server_max_window_bits=\"99999999999999999999\"",
        "permessage-deflate; server_max_window_bits",
        "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
        "permessage-deflate; server_max_window_bits=10; server_max_window_bits=10",
        "permessage-deflate; client_max_window_bits",
        "permessage-deflate; client_max_window_bits=7",
        "permessage-deflate; client_max_window_bits=16",
        "permessage-deflate; server_no_context_takeover=yes",
        "permessage-deflate; mem_level=5",
        "permessage-deflate, permessage-deflate"})
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldFailHandshakeCleanlyWhenServerSendsBadDeflateParameters(final String extensions) throws Exception
    {
        try (ScriptedWsServer scripted = new ScriptedWsServer(extensions, new byte[0]))
        {
            final RecordingListener client = connect(launch(), compressed(scripted.uri("/")).build(),
                new RecordingListener());

            final RecordingListener.Close close = client.awaitClose();

            assertEquals(1006, close.code());
            assertEquals(0, client.openCount.get(), client::describe);
            final List<HandshakeException> failures = client.errorsOf(HandshakeException.class);
            assertEquals(1, failures.size(), client::describe);
            assertTrue(failures.get(0).reason() == HandshakeException.Reason.BAD_EXTENSION ||
                failures.get(0).reason() == HandshakeException.Reason.DUPLICATE_EXTENSION, client::describe);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldFailHandshakeWhenServerLimitsAClientWindowThatWasNotOffered() throws Exception
    {
        try (ScriptedWsServer scripted = new ScriptedWsServer("permessage-deflate; client_max_window_bits=10",
            new byte[0]))
        {
            final RecordingListener client = connect(launch(), compressed(scripted.uri("/"))
                .deflateOffers(List.of(DeflateOffer.PLAIN, DeflateOffer.PLAIN.withServerMaxWindowBits(9))).build(),
                new RecordingListener());

            client.awaitClose();

            assertEquals(0, client.openCount.get(), client::describe);
            final List<HandshakeException> failures = client.errorsOf(HandshakeException.class);
            assertEquals(1, failures.size(), client::describe);
            assertEquals(HandshakeException.Reason.BAD_EXTENSION, failures.get(0).reason());
            assertTrue(failures.get(0).getMessage().contains("client_max_window_bits=10"), client::describe);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldCloseWith1009WhenServerSendsDecompressionBomb() throws Exception
    {
        // 64 MiB of zeros in one message: about 64 KiB on the wire, against a 1 MiB limit.
        final Deflater bomb = new Deflater(Deflater.BEST_COMPRESSION, true);
        final ByteArrayOutputStream wire = new ByteArrayOutputStream();
        final byte[] zeros = new byte[MIB];
        for (int i = 0; i < 64; i++)
        {
            final byte[] part = compress(bomb, zeros, i < 63);
            wire.writeBytes(frame(63 == i, 0 == i, 0 == i ? 2 : 0, part));
        }
        bomb.end();
        try (ScriptedWsServer scripted = new ScriptedWsServer("permessage-deflate", wire.toByteArray()))
        {
            final RecordingListener client = connect(launch(), compressed(scripted.uri("/"))
                .maxMessageLength(MIB).build(), new RecordingListener());

            final RecordingListener.Close close = client.awaitClose();

            assertEquals(1009, close.code(), client::describe);
            assertEquals(1009, scripted.nextFrame().closeCode());
            assertEquals(1009, client.errorsOf(ProtocolException.class).get(0).closeCode());
            assertTrue(client.messages.isEmpty());
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldCloseWith1007WhenServerSendsCorruptDeflateData() throws Exception
    {
        final byte[] script = frame(true, true, 1, new byte[]{(byte)0xFF, (byte)0xFF, (byte)0xFF, 1, 2, 3});
        try (ScriptedWsServer scripted = new ScriptedWsServer("permessage-deflate", script))
        {
            final RecordingListener client = connect(launch(), compressed(scripted.uri("/")).build(),
                new RecordingListener());

            final RecordingListener.Close close = client.awaitClose();

            assertEquals(1007, close.code(), client::describe);
            assertEquals(1007, scripted.nextFrame().closeCode());
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldSetRsv1OnlyOnCompressedDataFramesAndResetContextWhenClientNoContextTakeover() throws Exception
    {
        try (ScriptedWsServer scripted = new ScriptedWsServer(
            "permessage-deflate; client_no_context_takeover", new byte[0]))
        {
            final RecordingListener client = connect(launch(), compressed(scripted.uri("/")).build(),
                new RecordingListener());
            client.awaitOpen();
            final byte[] json = json(2000, 1);
            final byte[] small = "{\"op\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
            final byte[] noise = InteropData.randomBytes(3000, new Random(1));
            final WebSocketConnection connection = client.connection();
            assertEquals(SendResult.OK, connection.sendText(json, 0, json.length));
            assertEquals(SendResult.OK, connection.sendText(json, 0, json.length));
            assertEquals(SendResult.OK, connection.sendText(small, 0, small.length));
            assertEquals(SendResult.OK, connection.sendPing(new UnsafeBuffer(small), 0, small.length));
            assertEquals(SendResult.OK, connection.sendBinary(noise, 0, noise.length));

            for (int i = 0; i < 2; i++)
            {
                final ScriptedWsServer.ClientFrame frame = scripted.nextFrame();
                assertTrue(frame.masked());
                assertTrue(frame.rsv1(), "a compressible message is sent compressed");
                assertEquals(1, frame.opcode());
                assertTrue(frame.payload().length < json.length / 2);
                // client_no_context_takeover: each message inflates on its own.
                assertArrayEquals(json, inflateAlone(frame.payload()), "message " + i);
            }
            final ScriptedWsServer.ClientFrame smallFrame = scripted.nextFrame();
            assertFalse(smallFrame.rsv1(), "below the threshold");
            assertArrayEquals(small, smallFrame.payload());
            final ScriptedWsServer.ClientFrame ping = scripted.nextFrame();
            assertEquals(9, ping.opcode());
            assertFalse(ping.rsv1(), "control frames are never compressed");
            final ScriptedWsServer.ClientFrame noiseFrame = scripted.nextFrame();
            assertFalse(noiseFrame.rsv1(), "incompressible data goes as it is");
            assertArrayEquals(noise, noiseFrame.payload());
            EchoInteropTest.closeNormally(client);
        }
    }

    private static void echoAll(final RecordingListener client, final int[] sizes, final Random random)
        throws InterruptedException
    {
        final List<byte[]> sent = new ArrayList<>();
        final List<MessageType> types = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++)
        {
            // Text is compressible JSON; binary is random, which does not compress.
            final MessageType type = 0 == i % 3 ? MessageType.BINARY : MessageType.TEXT;
            final byte[] payload = MessageType.TEXT == type ? json(sizes[i], i) :
                InteropData.randomBytes(sizes[i], random);
            sent.add(payload);
            types.add(type);
            assertEquals(SendResult.OK, EchoInteropTest.send(client.connection(), type, payload));
        }
        for (int i = 0; i < sizes.length; i++)
        {
            final RecordingListener.Message echo = client.nextMessage();
            assertEquals(types.get(i), echo.type(), "message " + i);
            assertArrayEquals(sent.get(i), echo.payload(), "message " + i + " of " + sizes[i] + " bytes");
        }
    }

    static byte[] json(final int length, final int seed)
    {
        final StringBuilder text = new StringBuilder(length + 128);
        int i = seed;
        while (text.length() < length)
        {
            text.append("{\"e\":\"depthUpdate\",\"s\":\"ETHUSDT\",\"b\":[[\"").append(3000 + i % 50).append('.')
                .append(i % 100).append("\",\"").append(i % 13).append(".5\"]],\"u\":").append(1_000_000 + i)
                .append('}');
            i++;
        }
        text.setLength(length);
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] compress(final Deflater deflater, final byte[] data, final boolean keepTail)
    {
        deflater.setInput(data);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final byte[] chunk = new byte[16 * KIB];
        int n;
        do
        {
            n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            out.write(chunk, 0, n);
        }
        while (n == chunk.length);
        final byte[] bytes = out.toByteArray();
        return keepTail ? bytes : java.util.Arrays.copyOf(bytes, bytes.length - 4);
    }

    static byte[] frame(final boolean fin, final boolean rsv1, final int opcode, final byte[] payload)
    {
        return TestFrames.frame((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode, payload);
    }

    private static byte[] inflateAlone(final byte[] payload) throws Exception
    {
        final Inflater inflater = new Inflater(true);
        try
        {
            final byte[] input = java.util.Arrays.copyOf(payload, payload.length + 4);
            input[input.length - 2] = (byte)0xFF;
            input[input.length - 1] = (byte)0xFF;
            inflater.setInput(input);
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            final byte[] chunk = new byte[4096];
            int n;
            while ((n = inflater.inflate(chunk)) > 0)
            {
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        }
        finally
        {
            inflater.end();
        }
    }
}
