/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.feed;

import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Test fixtures of the feed package: messages of the text form {@code stream:seq} (or {@code stream:first-last},
 * an update-id range), and the extractor that reads them without allocating; a message without a colon carries no
 * sequence.
 */
final class FeedFixtures
{
    /** Reads {@code stream:seq} and {@code stream:first-last}; the stream name may be empty. */
    static final SequenceExtractor STREAM_COLON_SEQ = FeedFixtures::extract;

    private FeedFixtures()
    {
    }

    /**
     * A message's bytes in a buffer of their own.
     *
     * @param text e.g. {@code "s1:42"}.
     * @return a buffer holding exactly the text.
     */
    static UnsafeBuffer message(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean extract(
        final MessageType type,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final SequenceFields fields)
    {
        final int end = offset + length;
        int colon = -1;
        for (int i = offset; i < end; i++)
        {
            if (':' == buffer.getByte(i))
            {
                colon = i;
                break;
            }
        }
        if (colon < 0 || colon + 1 == end)
        {
            return false;
        }
        fields.stream(buffer, offset, colon - offset);
        long first = 0;
        long value = 0;
        boolean range = false;
        for (int i = colon + 1; i < end; i++)
        {
            final byte b = buffer.getByte(i);
            if ('-' == b && !range)
            {
                range = true;
                first = value;
                value = 0;
            }
            else if (b >= '0' && b <= '9')
            {
                value = value * 10 + (b - '0');
            }
            else
            {
                return false;
            }
        }
        if (range)
        {
            fields.range(first, value);
        }
        else
        {
            fields.sequence(value);
        }
        return true;
    }
}
