/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.handshake;

import java.util.ArrayList;
import java.util.List;

/**
 * Parser of the Sec-WebSocket-Extensions grammar (RFC 6455 §9.1), used both for the offers the client sends and for
 * the header the server answers:
 * <pre>
 * extension-list  = #extension                        ; comma-separated, empty elements ignored
 * extension       = token *( OWS ";" OWS param )
 * param           = token [ OWS "=" OWS ( token / quoted-string ) ]
 * </pre>
 * A quoted-string value must be a token once unescaped. Failures are reported as {@link IllegalArgumentException}
 * whose message says what is wrong and where; callers turn it into the failure type of their side.
 */
final class ExtensionHeaderParser
{
    private final String text;
    private int position;

    private ExtensionHeaderParser(final String text)
    {
        this.text = text;
    }

    /**
     * Parse a header value holding a comma-separated list of extensions and add them to a list.
     *
     * @param value of one Sec-WebSocket-Extensions field.
     * @param out   where the extensions are added, in order.
     * @throws IllegalArgumentException when the value is malformed.
     */
    static void parseList(final String value, final List<NegotiatedExtension> out)
    {
        final ExtensionHeaderParser parser = new ExtensionHeaderParser(value);
        while (true)
        {
            parser.skipWhitespace();
            if (parser.atEnd())
            {
                return;
            }
            if (parser.peek() != ',')
            {
                out.add(parser.parseExtension());
                parser.skipWhitespace();
                if (parser.atEnd())
                {
                    return;
                }
                if (parser.peek() != ',')
                {
                    throw parser.error("expected ',' or ';'");
                }
            }
            parser.position++;
        }
    }

    /**
     * Parse a single extension, with no comma at top level.
     *
     * @param value such as {@code permessage-deflate; client_max_window_bits}.
     * @return the extension.
     * @throws IllegalArgumentException when the value is malformed or holds more than one extension.
     */
    static NegotiatedExtension parseSingle(final String value)
    {
        final ExtensionHeaderParser parser = new ExtensionHeaderParser(value);
        parser.skipWhitespace();
        final NegotiatedExtension extension = parser.parseExtension();
        parser.skipWhitespace();
        if (!parser.atEnd())
        {
            throw parser.error(parser.peek() == ',' ? "one extension expected, found a ','" : "expected ';'");
        }
        return extension;
    }

    private NegotiatedExtension parseExtension()
    {
        final String name = parseToken("extension name");
        final List<ExtensionParameter> parameters = new ArrayList<>();
        while (true)
        {
            skipWhitespace();
            if (atEnd() || peek() != ';')
            {
                return new NegotiatedExtension(name, parameters);
            }
            position++;
            skipWhitespace();
            final String parameterName = parseToken("parameter name");
            skipWhitespace();
            String parameterValue = null;
            if (!atEnd() && peek() == '=')
            {
                position++;
                skipWhitespace();
                parameterValue = !atEnd() && peek() == '"' ? parseQuotedToken() : parseToken("parameter value");
            }
            parameters.add(new ExtensionParameter(parameterName, parameterValue));
        }
    }

    private String parseToken(final String what)
    {
        final int start = position;
        while (!atEnd() && HttpSyntax.isTokenChar(peek()))
        {
            position++;
        }
        if (start == position)
        {
            throw error(atEnd() ? "missing " + what : "invalid character " + HttpSyntax.describeChar(peek()) +
                " where " + what + " (a token) expected");
        }
        return text.substring(start, position);
    }

    private String parseQuotedToken()
    {
        final int start = position;
        position++;
        final StringBuilder sb = new StringBuilder();
        while (true)
        {
            if (atEnd())
            {
                position = start;
                throw error("unterminated quoted-string");
            }
            final char c = text.charAt(position++);
            if (c == '"')
            {
                break;
            }
            if (c == '\\')
            {
                if (atEnd())
                {
                    position = start;
                    throw error("unterminated quoted-string");
                }
                sb.append(text.charAt(position++));
            }
            else
            {
                sb.append(c);
            }
        }
        final String value = sb.toString();
        if (!HttpSyntax.isToken(value))
        {
            position = start;
            throw error("quoted value " + HttpSyntax.quote(value) + " is not a token once unquoted (RFC 6455 §9.1)");
        }
        return value;
    }

    private void skipWhitespace()
    {
        while (!atEnd() && HttpSyntax.isWhitespace(peek()))
        {
            position++;
        }
    }

    private boolean atEnd()
    {
        return position >= text.length();
    }

    private char peek()
    {
        return text.charAt(position);
    }

    private IllegalArgumentException error(final String problem)
    {
        return new IllegalArgumentException(problem + " at index " + position + " of " + HttpSyntax.quote(text));
    }
}
