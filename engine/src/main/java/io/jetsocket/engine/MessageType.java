/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

/**
 * The kind of a data message.
 */
public enum MessageType
{
    /** UTF-8 text; the engine has validated the encoding. */
    TEXT,
    /** Arbitrary bytes. */
    BINARY
}
