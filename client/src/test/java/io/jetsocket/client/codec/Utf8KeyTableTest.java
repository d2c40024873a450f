/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.codec;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class Utf8KeyTableTest
{
    @Test
    void shouldLookUpByBytesAndByNameThroughGrowthAndRemoval()
    {
        final Utf8KeyTable<String> table = new Utf8KeyTable<>();
        for (int i = 0; i < 500; i++)
        {
            table.put("sym" + i + "@trade", "v" + i);
        }
        for (int i = 0; i < 500; i += 2)
        {
            table.remove("sym" + i + "@trade");
        }
        table.put("sym1@trade", "replaced");
        table.put("Ünïcødé", "u");
        assertEquals(251, table.size());
        for (int i = 0; i < 500; i++)
        {
            final String channel = "sym" + i + "@trade";
            final String expected = 0 == i % 2 ? null : 1 == i ? "replaced" : "v" + i;
            assertEquals(expected, byBytes(table, channel), channel);
            assertEquals(expected, table.get(channel), channel);
        }
        assertEquals("u", byBytes(table, "Ünïcødé"));
        assertNull(byBytes(table, "sym1@trad"));
        assertNull(byBytes(table, ""));
    }

    private static String byBytes(final Utf8KeyTable<String> table, final String channel)
    {
        final byte[] bytes = ("--" + channel + "--").getBytes(StandardCharsets.UTF_8);
        return table.get(new UnsafeBuffer(bytes), 2, bytes.length - 4);
    }
}
