/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import io.jetsocket.engine.deflate.MessageDeflater;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.zip.Deflater;

/**
 * Compression ratio of what the client sends when the server limits its window ({@code client_max_window_bits}
 * below 15), for each way of keeping the JDK deflater's back-references inside the window, on market-data JSON
 * ({@link FeedMessages#json(int, long)}, consecutive sequence numbers, level 6). The ratio is bytes on the wire
 * (payload only) over bytes of the messages; a message whose compressed form is not shorter counts uncompressed,
 * as the engine sends it so.
 * <p>
 * Columns: {@code full} the JDK deflater's own 32 KiB window with context takeover (what a 15-bit window gets, not
 * allowed below it); {@code engine} {@link MessageDeflater} with the window (a preset dictionary of the last
 * window-minus-length bytes for a message that fits, Huffman-only above); {@code reset+raw} a reset deflater for a
 * message that fits, uncompressed above; {@code reset+huff} a reset deflater, Huffman-only above; {@code huff}
 * Huffman-only for every message. Uncompressed is 1.000.
 * <p>
 * Run: {@code java -cp perf/target/jetsocket-perf-*-benchmarks.jar io.jetsocket.perf.load.DeflateWindowRatio}
 * (or with the engine and perf classes on the class path); arguments: message count (default 2000).
 */
public final class DeflateWindowRatio
{
    private static final int[] SIZES = {64, 200, 512, 1000, 4096, 16_384, 65_536};
    private static final int[] WINDOW_BITS = {8, 9, 12};
    private static final int FULL_WINDOW_BITS = 15;

    private DeflateWindowRatio()
    {
    }

    /**
     * Print the table.
     *
     * @param args optional message count per row.
     */
    public static void main(final String[] args)
    {
        final int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        System.out.println("client window, message bytes, full, engine, reset+raw, reset+huff, huff");
        for (final int bits : WINDOW_BITS)
        {
            for (final int size : SIZES)
            {
                final byte[][] messages = new byte[count][];
                for (int i = 0; i < count; i++)
                {
                    messages[i] = FeedMessages.json(size, i);
                }
                System.out.printf("%d bits, %6d B, %.3f, %.3f, %.3f, %.3f, %.3f%n", bits, size,
                    engine(messages, FULL_WINDOW_BITS),
                    engine(messages, bits),
                    resetOr(messages, bits, false),
                    resetOr(messages, bits, true),
                    huffmanOnly(messages));
            }
        }
    }

    private static double engine(final byte[][] messages, final int bits)
    {
        long wire = 0;
        long total = 0;
        final ExpandableArrayBuffer out = new ExpandableArrayBuffer(1 << 16);
        try (MessageDeflater deflater = new MessageDeflater(Deflater.DEFAULT_COMPRESSION, false, bits))
        {
            for (final byte[] message : messages)
            {
                final int length = deflater.deflate(new UnsafeBuffer(message), 0, message.length, out, 0);
                if (length >= message.length)
                {
                    deflater.resetContext();
                }
                wire += Math.min(length, message.length);
                total += message.length;
            }
        }
        return (double)wire / total;
    }

    private static double resetOr(final byte[][] messages, final int bits, final boolean huffmanAbove)
    {
        final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        final Deflater huffman = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        huffman.setStrategy(Deflater.HUFFMAN_ONLY);
        final byte[] out = new byte[1 << 18];
        long wire = 0;
        long total = 0;
        for (final byte[] message : messages)
        {
            final int length;
            if (message.length <= 1 << bits)
            {
                deflater.reset();
                length = deflate(deflater, message, out);
            }
            else
            {
                length = huffmanAbove ? deflate(huffman, message, out) : message.length;
            }
            wire += Math.min(length, message.length);
            total += message.length;
        }
        deflater.end();
        huffman.end();
        return (double)wire / total;
    }

    private static double huffmanOnly(final byte[][] messages)
    {
        final Deflater huffman = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        huffman.setStrategy(Deflater.HUFFMAN_ONLY);
        final byte[] out = new byte[1 << 18];
        long wire = 0;
        long total = 0;
        for (final byte[] message : messages)
        {
            wire += Math.min(deflate(huffman, message, out), message.length);
            total += message.length;
        }
        huffman.end();
        return (double)wire / total;
    }

    /** One message with a sync flush, without the 4-byte tail RFC 7692 strips. */
    private static int deflate(final Deflater deflater, final byte[] message, final byte[] out)
    {
        deflater.setInput(message);
        int produced = 0;
        while (true)
        {
            final int room = out.length - produced;
            final int n = deflater.deflate(out, produced, room, Deflater.SYNC_FLUSH);
            produced += n;
            if (n < room && deflater.needsInput())
            {
                return produced - 4;
            }
        }
    }
}
