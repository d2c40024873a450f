/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.frame;

/**
 * RFC 6455 §5.2 opcodes and the bits of the first header byte, as int constants so that the
 * decoder can switch on them without boxing or lookups.
 */
public final class Opcode
{
    /** Continuation of a fragmented message. */
    public static final int CONTINUATION = 0x0;
    /** Text data frame: payload is UTF-8. */
    public static final int TEXT = 0x1;
    /** Binary data frame. */
    public static final int BINARY = 0x2;
    /** Connection close control frame. */
    public static final int CLOSE = 0x8;
    /** Ping control frame. */
    public static final int PING = 0x9;
    /** Pong control frame. */
    public static final int PONG = 0xA;

    /** FIN bit of the first header byte. */
    public static final int FIN_BIT = 0x80;
    /** RSV1 bit of the first header byte (permessage-deflate's "compressed" flag). */
    public static final int RSV1_BIT = 0x40;
    /** RSV2 bit of the first header byte. */
    public static final int RSV2_BIT = 0x20;
    /** RSV3 bit of the first header byte. */
    public static final int RSV3_BIT = 0x10;
    /** Mask of the three RSV bits. */
    public static final int RSV_BITS = RSV1_BIT | RSV2_BIT | RSV3_BIT;
    /** Mask of the opcode nibble. */
    public static final int OPCODE_MASK = 0x0F;
    /** MASK bit of the second header byte. */
    public static final int MASK_BIT = 0x80;

    /** Largest payload of a control frame (RFC 6455 §5.5). */
    public static final int MAX_CONTROL_PAYLOAD = 125;

    private Opcode()
    {
    }

    /**
     * Is the opcode a control opcode (close, ping, pong or a reserved control opcode)?
     *
     * @param opcode to test.
     * @return true when the high bit of the opcode nibble is set.
     */
    public static boolean isControl(final int opcode)
    {
        return (opcode & 0x8) != 0;
    }

    /**
     * Is the opcode one that RFC 6455 defines (as opposed to reserved 3-7 and 0xB-0xF)?
     *
     * @param opcode to test.
     * @return true for continuation, text, binary, close, ping and pong.
     */
    public static boolean isDefined(final int opcode)
    {
        return opcode <= BINARY || (opcode >= CLOSE && opcode <= PONG);
    }
}
