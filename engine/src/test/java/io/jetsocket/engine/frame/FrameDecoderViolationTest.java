/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.frame;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.jetsocket.engine.frame.TestFrames.FIN_BINARY;
import static io.jetsocket.engine.frame.TestFrames.FIN_CONTINUATION;
import static io.jetsocket.engine.frame.TestFrames.FIN_TEXT;
import static io.jetsocket.engine.frame.TestFrames.LENGTH_16;
import static io.jetsocket.engine.frame.TestFrames.LENGTH_64;
import static io.jetsocket.engine.frame.TestFrames.bytes;
import static io.jetsocket.engine.frame.TestFrames.concat;
import static io.jetsocket.engine.frame.TestFrames.frame;
import static io.jetsocket.engine.frame.TestFrames.header;
import static io.jetsocket.engine.frame.TestFrames.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every protocol violation a server can commit, with the close code the client must answer, decided as early as
 * the bytes allow (from the header, before any payload is buffered).
 */
class FrameDecoderViolationTest
{
    static final int CAPACITY = 1024;
    static final int MAX_FRAME = 10_000;
    static final int MAX_MESSAGE = 20_000;
    static final int MAX_FRAGMENTS = 4;

    static DecoderHarness harness()
    {
        return new DecoderHarness(CAPACITY, MAX_FRAME, MAX_MESSAGE, MAX_FRAGMENTS);
    }

    static void assertFailed(final DecoderHarness harness, final int code)
    {
        assertEquals(DecoderState.FAILED, harness.decoder().state(), "state, events " + harness.events());
        assertEquals(code, harness.decoder().failureCode(), "failure code: " + harness.decoder().failureReason());
        assertNotNull(harness.decoder().failureReason());
        assertEquals(0, harness.unconsumed(), "a failed decoder consumes everything");
    }

    static void assertOpen(final DecoderHarness harness)
    {
        assertEquals(0, harness.decoder().failureCode(), "failure: " + harness.decoder().failureReason());
        assertEquals(DecoderState.FRAME_START, harness.decoder().state());
    }

    static void assertNotFailed(final DecoderHarness harness)
    {
        assertEquals(0, harness.decoder().failureCode(), "failure: " + harness.decoder().failureReason());
        assertNotEquals(DecoderState.FAILED, harness.decoder().state());
    }

    @Test
    void shouldRejectMaskedServerFrameFromItsFirstTwoBytes()
    {
        final DecoderHarness harness = harness().feed(bytes(0x81, 0x85));

        assertFailed(harness, CloseCode.PROTOCOL_ERROR);
        assertEquals(2, harness.bytesConsumed());
    }

    @ParameterizedTest
    @ValueSource(ints = {0x81, 0x82, 0x01, 0x89, 0x8A, 0x88})
    void shouldRejectMaskedServerFrameOfAnyOpcode(final int firstByte)
    {
        final DecoderHarness harness = harness().feed(concat(bytes(firstByte, 0x80 | 4), bytes(1, 2, 3, 4)));

        assertFailed(harness, CloseCode.PROTOCOL_ERROR);
        assertEquals(List.of(), harness.events());
    }

    @ParameterizedTest
    @ValueSource(ints = {0x40, 0x20, 0x10, 0x60, 0x70})
    void shouldRejectRsvBitsWithoutNegotiatedExtension(final int rsv)
    {
        assertFailed(harness().feed(bytes(FIN_TEXT | rsv, 0x01)), CloseCode.PROTOCOL_ERROR);
        assertFailed(harness().feed(bytes(FIN_BINARY | rsv, 0x01)), CloseCode.PROTOCOL_ERROR);
        assertFailed(harness().feed(bytes(Opcode.TEXT | rsv, 0x01)), CloseCode.PROTOCOL_ERROR);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x40, 0x20, 0x10})
    void shouldRejectRsvBitsOnContinuationFrames(final int rsv)
    {
        final DecoderHarness harness = harness().feed(frame(Opcode.TEXT, utf8("a")));
        assertOpen(harness);

        harness.feed(bytes(FIN_CONTINUATION | rsv, 0x01));

        assertFailed(harness, CloseCode.PROTOCOL_ERROR);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x88, 0x89, 0x8A})
    void shouldRejectRsvBitsOnControlFrames(final int firstByte)
    {
        for (final int rsv : new int[]{0x40, 0x20, 0x10})
        {
            assertFailed(harness().feed(bytes(firstByte | rsv, 0x00)), CloseCode.PROTOCOL_ERROR);
        }
    }

    @Test
    void shouldAcceptNegotiatedRsvBitOnlyOnTheFirstFrameOfDataMessages()
    {
        final DecoderHarness harness = harness();
        harness.decoder().allowedRsvBits(Opcode.RSV1_BIT);

        harness.feed(frame(FIN_TEXT | Opcode.RSV1_BIT, utf8("zip")));
        harness.feed(frame(Opcode.BINARY | Opcode.RSV1_BIT, bytes(1)));
        harness.feed(frame(FIN_CONTINUATION, bytes(2)));
        assertOpen(harness);
        assertEquals(List.of(FrameEvent.text("zip"), FrameEvent.binary(bytes(1, 2))), harness.events());

        final DecoderHarness continuation = harness();
        continuation.decoder().allowedRsvBits(Opcode.RSV1_BIT);
        continuation.feed(frame(Opcode.TEXT | Opcode.RSV1_BIT, utf8("a")));
        continuation.feed(bytes(FIN_CONTINUATION | Opcode.RSV1_BIT, 0x00));
        assertFailed(continuation, CloseCode.PROTOCOL_ERROR);

        final DecoderHarness control = harness();
        control.decoder().allowedRsvBits(Opcode.RSV1_BIT);
        control.feed(bytes(0x89 | Opcode.RSV1_BIT, 0x00));
        assertFailed(control, CloseCode.PROTOCOL_ERROR);

        final DecoderHarness otherBit = harness();
        otherBit.decoder().allowedRsvBits(Opcode.RSV1_BIT);
        otherBit.feed(bytes(FIN_TEXT | Opcode.RSV2_BIT, 0x00));
        assertFailed(otherBit, CloseCode.PROTOCOL_ERROR);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF})
    void shouldRejectReservedOpcodesFromTheFirstTwoBytes(final int opcode)
    {
        assertFailed(harness().feed(bytes(Opcode.FIN_BIT | opcode, 0x00)), CloseCode.PROTOCOL_ERROR);
        assertFailed(harness().feed(bytes(opcode, 0x05)), CloseCode.PROTOCOL_ERROR);

        final DecoderHarness insideMessage = harness().feed(frame(Opcode.TEXT, utf8("a")));
        insideMessage.feed(bytes(Opcode.FIN_BIT | opcode, 0x00));
        assertFailed(insideMessage, CloseCode.PROTOCOL_ERROR);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x88, 0x89, 0x8A})
    void shouldRejectControlFrameOver125BytesFromTheFirstTwoBytes(final int firstByte)
    {
        final DecoderHarness sixteenBit = harness().feed(bytes(firstByte, 126));
        assertFailed(sixteenBit, CloseCode.PROTOCOL_ERROR);
        assertEquals(2, sixteenBit.bytesConsumed());

        final DecoderHarness sixtyFourBit = harness().feed(bytes(firstByte, 127));
        assertFailed(sixtyFourBit, CloseCode.PROTOCOL_ERROR);
        assertEquals(2, sixtyFourBit.bytesConsumed());

        // even when the extended length says the payload is small
        assertFailed(harness().feed(header(firstByte, 2, LENGTH_16)), CloseCode.PROTOCOL_ERROR);
    }

    @Test
    void shouldAccept125BytePingAndPong()
    {
        final byte[] payload = TestFrames.randomBytes(new Random(125), 125);

        final DecoderHarness harness = harness().feed(concat(
            frame(TestFrames.FIN_PING, payload), frame(TestFrames.FIN_PONG, payload)));

        assertOpen(harness);
        assertEquals(List.of(FrameEvent.ping(payload), FrameEvent.pong(payload)), harness.events());
    }

    @ParameterizedTest
    @ValueSource(ints = {Opcode.CLOSE, Opcode.PING, Opcode.PONG})
    void shouldRejectFragmentedControlFrame(final int opcode)
    {
        assertFailed(harness().feed(bytes(opcode, 0x00)), CloseCode.PROTOCOL_ERROR);

        final DecoderHarness insideMessage = harness().feed(frame(Opcode.BINARY, bytes(1)));
        insideMessage.feed(bytes(opcode, 0x01));
        assertFailed(insideMessage, CloseCode.PROTOCOL_ERROR);
    }

    @Test
    void shouldReject64BitLengthWithTopBitSetOnceTheLengthIsComplete()
    {
        final byte[] frameHeader = bytes(0x82, 0x7F, 0x80, 0, 0, 0, 0, 0, 0, 0x05);
        final DecoderHarness harness = harness().feed(frameHeader, 0, 9);
        assertOpen(harness);
        assertEquals(9, harness.unconsumed());

        harness.feed(frameHeader, 9, 1);

        assertFailed(harness, CloseCode.PROTOCOL_ERROR);
        assertFailed(harness().feed(bytes(0x02, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF)),
            CloseCode.PROTOCOL_ERROR);
    }

    @Test
    void shouldRejectFrameOverMaxFrameLengthFromTheHeaderAlone()
    {
        assertFailed(harness().feed(header(FIN_BINARY, MAX_FRAME + 1, LENGTH_16)), CloseCode.MESSAGE_TOO_BIG);
        assertFailed(harness().feed(header(FIN_TEXT, MAX_FRAME + 1, LENGTH_64)), CloseCode.MESSAGE_TOO_BIG);
        assertFailed(harness().feed(header(Opcode.BINARY, 1L << 40, LENGTH_64)), CloseCode.MESSAGE_TOO_BIG);
        assertFailed(harness().feed(header(FIN_BINARY, Long.MAX_VALUE, LENGTH_64)), CloseCode.MESSAGE_TOO_BIG);

        final DecoderHarness continuation = harness().feed(frame(Opcode.BINARY, bytes(1)));
        continuation.feed(header(FIN_CONTINUATION, MAX_FRAME + 1, LENGTH_16));
        assertFailed(continuation, CloseCode.MESSAGE_TOO_BIG);
    }

    @Test
    void shouldAcceptFrameOfExactlyMaxFrameLength()
    {
        final byte[] payload = TestFrames.randomBytes(new Random(1), MAX_FRAME);

        final DecoderHarness harness = harness().feed(frame(FIN_BINARY, payload));

        assertOpen(harness);
        assertEquals(List.of(FrameEvent.binary(payload)), harness.events());
    }

    @Test
    void shouldRejectMessageOverMaxMessageLengthFromTheHeaderAlone()
    {
        final byte[] part = TestFrames.randomBytes(new Random(2), 9000);
        final DecoderHarness harness = harness()
            .feed(frame(Opcode.BINARY, part))
            .feed(frame(Opcode.CONTINUATION, part));
        assertOpen(harness);

        harness.feed(header(FIN_CONTINUATION, MAX_MESSAGE - 2 * 9000 + 1, LENGTH_16));

        assertFailed(harness, CloseCode.MESSAGE_TOO_BIG);
        assertEquals(List.of(), harness.events());

        final DecoderHarness exact = harness()
            .feed(frame(Opcode.BINARY, part))
            .feed(frame(Opcode.CONTINUATION, part))
            .feed(frame(FIN_CONTINUATION, new byte[MAX_MESSAGE - 2 * 9000]));
        assertOpen(exact);
        assertEquals(MAX_MESSAGE, exact.events().get(0).payload().length);
    }

    @Test
    void shouldRejectSingleFrameOverMaxMessageLengthFromTheHeaderAlone()
    {
        final DecoderHarness harness = new DecoderHarness(CAPACITY, 50_000, MAX_MESSAGE, MAX_FRAGMENTS);

        harness.feed(header(FIN_TEXT, MAX_MESSAGE + 1, LENGTH_64));

        assertFailed(harness, CloseCode.MESSAGE_TOO_BIG);
    }

    @Test
    void shouldRejectTooManyFragmentsFromTheHeaderAlone()
    {
        final DecoderHarness harness = harness()
            .feed(frame(Opcode.TEXT, utf8("a")))
            .feed(frame(Opcode.CONTINUATION, utf8("b")))
            .feed(frame(Opcode.CONTINUATION, utf8("c")))
            .feed(frame(Opcode.CONTINUATION, utf8("d")));
        assertOpen(harness);

        harness.feed(bytes(FIN_CONTINUATION, 0x01));

        assertFailed(harness, CloseCode.MESSAGE_TOO_BIG);

        final DecoderHarness streamed = harness()
            .feed(frame(Opcode.BINARY, new byte[2000]))
            .feed(frame(Opcode.CONTINUATION, new byte[2000]))
            .feed(frame(Opcode.CONTINUATION, new byte[2000]))
            .feed(frame(Opcode.CONTINUATION, new byte[2000]));
        streamed.feed(header(FIN_CONTINUATION, 2000, LENGTH_16));
        assertFailed(streamed, CloseCode.MESSAGE_TOO_BIG);
    }

    @Test
    void shouldAcceptExactlyMaxFragments()
    {
        final DecoderHarness harness = harness()
            .feed(frame(Opcode.TEXT, utf8("a")))
            .feed(frame(Opcode.CONTINUATION, utf8("b")))
            .feed(frame(Opcode.CONTINUATION, utf8("c")))
            .feed(frame(FIN_CONTINUATION, utf8("d")))
            .feed(frame(Opcode.TEXT, utf8("e")))
            .feed(frame(FIN_CONTINUATION, utf8("f")));

        assertOpen(harness);
        assertEquals(List.of(FrameEvent.text("abcd"), FrameEvent.text("ef")), harness.events());
    }

    @Test
    void shouldEndEndlessEmptyContinuationsWith1009AtTheDefaultFragmentLimit()
    {
        final int limit = io.jetsocket.engine.EngineContext.MAX_FRAGMENTS_DEFAULT;
        final DecoderHarness harness = new DecoderHarness(CAPACITY, MAX_FRAME, MAX_MESSAGE, limit);
        harness.feed(frame(Opcode.TEXT, utf8("a")));
        final byte[] emptyContinuation = frame(Opcode.CONTINUATION, new byte[0]);
        for (int i = 1; i < limit; i++)
        {
            harness.feed(emptyContinuation);
        }
        assertOpen(harness);
        final long consumedAtLimit = harness.bytesConsumed();

        harness.feed(emptyContinuation);

        assertFailed(harness, CloseCode.MESSAGE_TOO_BIG);
        assertTrue(harness.bytesConsumed() - consumedAtLimit <= 6, "failed from the header of the next fragment");
        assertEquals(List.of(), harness.events(), "nothing delivered");
    }

    @Test
    void shouldAcceptExactlyTheDefaultFragmentLimitOfOneByteFragments()
    {
        final int limit = io.jetsocket.engine.EngineContext.MAX_FRAGMENTS_DEFAULT;
        final DecoderHarness harness = new DecoderHarness(CAPACITY, MAX_FRAME, MAX_MESSAGE, limit);
        harness.feed(frame(Opcode.BINARY, new byte[]{0}));
        for (int i = 2; i < limit; i++)
        {
            harness.feed(frame(Opcode.CONTINUATION, new byte[]{(byte)i}));
        }
        harness.feed(frame(FIN_CONTINUATION, new byte[]{1}));

        assertOpen(harness);
        assertEquals(1, harness.events().size());
    }

    @Test
    void shouldRejectContinuationWithoutStart()
    {
        assertFailed(harness().feed(bytes(FIN_CONTINUATION, 0x01)), CloseCode.PROTOCOL_ERROR);
        assertFailed(harness().feed(bytes(Opcode.CONTINUATION, 0x00)), CloseCode.PROTOCOL_ERROR);

        final DecoderHarness afterMessage = harness()
            .feed(frame(Opcode.TEXT, utf8("a")))
            .feed(frame(FIN_CONTINUATION, utf8("b")));
        afterMessage.feed(bytes(FIN_CONTINUATION, 0x00));
        assertFailed(afterMessage, CloseCode.PROTOCOL_ERROR);
        assertEquals(List.of(FrameEvent.text("ab")), afterMessage.events());
    }

    @ParameterizedTest
    @ValueSource(ints = {0x81, 0x01, 0x82, 0x02})
    void shouldRejectNewDataFrameInsideAnOpenMessage(final int firstByte)
    {
        final DecoderHarness harness = harness().feed(frame(Opcode.TEXT, utf8("a")));

        harness.feed(bytes(firstByte, 0x00));

        assertFailed(harness, CloseCode.PROTOCOL_ERROR);
        assertEquals(List.of(), harness.events());
    }

    @Test
    void shouldRejectInvalidUtf8InSingleFrame()
    {
        final DecoderHarness harness = harness().feed(frame(FIN_TEXT, bytes('o', 'k', 0xC0, 0x80)));

        assertFailed(harness, CloseCode.INVALID_PAYLOAD);
        assertEquals(List.of(), harness.events());
    }

    @Test
    void shouldFailAsSoonAsTheInvalidByteOfAnIncompleteSingleFrameArrives()
    {
        final byte[] text = frame(FIN_TEXT, bytes('a', 'b', 0xE2, 0x82, 0x41, 'c', 'd', 'e', 'f', 'g'));
        final DecoderHarness harness = harness().feed(text, 0, 5);
        assertOpen(harness);
        harness.feed(text, 5, 1);
        assertOpen(harness);

        harness.feed(text, 6, 1); // 0x41 where a continuation byte must be

        assertFailed(harness, CloseCode.INVALID_PAYLOAD);
    }

    @Test
    void shouldFailAtTheInvalidByteOfAnIncompleteFrameInOneRead()
    {
        final byte[] text = frame(FIN_TEXT, concat(utf8("hello"), bytes(0xFF), utf8("world")));

        final DecoderHarness harness = harness().feed(text, 0, 2 + 6);

        assertFailed(harness, CloseCode.INVALID_PAYLOAD);
    }

    @Test
    void shouldFailAsSoonAsTheInvalidByteOfAnIncompleteFragmentArrives()
    {
        final byte[] continuation = frame(FIN_CONTINUATION, bytes('d', 'e', 0xED, 0xA0, 0x80, 'f', 'g'));
        final DecoderHarness harness = harness().feed(frame(Opcode.TEXT, utf8("abc")));
        harness.feed(continuation, 0, 5);
        assertNotFailed(harness);

        harness.feed(continuation, 5, 1); // 0xA0 after 0xED would be a surrogate

        assertFailed(harness, CloseCode.INVALID_PAYLOAD);
    }

    @Test
    void shouldFailAsSoonAsTheInvalidByteOfAStreamedFrameArrives()
    {
        final byte[] payload = TestFrames.randomUtf8(new Random(3), 5000);
        payload[3000] = (byte)0xC0;
        final byte[] text = frame(FIN_TEXT, payload);

        final DecoderHarness harness = harness().feed(text, 0, 4 + 3000);
        assertNotFailed(harness);
        harness.feed(text, 4 + 3000, 1);

        assertFailed(harness, CloseCode.INVALID_PAYLOAD);
        assertEquals(List.of(), harness.events());
    }

    @Test
    void shouldRejectTextMessageEndingMidSequence()
    {
        assertFailed(harness().feed(frame(FIN_TEXT, bytes('a', 0xE2))), CloseCode.INVALID_PAYLOAD);
        assertFailed(harness().feed(frame(FIN_TEXT, bytes(0xF0, 0x9F, 0x98))), CloseCode.INVALID_PAYLOAD);

        final DecoderHarness fragmented = harness()
            .feed(frame(Opcode.TEXT, bytes('a', 0xE2)))
            .feed(frame(Opcode.CONTINUATION, bytes(0x82)));
        assertOpen(fragmented);
        fragmented.feed(frame(FIN_CONTINUATION, new byte[0]));
        assertFailed(fragmented, CloseCode.INVALID_PAYLOAD);

        final DecoderHarness streamed = harness();
        final byte[] payload = concat(new byte[2000], bytes(0xE2, 0x82));
        streamed.feed(frame(FIN_TEXT, payload));
        assertFailed(streamed, CloseCode.INVALID_PAYLOAD);
    }

    @Test
    void shouldAcceptCharacterSplitAcrossFragments()
    {
        final DecoderHarness harness = harness()
            .feed(frame(Opcode.TEXT, bytes('a', 0xE2)))
            .feed(frame(Opcode.CONTINUATION, bytes(0x82)))
            .feed(frame(FIN_CONTINUATION, bytes(0xAC)));

        assertOpen(harness);
        assertEquals(List.of(FrameEvent.text("a€")), harness.events());
    }

    @Test
    void shouldRejectCloseWithOneBytePayload()
    {
        assertFailed(harness().feed(bytes(0x88, 0x01, 0x03)), CloseCode.PROTOCOL_ERROR);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
    void shouldRejectCloseCodesNotAllowedOnTheWire(final int code)
    {
        final DecoderHarness harness = harness().feed(TestFrames.close(code, ""));

        assertFailed(harness, CloseCode.PROTOCOL_ERROR);
        assertEquals(List.of(), harness.events());
        assertFailed(harness().feed(TestFrames.close(code, "reason")), CloseCode.PROTOCOL_ERROR);
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000,
        4999})
    void shouldAcceptCloseCodesAllowedOnTheWire(final int code)
    {
        final DecoderHarness harness = harness().feed(TestFrames.close(code, "bye ✓"));

        assertEquals(DecoderState.CLOSED, harness.decoder().state());
        assertEquals(0, harness.decoder().failureCode());
        assertEquals(List.of(FrameEvent.close(code, "bye ✓")), harness.events());

        final DecoderHarness noReason = harness().feed(TestFrames.close(code, ""));
        assertEquals(List.of(FrameEvent.close(code, "")), noReason.events());
    }

    @Test
    void shouldRejectCloseReasonThatIsNotUtf8()
    {
        final byte[] badByte = TestFrames.frame(TestFrames.FIN_CLOSE, bytes(0x03, 0xE8, 'o', 'k', 0xC0, 0x80));
        assertFailed(harness().feed(badByte), CloseCode.INVALID_PAYLOAD);

        final byte[] truncated = TestFrames.frame(TestFrames.FIN_CLOSE, bytes(0x03, 0xE8, 'o', 'k', 0xE2, 0x82));
        assertFailed(harness().feed(truncated), CloseCode.INVALID_PAYLOAD);

        final byte[] surrogate = TestFrames.frame(TestFrames.FIN_CLOSE, bytes(0x03, 0xE8, 0xED, 0xA0, 0x80));
        assertFailed(harness().feed(surrogate), CloseCode.INVALID_PAYLOAD);
    }

    @Test
    void shouldReportEmptyCloseAsNoStatus()
    {
        final DecoderHarness harness = harness().feed(bytes(0x88, 0x00));

        assertEquals(DecoderState.CLOSED, harness.decoder().state());
        assertEquals(List.of(FrameEvent.close(CloseCode.NO_STATUS, "")), harness.events());
    }

    @Test
    void shouldIgnoreEverythingAfterClose()
    {
        final byte[] input = concat(
            TestFrames.text("before"),
            TestFrames.close(1000, "done"),
            TestFrames.text("after"),
            bytes(0x81, 0x85, 0, 0, 0, 0), // masked: would fail
            bytes(0x81, 0x02, 0xC0)); // invalid and incomplete

        final DecoderHarness harness = harness().feed(input);
        harness.feed(TestFrames.ping("later"));

        assertEquals(DecoderState.CLOSED, harness.decoder().state());
        assertEquals(0, harness.decoder().failureCode());
        assertEquals(List.of(FrameEvent.text("before"), FrameEvent.close(1000, "done")), harness.events());
        assertEquals(0, harness.unconsumed());
        assertEquals(input.length + TestFrames.ping("later").length, harness.bytesConsumed());
    }

    @Test
    void shouldAcceptCloseBetweenFragments()
    {
        final DecoderHarness harness = harness()
            .feed(frame(Opcode.TEXT, utf8("unfinished")))
            .feed(TestFrames.close(1001, ""))
            .feed(frame(FIN_CONTINUATION, utf8("!")));

        assertEquals(DecoderState.CLOSED, harness.decoder().state());
        assertEquals(List.of(FrameEvent.close(1001, "")), harness.events());
    }

    @Test
    void shouldDeliverZeroLengthFramesOfEveryKind()
    {
        final DecoderHarness harness = harness().feed(concat(
            bytes(0x81, 0x00),
            bytes(0x82, 0x00),
            bytes(0x89, 0x00),
            bytes(0x8A, 0x00),
            bytes(0x01, 0x00, 0x80, 0x00),
            bytes(0x02, 0x00, 0x89, 0x00, 0x00, 0x00, 0x80, 0x00),
            header(FIN_TEXT, 0, LENGTH_16),
            header(FIN_BINARY, 0, LENGTH_64)));

        assertOpen(harness);
        assertEquals(List.of(
            FrameEvent.text(""),
            FrameEvent.binary(new byte[0]),
            FrameEvent.ping(new byte[0]),
            FrameEvent.pong(new byte[0]),
            FrameEvent.text(""),
            FrameEvent.ping(new byte[0]),
            FrameEvent.binary(new byte[0]),
            FrameEvent.text(""),
            FrameEvent.binary(new byte[0])), harness.events());
    }

    @Test
    void shouldConsumeAndIgnoreEverythingAfterAFailure()
    {
        final DecoderHarness harness = harness().feed(bytes(0x81, 0x85));
        assertFailed(harness, CloseCode.PROTOCOL_ERROR);
        final String reason = harness.decoder().failureReason();

        final byte[] more = concat(TestFrames.text("ignored"), TestFrames.close(1000, ""), bytes(0x81, 0x7E, 0x01));
        harness.feed(more);
        harness.feed(new byte[5000]);

        assertFailed(harness, CloseCode.PROTOCOL_ERROR);
        assertEquals(reason, harness.decoder().failureReason());
        assertEquals(List.of(), harness.events());
        assertEquals(2 + more.length + 5000, harness.bytesConsumed());
    }

    @Test
    void shouldBeUsableAgainAfterReset()
    {
        final DecoderHarness harness = harness().feed(frame(FIN_TEXT, bytes(0xC0)));
        assertFailed(harness, CloseCode.INVALID_PAYLOAD);

        harness.decoder().reset();

        assertEquals(DecoderState.FRAME_START, harness.decoder().state());
        assertEquals(0, harness.decoder().failureCode());
        assertNull(harness.decoder().failureReason());
        harness.feed(FrameDecoderRfcExamplesTest.UNMASKED_HELLO);
        assertEquals(List.of(FrameEvent.text("Hello")), harness.events());
        assertOpen(harness);
    }

    @Test
    void shouldForgetAnOpenMessageOnReset()
    {
        final DecoderHarness harness = harness().feed(frame(Opcode.TEXT, bytes('a', 0xE2)));

        harness.decoder().reset();

        assertFalse(harness.decoder().isMessageOpen());
        harness.feed(TestFrames.text("fresh"));
        assertEquals(List.of(FrameEvent.text("fresh")), harness.events());
        harness.feed(frame(FIN_CONTINUATION, bytes(0x82, 0xAC)));
        assertFailed(harness, CloseCode.PROTOCOL_ERROR);
    }

    @Test
    void shouldForgetAStreamedFrameOnReset()
    {
        final DecoderHarness harness = harness();
        final byte[] big = frame(FIN_BINARY, new byte[5000]);
        harness.feed(big, 0, 3000);
        assertEquals(DecoderState.STREAMING_PAYLOAD, harness.decoder().state());

        harness.decoder().reset();

        assertEquals(DecoderState.FRAME_START, harness.decoder().state());
        harness.feed(TestFrames.binary(bytes(7, 8, 9)));
        assertEquals(List.of(FrameEvent.binary(bytes(7, 8, 9))), harness.events());
    }

    @Test
    void shouldStreamAFrameAtTheLargestPermittedLimitWithoutOverflow()
    {
        final int limit = Integer.MAX_VALUE - 8;
        final FrameDecoder decoder = new FrameDecoder(limit, limit, CAPACITY, MAX_FRAGMENTS);
        final DecoderHarness harness = new DecoderHarness(decoder, CAPACITY);

        harness.feed(concat(header(FIN_BINARY, limit, LENGTH_64), new byte[100]));

        assertEquals(List.of(), harness.events(), "the frame is far from complete");
        assertEquals(DecoderState.STREAMING_PAYLOAD, decoder.state());
        assertEquals(0, harness.unconsumed());
    }
}
