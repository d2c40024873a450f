/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.frame;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class CloseCodeTest
{
    @Test
    void shouldAllowOnTheWireExactlyTheDefinedAndPrivateUseCodes()
    {
        for (int code = 0; code <= 0xFFFF; code++)
        {
            // RFC 6455 §7.4.1 and the IANA registry: 1000-1003 and 1007-1014 defined; 1004-1006 and 1015 must not be
            // sent; 3000-3999 registered by libraries, 4000-4999 private use; everything else unassigned or invalid.
            final boolean expected = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) ||
                (code >= 3000 && code <= 4999);
            assertEquals(expected, CloseCode.isValidOnWire(code), "code " + code);
        }
    }

    @Test
    void shouldRejectNegativeAndOversizedCodes()
    {
        assertFalse(CloseCode.isValidOnWire(-1000));
        assertFalse(CloseCode.isValidOnWire(0x10000 + 1000));
    }
}
