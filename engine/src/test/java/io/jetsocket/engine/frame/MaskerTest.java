/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.frame;

import java.nio.ByteBuffer;
import java.util.Random;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static io.jetsocket.engine.frame.TestFrames.bytes;
import static io.jetsocket.engine.frame.TestFrames.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class MaskerTest
{
    private static final int RFC_KEY = 0x37fa213d;
    private static final int MAX_LENGTH = 64;
    private static final int ROOM = 2 * MAX_LENGTH + 32;
    private static final int[] SPECIAL_KEYS = {0, -1, RFC_KEY, 0x01020304, 0x80000001, 0x000000ff, 0xff000000};

    /**
     * RFC 6455 §5.3, one byte at a time: octet i is XOR-ed with octet i MOD 4 of the key.
     */
    static byte[] referenceMask(final byte[] payload, final int key)
    {
        final byte[] keyBytes = {(byte)(key >>> 24), (byte)(key >>> 16), (byte)(key >>> 8), (byte)key};
        final byte[] masked = new byte[payload.length];
        for (int i = 0; i < payload.length; i++)
        {
            masked[i] = (byte)(payload[i] ^ keyBytes[i % 4]);
        }
        return masked;
    }

    @Test
    void shouldMaskTheRfcHelloExample()
    {
        final UnsafeBuffer dst = new UnsafeBuffer(new byte[5]);

        Masker.maskCopy(utf8("Hello"), 0, dst, 0, 5, RFC_KEY);

        assertArrayEquals(bytes(0x7f, 0x9f, 0x4d, 0x51, 0x58), dst.byteArray());
    }

    @Test
    void shouldMatchReferenceWhenCopyingFromDirectBufferForAllLengthsAndOffsets()
    {
        final Random random = new Random(0x3A5C);
        for (int length = 0; length <= MAX_LENGTH; length++)
        {
            for (int trial = 0; trial < 40; trial++)
            {
                final int key = key(random, trial);
                final byte[] payload = TestFrames.randomBytes(random, length);
                final int srcOffset = random.nextInt(17);
                final int dstOffset = random.nextInt(17);
                final MutableDirectBuffer src = newBuffer(random, trial);
                final MutableDirectBuffer dst = newBuffer(random, trial + 1);
                fillGarbage(src, random);
                final byte[] before = fillGarbage(dst, random);
                src.putBytes(srcOffset, payload);

                Masker.maskCopy(src, srcOffset, dst, dstOffset, length, key);

                assertMasked(before, dst, dstOffset, payload, key, "length " + length + " key " + key);
            }
        }
    }

    @Test
    void shouldMatchReferenceWhenCopyingFromByteArrayForAllLengthsAndOffsets()
    {
        final Random random = new Random(0x3A5D);
        for (int length = 0; length <= MAX_LENGTH; length++)
        {
            for (int trial = 0; trial < 40; trial++)
            {
                final int key = key(random, trial);
                final byte[] payload = TestFrames.randomBytes(random, length);
                final int srcOffset = random.nextInt(17);
                final int dstOffset = random.nextInt(17);
                final byte[] src = TestFrames.randomBytes(random, ROOM);
                System.arraycopy(payload, 0, src, srcOffset, length);
                final byte[] srcBefore = src.clone();
                final MutableDirectBuffer dst = newBuffer(random, trial);
                final byte[] before = fillGarbage(dst, random);

                Masker.maskCopy(src, srcOffset, dst, dstOffset, length, key);

                assertMasked(before, dst, dstOffset, payload, key, "length " + length + " key " + key);
                assertArrayEquals(srcBefore, src, "source array must not change");
            }
        }
    }

    @Test
    void shouldMatchReferenceWhenMaskingInPlaceForAllLengthsAndOffsets()
    {
        final Random random = new Random(0x3A5E);
        for (int length = 0; length <= MAX_LENGTH; length++)
        {
            for (int trial = 0; trial < 40; trial++)
            {
                final int key = key(random, trial);
                final byte[] payload = TestFrames.randomBytes(random, length);
                final int offset = random.nextInt(17);
                final MutableDirectBuffer buffer = newBuffer(random, trial);
                fillGarbage(buffer, random);
                buffer.putBytes(offset, payload);
                final byte[] before = contents(buffer);

                Masker.maskCopy(buffer, offset, buffer, offset, length, key);

                assertMasked(before, buffer, offset, payload, key, "length " + length + " key " + key);
            }
        }
    }

    @Test
    void shouldRestoreThePayloadWhenMaskedTwice()
    {
        final Random random = new Random(0x3A5F);
        for (int length = 0; length <= MAX_LENGTH; length++)
        {
            final int key = random.nextInt();
            final byte[] payload = TestFrames.randomBytes(random, length);
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[length + 3]);
            buffer.putBytes(3, payload);

            Masker.maskCopy(buffer, 3, buffer, 3, length, key);
            Masker.maskCopy(buffer, 3, buffer, 3, length, key);

            final byte[] result = new byte[length];
            buffer.getBytes(3, result);
            assertArrayEquals(payload, result, "length " + length);
        }
    }

    @Test
    void shouldMaskLongPayloads()
    {
        final Random random = new Random(0x3A60);
        for (final int length : new int[]{65, 127, 1000, 4099, 65536 + 5})
        {
            final int key = random.nextInt();
            final byte[] payload = TestFrames.randomBytes(random, length);
            final UnsafeBuffer dst = new UnsafeBuffer(new byte[length + 1]);

            Masker.maskCopy(payload, 0, dst, 1, length, key);

            final byte[] masked = new byte[length];
            dst.getBytes(1, masked);
            assertArrayEquals(referenceMask(payload, key), masked, "length " + length);
        }
    }

    private static int key(final Random random, final int trial)
    {
        return trial < SPECIAL_KEYS.length ? SPECIAL_KEYS[trial] : random.nextInt();
    }

    /**
     * Heap array, direct memory and expandable buffers, so both the array and the off-heap access paths run.
     */
    private static MutableDirectBuffer newBuffer(final Random random, final int trial)
    {
        switch (Math.floorMod(trial + random.nextInt(3), 3))
        {
            case 0:
                return new UnsafeBuffer(new byte[ROOM]);
            case 1:
                return new UnsafeBuffer(ByteBuffer.allocateDirect(ROOM));
            default:
                return new ExpandableArrayBuffer(ROOM);
        }
    }

    private static byte[] fillGarbage(final MutableDirectBuffer buffer, final Random random)
    {
        final byte[] garbage = TestFrames.randomBytes(random, buffer.capacity());
        buffer.putBytes(0, garbage);
        return garbage;
    }

    private static byte[] contents(final DirectBuffer buffer)
    {
        final byte[] bytes = new byte[buffer.capacity()];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    private static void assertMasked(
        final byte[] before,
        final DirectBuffer dst,
        final int dstOffset,
        final byte[] payload,
        final int key,
        final String message)
    {
        final byte[] expected = before.clone();
        System.arraycopy(referenceMask(payload, key), 0, expected, dstOffset, payload.length);
        assertArrayEquals(expected, contents(dst), message + " (including bytes around the destination)");
    }
}
