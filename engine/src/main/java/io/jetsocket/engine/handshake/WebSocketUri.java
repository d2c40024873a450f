/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.handshake;

import java.net.URI;
import java.util.Locale;

/**
 * A validated {@code ws://} or {@code wss://} URI (RFC 6455 §3), split into what the client needs to connect and to
 * write the request line and the Host header. Immutable.
 * <p>
 * Accepted: scheme {@code ws} or {@code wss} (any case), a host name (letters, digits, {@code -}, {@code .},
 * {@code _}) or a bracketed IPv6 literal, an optional port 1..65535, a path and a query made of RFC 3986 characters
 * (anything else must be percent-encoded). Refused with {@link IllegalArgumentException}: any other scheme, a
 * fragment, user-info, a missing host, an empty or out-of-range port, and any whitespace, control character
 * (CR, LF, NUL...) or non-ASCII character anywhere, so that nothing from the URI can inject bytes into the request.
 * <p>
 * Normalisation: scheme and host are lower-cased, the default port (80 for ws, 443 for wss) is dropped from
 * {@link #toString()} and {@link #hostHeader()}, an empty path becomes {@code /} and an empty query is dropped.
 */
public final class WebSocketUri
{
    /** Default port of the {@code ws} scheme. */
    public static final int DEFAULT_WS_PORT = 80;
    /** Default port of the {@code wss} scheme. */
    public static final int DEFAULT_WSS_PORT = 443;

    private static final String PCHAR_EXTRA = "-._~!$&'()*+,;=:@";

    private final boolean secure;
    private final String host;
    private final int port;
    private final String resource;
    private final String hostHeader;
    private final String normalised;

    private WebSocketUri(final boolean secure, final String host, final int port, final String resource)
    {
        this.secure = secure;
        this.host = host;
        this.port = port;
        this.resource = resource;

        final String hostPart = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        this.hostHeader = port == defaultPort(secure) ? hostPart : hostPart + ":" + port;
        this.normalised = (secure ? "wss://" : "ws://") + hostHeader + resource;
    }

    /**
     * Parse and validate a WebSocket URI.
     *
     * @param uri such as {@code wss://example.com/feed?x=1} or {@code ws://[::1]:9001/x}.
     * @return the validated URI.
     * @throws IllegalArgumentException naming the URI and what is wrong with it.
     */
    public static WebSocketUri parse(final String uri)
    {
        if (null == uri)
        {
            throw new IllegalArgumentException("WebSocket URI must not be null");
        }
        checkCharacters(uri);

        final int colon = uri.indexOf(':');
        if (colon <= 0)
        {
            throw invalid(uri, "missing scheme (expected ws:// or wss://)");
        }
        final String scheme = uri.substring(0, colon).toLowerCase(Locale.ROOT);
        final boolean secure;
        if ("ws".equals(scheme))
        {
            secure = false;
        }
        else if ("wss".equals(scheme))
        {
            secure = true;
        }
        else
        {
            throw invalid(uri, "unsupported scheme " + HttpSyntax.quote(uri.substring(0, colon)) +
                " (expected ws or wss)");
        }
        if (!uri.startsWith("//", colon + 1))
        {
            throw invalid(uri, "missing '//' and host after the scheme");
        }
        final int hash = uri.indexOf('#');
        if (hash >= 0)
        {
            throw invalid(uri, "fragment not allowed in a WebSocket URI (RFC 6455 §3)");
        }

        final int authorityStart = colon + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < uri.length() && uri.charAt(authorityEnd) != '/' && uri.charAt(authorityEnd) != '?')
        {
            authorityEnd++;
        }

        final String authority = uri.substring(authorityStart, authorityEnd);
        if (authority.indexOf('@') >= 0)
        {
            throw invalid(uri, "user-info not allowed in a WebSocket URI");
        }

        final int portSeparator;
        final String host;
        if (authority.startsWith("["))
        {
            final int close = authority.indexOf(']');
            if (close < 0)
            {
                throw invalid(uri, "unterminated IPv6 literal (missing ']')");
            }
            host = authority.substring(1, close).toLowerCase(Locale.ROOT);
            if (!isIpv6Literal(host))
            {
                throw invalid(uri, "invalid IPv6 literal " + HttpSyntax.quote(host));
            }
            if (close + 1 < authority.length() && authority.charAt(close + 1) != ':')
            {
                throw invalid(uri, "unexpected characters after IPv6 literal");
            }
            portSeparator = close + 1 < authority.length() ? close + 1 : -1;
        }
        else
        {
            portSeparator = authority.indexOf(':');
            host = (portSeparator < 0 ? authority : authority.substring(0, portSeparator)).toLowerCase(Locale.ROOT);
            checkHostName(uri, host);
        }

        final int port = portSeparator < 0 ?
            defaultPort(secure) : parsePort(uri, authority.substring(portSeparator + 1));

        final String resource = parseResource(uri, authorityEnd);

        return new WebSocketUri(secure, host, port, resource);
    }

    /**
     * Validate a {@link URI} as a WebSocket URI; same rules as {@link #parse(String)} applied to its string form.
     *
     * @param uri to validate.
     * @return the validated URI.
     * @throws IllegalArgumentException naming the URI and what is wrong with it.
     */
    public static WebSocketUri of(final URI uri)
    {
        if (null == uri)
        {
            throw new IllegalArgumentException("WebSocket URI must not be null");
        }
        return parse(uri.toString());
    }

    /**
     * Is the scheme {@code wss} (TLS)?
     *
     * @return true for wss, false for ws.
     */
    public boolean isSecure()
    {
        return secure;
    }

    /**
     * The host to resolve and connect to: a lower-cased host name, or an IPv6 literal without brackets.
     *
     * @return the host, suitable for {@link java.net.InetSocketAddress}.
     */
    public String host()
    {
        return host;
    }

    /**
     * The port to connect to: the explicit one, or 80 for ws and 443 for wss.
     *
     * @return the port, 1..65535.
     */
    public int port()
    {
        return port;
    }

    /**
     * The resource name sent on the request line: the path ({@code /} when empty) and, when not empty, {@code ?}
     * and the query.
     *
     * @return the resource name, e.g. {@code /feed?x=1}.
     */
    public String resource()
    {
        return resource;
    }

    /**
     * The value of the Host header: the host (in brackets when an IPv6 literal) followed by {@code :port} only when
     * the port is not the scheme's default.
     *
     * @return the Host header value.
     */
    public String hostHeader()
    {
        return hostHeader;
    }

    /**
     * The normalised URI, e.g. {@code wss://example.com/feed?x=1}.
     *
     * @return the normalised URI.
     */
    public String toString()
    {
        return normalised;
    }

    /**
     * {@inheritDoc}
     */
    public boolean equals(final Object other)
    {
        return this == other || (other instanceof WebSocketUri && normalised.equals(((WebSocketUri)other).normalised));
    }

    /**
     * {@inheritDoc}
     */
    public int hashCode()
    {
        return normalised.hashCode();
    }

    private static int defaultPort(final boolean secure)
    {
        return secure ? DEFAULT_WSS_PORT : DEFAULT_WS_PORT;
    }

    private static IllegalArgumentException invalid(final String uri, final String problem)
    {
        return new IllegalArgumentException("invalid WebSocket URI " + HttpSyntax.quote(uri) + ": " + problem);
    }

    private static void checkCharacters(final String uri)
    {
        for (int i = 0, length = uri.length(); i < length; i++)
        {
            final char c = uri.charAt(i);
            if (c <= 0x20 || c >= 0x7F)
            {
                final String kind;
                if (c == ' ' || c == '\t')
                {
                    kind = "whitespace";
                }
                else if (c < 0x20 || c == 0x7F)
                {
                    kind = "control character";
                }
                else
                {
                    kind = "non-ASCII character (percent-encode it)";
                }
                throw invalid(uri, kind + " " + HttpSyntax.describeChar(c) + " at index " + i);
            }
        }
    }

    private static void checkHostName(final String uri, final String host)
    {
        if (host.isEmpty())
        {
            throw invalid(uri, "missing host");
        }
        for (int i = 0, length = host.length(); i < length; i++)
        {
            final char c = host.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_'))
            {
                throw invalid(uri, "invalid character " + HttpSyntax.describeChar(c) + " in host");
            }
        }
    }

    private static int parsePort(final String uri, final String text)
    {
        if (text.isEmpty())
        {
            throw invalid(uri, "empty port");
        }
        if (text.length() > 5)
        {
            throw invalid(uri, "port " + HttpSyntax.quote(text) + " out of range 1..65535");
        }
        int port = 0;
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c < '0' || c > '9')
            {
                throw invalid(uri, "port " + HttpSyntax.quote(text) + " is not a number");
            }
            port = port * 10 + (c - '0');
        }
        if (port < 1 || port > 65535)
        {
            throw invalid(uri, "port " + port + " out of range 1..65535");
        }
        return port;
    }

    private static String parseResource(final String uri, final int start)
    {
        final int question = uri.indexOf('?', start);
        final int pathEnd = question < 0 ? uri.length() : question;
        for (int i = start; i < uri.length(); i++)
        {
            final char c = uri.charAt(i);
            if (c == '%')
            {
                if (i + 2 >= uri.length() || !isHexDigit(uri.charAt(i + 1)) || !isHexDigit(uri.charAt(i + 2)))
                {
                    throw invalid(uri, "malformed percent-encoding at index " + i);
                }
            }
            else if (!isPathChar(c) && c != '/' && c != '?')
            {
                throw invalid(uri, "character " + HttpSyntax.describeChar(c) + " at index " + i +
                    " must be percent-encoded");
            }
        }

        final String path = start == pathEnd ? "/" : uri.substring(start, pathEnd);
        final boolean hasQuery = question >= 0 && question + 1 < uri.length();
        return hasQuery ? path + uri.substring(question) : path;
    }

    private static boolean isPathChar(final char c)
    {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            PCHAR_EXTRA.indexOf(c) >= 0;
    }

    private static boolean isHexDigit(final char c)
    {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isIpv6Literal(final String text)
    {
        final int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0)
        {
            return false;
        }
        if (doubleColon < 0)
        {
            return countGroups(text, true) == 8;
        }
        final String head = text.substring(0, doubleColon);
        final String tail = text.substring(doubleColon + 2);
        final int headGroups = head.isEmpty() ? 0 : countGroups(head, false);
        final int tailGroups = tail.isEmpty() ? 0 : countGroups(tail, true);
        return headGroups >= 0 && tailGroups >= 0 && headGroups + tailGroups <= 7;
    }

    /**
     * Count the 16-bit groups of a colon-separated IPv6 fragment, an IPv4 dotted quad counting as two.
     *
     * @return the number of groups, or -1 when the fragment is malformed.
     */
    private static int countGroups(final String text, final boolean ipv4TailAllowed)
    {
        final String[] parts = text.split(":", -1);
        int groups = 0;
        for (int i = 0; i < parts.length; i++)
        {
            final String part = parts[i];
            if (ipv4TailAllowed && i == parts.length - 1 && part.indexOf('.') >= 0)
            {
                if (!isIpv4(part))
                {
                    return -1;
                }
                groups += 2;
            }
            else
            {
                if (part.isEmpty() || part.length() > 4)
                {
                    return -1;
                }
                for (int j = 0; j < part.length(); j++)
                {
                    if (!isHexDigit(part.charAt(j)))
                    {
                        return -1;
                    }
                }
                groups++;
            }
        }
        return groups;
    }

    private static boolean isIpv4(final String text)
    {
        final String[] octets = text.split("\\.", -1);
        if (octets.length != 4)
        {
            return false;
        }
        for (final String octet : octets)
        {
            if (octet.isEmpty() || octet.length() > 3)
            {
                return false;
            }
            int value = 0;
            for (int i = 0; i < octet.length(); i++)
            {
                final char c = octet.charAt(i);
                if (c < '0' || c > '9')
                {
                    return false;
                }
                value = value * 10 + (c - '0');
            }
            if (value > 255)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Is the host an IP literal (IPv4 dotted quad, or IPv6, which the parser lets through only in brackets)?
     * Literals need no DNS lookup and carry no SNI name.
     *
     * @param host as {@link #host()} returns it.
     * @return true for a literal address.
     */
    public static boolean isIpLiteral(final String host)
    {
        if (host.indexOf(':') >= 0)
        {
            return true; // IPv6: the URI parser only lets colons through inside brackets
        }
        int dots = 0;
        for (int i = 0; i < host.length(); i++)
        {
            final char c = host.charAt(i);
            if ('.' == c)
            {
                dots++;
            }
            else if (c < '0' || c > '9')
            {
                return false;
            }
        }
        return 3 == dots;
    }
}
