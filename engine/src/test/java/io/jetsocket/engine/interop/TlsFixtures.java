/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.interop;

import javax.net.ssl.SSLContext;

/**
 * The test PKI's contexts for tests outside this package.
 */
public final class TlsFixtures
{
    private TlsFixtures()
    {
    }

    /**
     * A server context presenting a certificate for 127.0.0.1 and localhost from the test CA.
     *
     * @return the context.
     */
    public static SSLContext serverContext()
    {
        return TestPki.get().localhost.serverContext();
    }

    /**
     * A client context trusting the test CA only.
     *
     * @return the context.
     */
    public static SSLContext clientContext()
    {
        return TestPki.get().clientContext();
    }
}
