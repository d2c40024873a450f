/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.handshake;

/**
 * Character classes of RFC 9110 / RFC 7230 used by the handshake: tokens, field values, whitespace, and a
 * helper that renders untrusted text safely inside exception messages.
 */
final class HttpSyntax
{
    /** Longest piece of peer-supplied text copied into an exception message. */
    static final int MAX_QUOTED_CHARS = 100;

    private static final boolean[] TCHAR = new boolean[128];

    static
    {
        for (char c = '0'; c <= '9'; c++)
        {
            TCHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++)
        {
            TCHAR[c] = true;
            TCHAR[c - 'a' + 'A'] = true;
        }
        for (final char c : "!#$%&'*+-.^_`|~".toCharArray())
        {
            TCHAR[c] = true;
        }
    }

    private HttpSyntax()
    {
    }

    /**
     * Is the character a tchar of RFC 9110 §5.6.2?
     *
     * @param c character or byte value (0..255) to test.
     * @return true when the character may appear in a token.
     */
    static boolean isTokenChar(final int c)
    {
        return c >= 0 && c < 128 && TCHAR[c];
    }

    /**
     * Is the string a non-empty token of RFC 9110 §5.6.2?
     *
     * @param value to test, may be null.
     * @return true when the value is a non-empty sequence of tchar.
     */
    static boolean isToken(final String value)
    {
        if (null == value || value.isEmpty())
        {
            return false;
        }
        for (int i = 0, length = value.length(); i < length; i++)
        {
            if (!isTokenChar(value.charAt(i)))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Is the character SP or HTAB?
     *
     * @param c character to test.
     * @return true for optional whitespace characters.
     */
    static boolean isWhitespace(final int c)
    {
        return c == ' ' || c == '\t';
    }

    /**
     * Is the character a control character that may not appear in a field value (any CTL except HTAB)?
     *
     * @param c character or byte value to test.
     * @return true for 0x00-0x1F except 0x09, and 0x7F.
     */
    static boolean isForbiddenControl(final int c)
    {
        return (c < 0x20 && c != '\t') || c == 0x7F;
    }

    /**
     * Index of the first character of a header value that may not be sent: a CTL other than HTAB (CR, LF and NUL
     * included) or a non-ASCII character, since the request is encoded as ASCII.
     *
     * @param value to check.
     * @return index of the first offending character, or -1 when the value may be sent.
     */
    static int indexOfInvalidValueChar(final String value)
    {
        for (int i = 0, length = value.length(); i < length; i++)
        {
            final char c = value.charAt(i);
            if (isForbiddenControl(c) || c > 0x7E)
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * Describe a character for an error message, e.g. {@code CR (0x0D)}.
     *
     * @param c the character.
     * @return a printable description.
     */
    static String describeChar(final int c)
    {
        switch (c)
        {
            case '\r':
                return "CR (0x0D)";
            case '\n':
                return "LF (0x0A)";
            case 0:
                return "NUL (0x00)";
            case '\t':
                return "HTAB (0x09)";
            case ' ':
                return "space (0x20)";
            default:
                if (c < 0x20 || c >= 0x7F)
                {
                    return String.format("control or non-ASCII character (0x%02X)", c);
                }
                return "'" + (char)c + "'";
        }
    }

    /**
     * Render untrusted text for an exception message, in double quotes; see {@link #printable(String)}.
     *
     * @param text to render, may be null.
     * @return the quoted text, or {@code null} when text is null.
     */
    static String quote(final String text)
    {
        return null == text ? "null" : '"' + printable(text) + '"';
    }

    /**
     * Render untrusted text for an exception message: control and non-ASCII characters escaped as {@code \xNN}, and
     * cut after {@link #MAX_QUOTED_CHARS} characters so that a hostile peer cannot flood logs.
     *
     * @param text to render.
     * @return the printable text.
     */
    static String printable(final String text)
    {
        final int length = Math.min(text.length(), MAX_QUOTED_CHARS);
        final StringBuilder sb = new StringBuilder(length + 16);
        for (int i = 0; i < length; i++)
        {
            final char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7F || c == '\\')
            {
                sb.append(String.format("\\x%02X", (int)c));
            }
            else
            {
                sb.append(c);
            }
        }
        if (text.length() > MAX_QUOTED_CHARS)
        {
            sb.append("...(").append(text.length()).append(" chars)");
        }
        return sb.toString();
    }
}
