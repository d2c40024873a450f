/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.frame;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaskKeySourceTest
{
    @Test
    void shouldReturnKeyBytesInWireOrder()
    {
        final MaskKeySource source = new MaskKeySource(ScriptedSecureRandom.cycling(TestFrames.bytes(
            0x37, 0xfa, 0x21, 0x3d, 0x01, 0x02, 0x03, 0x04, 0xff, 0x80, 0x7f, 0x00)));

        assertEquals(0x37fa213d, source.nextKey());
        assertEquals(0x01020304, source.nextKey());
        assertEquals(0xff807f00, source.nextKey());
        assertEquals(0x37fa213d, source.nextKey());
    }

    @Test
    void shouldDrawFromTheEntropySourceOncePerBlockOfKeys()
    {
        final ScriptedSecureRandom random = ScriptedSecureRandom.seeded(42);
        final MaskKeySource source = new MaskKeySource(random);

        assertEquals(0, random.refills());
        source.nextKey();
        assertEquals(1, random.refills());
        for (int i = 1; i < MaskKeySource.KEYS_PER_REFILL; i++)
        {
            source.nextKey();
        }
        assertEquals(1, random.refills());
        source.nextKey();
        assertEquals(2, random.refills());
    }

    @Test
    void shouldReturnEveryKeyOfTheBlockOnce()
    {
        final ScriptedSecureRandom expectedBytes = ScriptedSecureRandom.seeded(7);
        final byte[] block = new byte[MaskKeySource.KEYS_PER_REFILL * 4 * 2];
        final byte[] firstBlock = new byte[MaskKeySource.KEYS_PER_REFILL * 4];
        final byte[] secondBlock = new byte[MaskKeySource.KEYS_PER_REFILL * 4];
        expectedBytes.nextBytes(firstBlock);
        expectedBytes.nextBytes(secondBlock);
        System.arraycopy(firstBlock, 0, block, 0, firstBlock.length);
        System.arraycopy(secondBlock, 0, block, firstBlock.length, secondBlock.length);

        final MaskKeySource source = new MaskKeySource(ScriptedSecureRandom.seeded(7));
        for (int i = 0; i < 2 * MaskKeySource.KEYS_PER_REFILL; i++)
        {
            final int expected = ((block[4 * i] & 0xFF) << 24) | ((block[4 * i + 1] & 0xFF) << 16) |
                ((block[4 * i + 2] & 0xFF) << 8) | (block[4 * i + 3] & 0xFF);
            assertEquals(expected, source.nextKey(), "key " + i);
        }
    }

    @Test
    void shouldProduceVaryingKeysFromTheDefaultSource()
    {
        try (MaskKeySource source = new MaskKeySource())
        {
            assertMostlyDistinct(source);
        }
    }

    @Test
    void shouldKeepProducingVaryingKeysAfterClose()
    {
        final MaskKeySource source = new MaskKeySource();
        source.nextKey();
        source.close();

        assertMostlyDistinct(source);
        source.close();
    }

    private static void assertMostlyDistinct(final MaskKeySource source)
    {
        final Set<Integer> keys = new HashSet<>();
        for (int i = 0; i < 4096; i++)
        {
            keys.add(source.nextKey());
        }
        // 4096 draws from 2^32 keys: a handful of collisions at most, unless the source is broken.
        assertTrue(keys.size() > 4000, "only " + keys.size() + " distinct keys");
    }
}
