/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import io.jetsocket.engine.handshake.WebSocketUri;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Client {@link SSLEngine}s for {@code wss://}: hostname verification and SNI on, TLS 1.2+ unless the application
 * brought its own {@link SSLContext} (then used as given).
 */
final class TlsEngines
{
    private static final String[] MODERN_TLS = {"TLSv1.3", "TLSv1.2"};

    private TlsEngines()
    {
    }

    static SSLEngine newClientEngine(final ConnectRequest request) throws SSLException
    {
        final WebSocketUri uri = request.uri();
        final SSLContext sslContext;
        try
        {
            sslContext = null == request.sslContext() ? SSLContext.getDefault() : request.sslContext();
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new SSLException("no default SSLContext", ex);
        }
        // Host and port let the JDK resume a cached session of the same context on reconnect.
        final SSLEngine sslEngine = sslContext.createSSLEngine(uri.host(), uri.port());
        sslEngine.setUseClientMode(true);
        final SSLParameters parameters = sslEngine.getSSLParameters();
        if (request.hostnameVerification())
        {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!WebSocketUri.isIpLiteral(uri.host()))
        {
            try
            {
                parameters.setServerNames(List.of(new SNIHostName(uri.host())));
            }
            catch (final IllegalArgumentException ignore)
            {
                // not a name SNI can carry (RFC 6066 §3): the handshake goes without it
            }
        }
        if (null == request.sslContext())
        {
            parameters.setProtocols(modernProtocols(sslEngine.getSupportedProtocols()));
        }
        sslEngine.setSSLParameters(parameters);
        return sslEngine;
    }

    private static String[] modernProtocols(final String[] supported)
    {
        final List<String> protocols = new ArrayList<>(MODERN_TLS.length);
        for (final String protocol : MODERN_TLS)
        {
            for (final String candidate : supported)
            {
                if (candidate.equals(protocol))
                {
                    protocols.add(protocol);
                }
            }
        }
        return protocols.toArray(new String[0]);
    }
}
