/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.config;

import io.jetsocket.engine.MessageType;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ready-made venue pings and server-ping responders, on bytes: what they write, what they accept, what they
 * leave alone (longer messages, binary frames, look-alikes), at an offset inside a larger buffer.
 */
class VenuePingsTest
{
    private static final int AT = 7; // every message is read at an offset, as the engine's buffer has it

    @Test
    void shouldWriteTheJsonOpPingAndMatchBybitAndOkxStylePongs()
    {
        final VenuePing ping = VenuePings.jsonOp("ping");

        assertEquals("{\"op\":\"ping\"}", written(ping, 0));
        assertEquals(MessageType.TEXT, ping.pingType());
        assertTrue(isPong(ping, "{\"op\":\"pong\"}"));
        assertTrue(isPong(ping, "{\"success\":true,\"ret_msg\":\"pong\",\"conn_id\":\"a1\",\"op\":\"ping\"}"));
        assertTrue(isPong(ping, "{ \"op\" : \"pong\", \"args\":[\"1\"] }"));
        assertFalse(isPong(ping, "{\"op\":\"ping\"}"), "our own ping echoed is no pong");
        assertFalse(isPong(ping, "{\"topic\":\"pong\",\"data\":[]}"), "pong as the value of another key");
        assertFalse(isPong(ping, "{\"op\":\"pongx\"}"));
        assertFalse(isPong(MessageType.BINARY, ping, "{\"op\":\"pong\"}"), "binary frames are not read");
        assertFalse(isPong(ping, "{\"op\":\"pong\",\"pad\":\"" + "x".repeat(VenuePings.MAX_PONG_LENGTH) + "\"}"),
            "a long message is never a pong: market data costs a length check");
    }

    @Test
    void shouldTakeAMatcherOfOnesOwn()
    {
        final VenuePing ping = VenuePings.jsonOp("ping", VenuePings.jsonField("event", "pong"));

        assertTrue(isPong(ping, "{\"event\":\"pong\"}"));
        assertFalse(isPong(ping, "{\"op\":\"pong\"}"));
    }

    @Test
    void shouldMatchTextPongsExactly()
    {
        final VenuePing ping = VenuePings.text("ping", "pong");

        assertEquals("ping", written(ping, 0));
        assertTrue(isPong(ping, "pong"));
        assertFalse(isPong(ping, "pong "));
        assertFalse(isPong(ping, "pon"));
        assertFalse(isPong(ping, "{\"op\":\"pong\"}"));
    }

    @Test
    void shouldEchoTheTimestampAndAnswerOnlyThePingThatCarriedIt()
    {
        final VenuePing ping = VenuePings.jsonTimestamp();

        assertEquals("{\"ping\":1492420473027}", written(ping, 1_492_420_473_027L));
        assertTrue(isPong(ping, "{\"pong\":1492420473027}"));
        assertTrue(answers(ping, "{\"pong\":1492420473027}", 1_492_420_473_027L));
        assertTrue(isPong(ping, "{\"pong\": 1492420473000}"), "a late pong is still a pong: consumed");
        assertFalse(answers(ping, "{\"pong\": 1492420473000}", 1_492_420_473_027L), "but no answer");
        assertFalse(isPong(ping, "{\"pong\":\"abc\"}"));
        assertFalse(isPong(ping, "{\"ping\":1492420473027}"));
    }

    @Test
    void shouldAnswerHuobiPingsWithTheSameTimestamp()
    {
        final ServerPingResponder responder = ServerPings.jsonPingPong();

        assertEquals("{\"pong\":1492420473027}", answer(responder, "{\"ping\":1492420473027}"));
        assertEquals("{\"pong\":1492420473027}", answer(responder, " { \"ping\" : 1492420473027 } "));
        assertNull(answer(responder, "{\"ping\":1492420473027,\"ch\":\"market.btcusdt.trade\"}"),
            "an object with more members is data");
        assertNull(answer(responder, "{\"pong\":1492420473027}"));
        assertNull(answer(responder, "{\"ping\":\"x\"}"));
        assertNull(answer(responder, "{\"ch\":\"market.btcusdt.trade\",\"ping\":1}"));
    }

    @Test
    void shouldAnswerTextPings()
    {
        final ServerPingResponder responder = ServerPings.text("ping", "pong");

        assertEquals("pong", answer(responder, "ping"));
        assertNull(answer(responder, "pingx"));
        assertNull(answer(responder, "pong"));
    }

    @Test
    void shouldValidateKeysAndPickTheEffectiveMatcher()
    {
        assertThrows(IllegalArgumentException.class, () -> VenuePings.jsonOp("pi\"ng"));
        assertThrows(IllegalArgumentException.class, () -> VenuePings.text("", "pong"));
        assertThrows(IllegalArgumentException.class, () -> ServerPings.jsonPingPong("", "pong"));

        final VenuePing ping = VenuePings.jsonOp("ping");
        final HeartbeatConfig venue = HeartbeatConfig.builder().venuePing(ping).build();
        assertFalse(venue.useWsPing());
        assertSame(ping, venue.effectiveRawPongMatcher());
        final RawPongMatcher own = VenuePings.jsonField("op", "pong");
        assertSame(own, HeartbeatConfig.builder().venuePing(ping).rawPongMatcher(own).build()
            .effectiveRawPongMatcher());
        assertNull(HeartbeatConfig.defaults().effectiveRawPongMatcher());
        assertThrows(IllegalArgumentException.class,
            () -> HeartbeatConfig.builder().venuePing(ping).applicationPing(() -> "ping").build());
        assertThrows(IllegalArgumentException.class,
            () -> LivenessConfig.none().withNoDataTimeout(java.time.Duration.ZERO));
    }

    private static String written(final VenuePing ping, final long epochMs)
    {
        final ExpandableArrayBuffer out = new ExpandableArrayBuffer(8);
        final int length = ping.writePing(out, 0, epochMs);
        return out.getStringWithoutLengthUtf8(0, length);
    }

    private static boolean isPong(final RawPongMatcher matcher, final String message)
    {
        return isPong(MessageType.TEXT, matcher, message);
    }

    private static boolean isPong(final MessageType type, final RawPongMatcher matcher, final String message)
    {
        final UnsafeBuffer buffer = at(message);
        return matcher.isPong(type, buffer, AT, buffer.capacity() - 2 * AT);
    }

    private static boolean answers(final VenuePing ping, final String message, final long pingEpochMs)
    {
        final UnsafeBuffer buffer = at(message);
        return ping.answers(MessageType.TEXT, buffer, AT, buffer.capacity() - 2 * AT, pingEpochMs);
    }

    private static String answer(final ServerPingResponder responder, final String message)
    {
        final UnsafeBuffer buffer = at(message);
        final ExpandableArrayBuffer out = new ExpandableArrayBuffer(4); // grows as needed
        final int length = responder.answer(MessageType.TEXT, buffer, AT, buffer.capacity() - 2 * AT, out);
        return length < 0 ? null : out.getStringWithoutLengthUtf8(0, length);
    }

    /**
     * The message between filler bytes that look like JSON, so a read outside its span would show.
     */
    private static UnsafeBuffer at(final String message)
    {
        final byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        final byte[] framed = new byte[bytes.length + 2 * AT];
        java.util.Arrays.fill(framed, (byte)'}');
        System.arraycopy(bytes, 0, framed, AT, bytes.length);
        return new UnsafeBuffer(framed);
    }
}
