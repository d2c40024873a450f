/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.testing;

import java.io.ByteArrayOutputStream;
import java.util.zip.Deflater;

/**
 * Whole deflate streams for tests, as a peer that compresses each message on its own writes them.
 */
public final class Deflation
{
    private Deflation()
    {
    }

    /**
     * Compress with a fresh deflater and finish the stream (its last block has BFINAL set).
     *
     * @param data the bytes to compress.
     * @param raw  true for raw deflate (RFC 1951, as permessage-deflate and "deflate" payloads), false for zlib
     *             (RFC 1950).
     * @return the compressed bytes.
     */
    public static byte[] finished(final byte[] data, final boolean raw)
    {
        final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
        try
        {
            deflater.setInput(data);
            deflater.finish();
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            final byte[] chunk = new byte[8192];
            while (!deflater.finished())
            {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
            return out.toByteArray();
        }
        finally
        {
            deflater.end();
        }
    }
}
