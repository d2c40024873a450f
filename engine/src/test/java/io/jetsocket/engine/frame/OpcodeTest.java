/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.frame;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OpcodeTest
{
    @Test
    void shouldClassifyAllSixteenOpcodes()
    {
        for (int opcode = 0; opcode < 16; opcode++)
        {
            final boolean defined = opcode == 0 || opcode == 1 || opcode == 2 || opcode == 8 || opcode == 9 ||
                opcode == 10;
            assertEquals(defined, Opcode.isDefined(opcode), "defined " + opcode);
            assertEquals(opcode >= 8, Opcode.isControl(opcode), "control " + opcode);
        }
    }

    @Test
    void shouldHaveTheRfcBitLayout()
    {
        assertEquals(0x70, Opcode.RSV_BITS);
        assertEquals(0xFF, Opcode.FIN_BIT | Opcode.RSV_BITS | Opcode.OPCODE_MASK);
        assertEquals(0, Opcode.FIN_BIT & Opcode.RSV_BITS);
        assertEquals(0, Opcode.RSV_BITS & Opcode.OPCODE_MASK);
    }
}
