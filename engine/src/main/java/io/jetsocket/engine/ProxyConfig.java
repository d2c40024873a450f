/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import java.nio.charset.StandardCharsets;

/**
 * A proxy to reach the WebSocket server through: HTTP {@code CONNECT} (RFC 9110 §9.3.6, with optional Basic
 * credentials) or SOCKS5 (RFC 1928, with optional username/password authentication, RFC 1929). The engine drives
 * the proxy's handshake on its selector loop before TLS and the WebSocket handshake; the proxy resolves the target
 * host name (SOCKS5 sends it as a domain name), and for {@code wss://} TLS verifies the target, not the proxy.
 * Immutable.
 */
public final class ProxyConfig
{
    /**
     * The proxy protocol.
     */
    public enum Type
    {
        /** HTTP CONNECT tunnel. */
        HTTP,
        /** SOCKS version 5. */
        SOCKS5
    }

    private final Type type;
    private final String host;
    private final int port;
    private final String username;
    private final String password;

    private ProxyConfig(final Type type, final String host, final int port, final String username,
        final String password)
    {
        this.type = type;
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
    }

    /**
     * An HTTP proxy that tunnels with CONNECT.
     *
     * @param host of the proxy (name or IP literal).
     * @param port of the proxy.
     * @return the proxy.
     */
    public static ProxyConfig http(final String host, final int port)
    {
        return new ProxyConfig(Type.HTTP, checkHost(host), checkPort(port), null, null);
    }

    /**
     * A SOCKS5 proxy.
     *
     * @param host of the proxy (name or IP literal).
     * @param port of the proxy.
     * @return the proxy.
     */
    public static ProxyConfig socks5(final String host, final int port)
    {
        return new ProxyConfig(Type.SOCKS5, checkHost(host), checkPort(port), null, null);
    }

    /**
     * The same proxy with credentials: Basic {@code Proxy-Authorization} for HTTP, username/password
     * authentication for SOCKS5.
     *
     * @param username the user name (no CR, LF or NUL; for HTTP no ':'; for SOCKS5 1..255 UTF-8 bytes).
     * @param password the password (no CR, LF or NUL; for SOCKS5 at most 255 UTF-8 bytes).
     * @return a new configuration.
     */
    public ProxyConfig credentials(final String username, final String password)
    {
        if (null == username || null == password)
        {
            throw new IllegalArgumentException("proxy username and password must not be null");
        }
        checkNoControl("proxy username", username);
        checkNoControl("proxy password", password);
        if (Type.HTTP == type && username.indexOf(':') >= 0)
        {
            throw new IllegalArgumentException("HTTP proxy username must not contain ':'");
        }
        if (Type.SOCKS5 == type)
        {
            final int userLength = username.getBytes(StandardCharsets.UTF_8).length;
            final int passwordLength = password.getBytes(StandardCharsets.UTF_8).length;
            if (userLength < 1 || userLength > 255 || passwordLength > 255)
            {
                throw new IllegalArgumentException("SOCKS5 username must have 1..255 and password 0..255 UTF-8 bytes");
            }
        }
        return new ProxyConfig(type, host, port, username, password);
    }

    /**
     * The proxy protocol.
     *
     * @return HTTP or SOCKS5.
     */
    public Type type()
    {
        return type;
    }

    /**
     * The proxy host.
     *
     * @return name or IP literal.
     */
    public String host()
    {
        return host;
    }

    /**
     * The proxy port.
     *
     * @return 1..65535.
     */
    public int port()
    {
        return port;
    }

    /**
     * The user name, if credentials were given.
     *
     * @return the user name, or null.
     */
    public String username()
    {
        return username;
    }

    /**
     * The password, if credentials were given.
     *
     * @return the password, or null.
     */
    public String password()
    {
        return password;
    }

    @Override
    public String toString()
    {
        return "ProxyConfig{" + type + " " + host + ":" + port + (null == username ? "" : ", user " + username) + "}";
    }

    private static String checkHost(final String host)
    {
        if (null == host || host.isEmpty())
        {
            throw new IllegalArgumentException("proxy host must not be empty");
        }
        checkNoControl("proxy host", host);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static int checkPort(final int port)
    {
        if (port < 1 || port > 65535)
        {
            throw new IllegalArgumentException("proxy port must be 1..65535: " + port);
        }
        return port;
    }

    private static void checkNoControl(final String what, final String value)
    {
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c < 0x20 || 0x7F == c)
            {
                throw new IllegalArgumentException(what + " must not contain control characters (CR, LF, NUL...)");
            }
        }
    }
}
