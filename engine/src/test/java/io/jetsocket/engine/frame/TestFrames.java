/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.frame;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Builds UNMASKED server-to-client frames for decoder tests, in any header form: the minimal one, or a
 * deliberately non-minimal 16-bit or 64-bit length encoding. {@link FrameEncoder} cannot be used for this, since
 * it always masks (client frames) and the decoder rejects masked frames.
 */
public final class TestFrames
{
    /** The shortest length encoding for the payload. */
    static final int MINIMAL = 0;
    /** The 7-bit length form (only for payloads up to 125 bytes). */
    static final int LENGTH_7 = 1;
    /** The 16-bit length form (126 marker), even for short payloads. */
    static final int LENGTH_16 = 2;
    /** The 64-bit length form (127 marker), even for short payloads. */
    static final int LENGTH_64 = 3;

    static final int FIN_TEXT = Opcode.FIN_BIT | Opcode.TEXT;
    static final int FIN_BINARY = Opcode.FIN_BIT | Opcode.BINARY;
    static final int FIN_CONTINUATION = Opcode.FIN_BIT | Opcode.CONTINUATION;
    static final int FIN_PING = Opcode.FIN_BIT | Opcode.PING;
    static final int FIN_PONG = Opcode.FIN_BIT | Opcode.PONG;
    static final int FIN_CLOSE = Opcode.FIN_BIT | Opcode.CLOSE;

    private TestFrames()
    {
    }

    /**
     * An unmasked frame with the minimal header.
     *
     * @param firstByte FIN, RSV and opcode bits.
     * @param payload   of the frame.
     * @return header and payload.
     */
    public static byte[] frame(final int firstByte, final byte[] payload)
    {
        return frame(firstByte, payload, MINIMAL);
    }

    /**
     * An unmasked frame with the given length form.
     */
    static byte[] frame(final int firstByte, final byte[] payload, final int lengthForm)
    {
        return concat(header(firstByte, payload.length, lengthForm), payload);
    }

    /**
     * Only the header of an unmasked frame: second byte without the MASK bit, then the extended length.
     */
    static byte[] header(final int firstByte, final long payloadLength, final int lengthForm)
    {
        final int form = MINIMAL != lengthForm ? lengthForm :
            payloadLength <= 125 ? LENGTH_7 : payloadLength <= 0xFFFF ? LENGTH_16 : LENGTH_64;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        if (LENGTH_7 == form)
        {
            if (payloadLength > 125)
            {
                throw new IllegalArgumentException("7-bit form holds at most 125: " + payloadLength);
            }
            out.write((int)payloadLength);
        }
        else if (LENGTH_16 == form)
        {
            out.write(126);
            out.write((int)(payloadLength >>> 8) & 0xFF);
            out.write((int)payloadLength & 0xFF);
        }
        else
        {
            out.write(127);
            for (int shift = 56; shift >= 0; shift -= 8)
            {
                out.write((int)(payloadLength >>> shift) & 0xFF);
            }
        }
        return out.toByteArray();
    }

    /**
     * A frame with a random length form that can hold the payload.
     */
    static byte[] frameWithRandomHeader(final int firstByte, final byte[] payload, final Random random)
    {
        final int form;
        if (Opcode.isControl(firstByte & Opcode.OPCODE_MASK))
        {
            form = LENGTH_7; // control frames must use the 7-bit form
        }
        else
        {
            final int pick = random.nextInt(4);
            if (0 == pick || (1 == pick && payload.length > 0xFFFF) || (3 == pick && payload.length > 125))
            {
                form = MINIMAL;
            }
            else
            {
                form = 1 == pick ? LENGTH_16 : 2 == pick ? LENGTH_64 : LENGTH_7;
            }
        }
        return frame(firstByte, payload, form);
    }

    static byte[] text(final String text)
    {
        return frame(FIN_TEXT, utf8(text));
    }

    static byte[] binary(final byte[] payload)
    {
        return frame(FIN_BINARY, payload);
    }

    static byte[] ping(final String payload)
    {
        return frame(FIN_PING, utf8(payload));
    }

    static byte[] pong(final String payload)
    {
        return frame(FIN_PONG, utf8(payload));
    }

    static byte[] close(final int code, final String reason)
    {
        return frame(FIN_CLOSE, closePayload(code, utf8(reason)));
    }

    static byte[] closePayload(final int code, final byte[] reason)
    {
        return concat(bytes(code >>> 8, code & 0xFF), reason);
    }

    /**
     * The parts one after the other.
     *
     * @param parts to join.
     * @return the joined bytes.
     */
    public static byte[] concat(final byte[]... parts)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final byte[] part : parts)
        {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] bytes(final int... values)
    {
        final byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++)
        {
            bytes[i] = (byte)values[i];
        }
        return bytes;
    }

    static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] randomBytes(final Random random, final int length)
    {
        final byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /**
     * Valid UTF-8 of about {@code length} bytes (at most 3 more), mixing 1- to 4-byte characters.
     */
    static byte[] randomUtf8(final Random random, final int length)
    {
        final StringBuilder text = new StringBuilder(length);
        int encodedLength = 0;
        while (encodedLength < length)
        {
            final int kind = random.nextInt(8);
            final int codePoint;
            if (kind < 4)
            {
                codePoint = random.nextInt(0x80);
            }
            else if (kind < 5)
            {
                codePoint = 0x80 + random.nextInt(0x800 - 0x80);
            }
            else if (kind < 7)
            {
                final int candidate = 0x800 + random.nextInt(0x10000 - 0x800);
                codePoint = Character.isSurrogate((char)candidate) ? 0xFFFD : candidate;
            }
            else
            {
                codePoint = 0x10000 + random.nextInt(0x110000 - 0x10000);
            }
            text.appendCodePoint(codePoint);
            encodedLength += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
        }
        return utf8(text.toString());
    }

    static String hex(final byte[] bytes)
    {
        final StringBuilder out = new StringBuilder(bytes.length * 3);
        for (final byte b : bytes)
        {
            if (out.length() > 0)
            {
                out.append(' ');
            }
            out.append(String.format("%02x", b & 0xFF));
        }
        return out.toString();
    }
}
