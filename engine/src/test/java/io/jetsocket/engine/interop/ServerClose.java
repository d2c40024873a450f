/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.interop;

/**
 * What a server saw when one of its connections closed: the close code and reason it received from us.
 *
 * @param code   close code the server received (1005 when the close frame had none, 1006 when none came).
 * @param reason close reason the server received.
 */
record ServerClose(int code, String reason)
{
}
