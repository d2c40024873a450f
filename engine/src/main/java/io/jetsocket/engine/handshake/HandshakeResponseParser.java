/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.handshake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.agrona.DirectBuffer;

import static io.jetsocket.engine.handshake.HandshakeException.Reason.HEADER_LIMIT_EXCEEDED;
import static io.jetsocket.engine.handshake.HandshakeException.Reason.MALFORMED_RESPONSE;

/**
 * Incremental parser of the HTTP/1.1 response head that answers the opening handshake.
 * <p>
 * Feed each chunk read from the connection exactly once to {@link #parse(DirectBuffer, int, int)}. The parser
 * looks at every byte once and never rescans: it keeps the current line in its own storage, which never grows past
 * {@code maxHeaderBytes}, and turns each completed line into a status or a header field at once. The head may be
 * split at any byte boundary, including between CR and LF. When the empty line that ends the head arrives, parse
 * returns how many bytes of that chunk belong to the head; the bytes after them are WebSocket frames, which servers
 * often send in the same packet as the 101 response.
 * <p>
 * Strictness, all reported as {@link HandshakeException}:
 * <ul>
 *   <li>the status line must be {@code HTTP/1.1 <3-digit code 100..599> <reason>} (a missing reason, with or
 *       without its space, is tolerated); any other version, HTTP/1.0 included, is malformed;</li>
 *   <li>every line must end with CRLF: a bare LF, or a CR not followed by LF, is malformed (a parser that accepted
 *       bare LF would frame the head differently from a strict intermediary);</li>
 *   <li>NUL and other control characters except HTAB are malformed anywhere; bytes 0x80-0xFF are allowed only in
 *       the reason phrase and in header values (obs-text, decoded as ISO-8859-1);</li>
 *   <li>a header line must be a non-empty token name, ':' with no whitespace before it, and a value whose
 *       surrounding spaces and tabs are dropped; a line starting with whitespace (obsolete folding) is malformed;
 *       </li>
 *   <li>more than {@code maxHeaderBytes} bytes in the head (counting line ends and the final empty line) or more
 *       than {@code maxHeaderCount} header fields fail with {@link HandshakeException.Reason#HEADER_LIMIT_EXCEEDED}
 *       as soon as the limit is passed.</li>
 * </ul>
 * The first response is taken as the final one: an interim 1xx response other than 101 is reported as a status.
 * Not thread-safe; {@link #reset()} makes it ready for another handshake.
 */
public final class HandshakeResponseParser
{
    /** Returned by {@link #parse(DirectBuffer, int, int)} when the whole chunk was consumed and more is needed. */
    public static final int NEED_MORE = -1;

    /** Default limit on the size of the response head, in bytes. */
    public static final int MAX_HEADER_BYTES_DEFAULT = 16 * 1024;

    /** Default limit on the number of header fields. */
    public static final int MAX_HEADER_COUNT_DEFAULT = 100;

    private static final int INITIAL_LINE_CAPACITY = 256;
    private static final int STATUS_LINE = 0;
    private static final int HEADER_LINES = 1;
    private static final int COMPLETE = 2;
    private static final int FAILED = 3;
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final int maxHeaderBytes;
    private final int maxHeaderCount;
    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();
    private byte[] line;
    private int lineLength;
    private int lineNumber;
    private int headBytes;
    private boolean sawCr;
    private int state;
    private int statusCode;
    private String reasonPhrase;
    private HttpHeaders headers;

    /**
     * Create a parser with the default limits {@link #MAX_HEADER_BYTES_DEFAULT} and
     * {@link #MAX_HEADER_COUNT_DEFAULT}.
     */
    public HandshakeResponseParser()
    {
        this(MAX_HEADER_BYTES_DEFAULT, MAX_HEADER_COUNT_DEFAULT);
    }

    /**
     * Create a parser with explicit limits.
     *
     * @param maxHeaderBytes largest response head accepted, in bytes, status line and line ends included.
     * @param maxHeaderCount largest number of header fields accepted.
     */
    public HandshakeResponseParser(final int maxHeaderBytes, final int maxHeaderCount)
    {
        if (maxHeaderBytes < 1)
        {
            throw new IllegalArgumentException("maxHeaderBytes must be positive: " + maxHeaderBytes);
        }
        if (maxHeaderCount < 0)
        {
            throw new IllegalArgumentException("maxHeaderCount must not be negative: " + maxHeaderCount);
        }
        this.maxHeaderBytes = maxHeaderBytes;
        this.maxHeaderCount = maxHeaderCount;
        this.line = new byte[Math.min(INITIAL_LINE_CAPACITY, maxHeaderBytes)];
        reset();
    }

    /**
     * Make the parser ready for a new response; the limits are kept.
     */
    public void reset()
    {
        names.clear();
        values.clear();
        lineLength = 0;
        lineNumber = 1;
        headBytes = 0;
        sawCr = false;
        state = STATUS_LINE;
        statusCode = -1;
        reasonPhrase = null;
        headers = null;
    }

    /**
     * Consume a newly arrived chunk. Each byte read from the connection must be passed exactly once, in order.
     *
     * @param buffer holding the chunk.
     * @param offset of the first byte of the chunk in the buffer.
     * @param length of the chunk.
     * @return {@link #NEED_MORE} when every byte was consumed and the head is not complete yet, otherwise the number
     * of bytes of this chunk up to and including the CRLF CRLF that ends the head.
     * @throws HandshakeException    when the response is malformed or exceeds a limit; the parser must then be
     *                               {@link #reset()} before reuse.
     * @throws IllegalStateException when the head is already complete or parsing already failed.
     */
    public int parse(final DirectBuffer buffer, final int offset, final int length)
    {
        if (state == COMPLETE || state == FAILED)
        {
            throw new IllegalStateException(
                state == COMPLETE ? "response head already complete, call reset()" : "parsing failed, call reset()");
        }
        if (offset < 0 || length < 0 || offset > buffer.capacity() - length)
        {
            throw new IndexOutOfBoundsException("offset=" + offset + " length=" + length +
                " capacity=" + buffer.capacity());
        }

        for (int i = offset, end = offset + length; i < end; i++)
        {
            final int b = buffer.getByte(i) & 0xFF;
            if (++headBytes > maxHeaderBytes)
            {
                throw fail(HEADER_LIMIT_EXCEEDED, "response head exceeds the limit of " + maxHeaderBytes + " bytes");
            }

            if (sawCr)
            {
                if (b != LF)
                {
                    throw fail(MALFORMED_RESPONSE, "CR not followed by LF in line " + lineNumber);
                }
                sawCr = false;
                endOfLine();
                if (state == COMPLETE)
                {
                    return i + 1 - offset;
                }
            }
            else if (b == CR)
            {
                sawCr = true;
            }
            else if (b == LF)
            {
                throw fail(MALFORMED_RESPONSE, "bare LF in line " + lineNumber + " (lines must end with CRLF)");
            }
            else if (HttpSyntax.isForbiddenControl(b))
            {
                throw fail(MALFORMED_RESPONSE, "control character " + HttpSyntax.describeChar(b) +
                    " in line " + lineNumber);
            }
            else
            {
                append((byte)b);
            }
        }

        return NEED_MORE;
    }

    /**
     * Has the whole response head been parsed?
     *
     * @return true once {@link #parse(DirectBuffer, int, int)} has returned a byte count.
     */
    public boolean isComplete()
    {
        return state == COMPLETE;
    }

    /**
     * The HTTP status code, available once the status line has been parsed.
     *
     * @return the status code, or -1 before the status line is complete.
     */
    public int statusCode()
    {
        return statusCode;
    }

    /**
     * The reason phrase of the status line, available once the status line has been parsed.
     *
     * @return the reason phrase (possibly empty), or null before the status line is complete.
     */
    public String reasonPhrase()
    {
        return reasonPhrase;
    }

    /**
     * The response headers.
     *
     * @return the headers, in arrival order.
     * @throws IllegalStateException when the head is not complete.
     */
    public HttpHeaders headers()
    {
        if (state != COMPLETE)
        {
            throw new IllegalStateException("response head not complete");
        }
        return headers;
    }

    /**
     * Number of bytes of the response head consumed so far; once complete, the size of the head.
     *
     * @return bytes consumed, never more than the limit.
     */
    public int headLength()
    {
        return Math.min(headBytes, maxHeaderBytes);
    }

    /**
     * The largest response head accepted, in bytes.
     *
     * @return the byte limit.
     */
    public int maxHeaderBytes()
    {
        return maxHeaderBytes;
    }

    /**
     * The largest number of header fields accepted.
     *
     * @return the field count limit.
     */
    public int maxHeaderCount()
    {
        return maxHeaderCount;
    }

    int lineCapacity()
    {
        return line.length;
    }

    private void append(final byte b)
    {
        if (lineLength == line.length)
        {
            final int capacity = (int)Math.min((long)line.length * 2, maxHeaderBytes);
            final byte[] grown = new byte[capacity];
            System.arraycopy(line, 0, grown, 0, lineLength);
            line = grown;
        }
        line[lineLength++] = b;
    }

    private void endOfLine()
    {
        if (state == STATUS_LINE)
        {
            parseStatusLine();
            state = HEADER_LINES;
        }
        else if (lineLength == 0)
        {
            headers = HttpHeaders.of(names, values);
            state = COMPLETE;
        }
        else
        {
            parseHeaderLine();
        }
        lineLength = 0;
        lineNumber++;
    }

    private void parseStatusLine()
    {
        final byte[] line = this.line;
        final int length = lineLength;
        if (length < 12 || !startsWith(line, length, "HTTP/"))
        {
            throw fail(MALFORMED_RESPONSE, "malformed status line " + quotedLine() +
                " (expected HTTP/1.1 <status> <reason>)");
        }
        if (!startsWith(line, length, "HTTP/1.1 "))
        {
            throw fail(MALFORMED_RESPONSE, "unsupported HTTP version in status line " + quotedLine() +
                " (expected HTTP/1.1)");
        }
        final int d0 = line[9] - '0';
        final int d1 = line[10] - '0';
        final int d2 = line[11] - '0';
        if (d0 < 1 || d0 > 5 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9 || (length > 12 && line[12] != ' '))
        {
            throw fail(MALFORMED_RESPONSE, "malformed status code in status line " + quotedLine() +
                " (expected three digits 100..599)");
        }
        statusCode = d0 * 100 + d1 * 10 + d2;
        reasonPhrase = length > 13 ? new String(line, 13, length - 13, StandardCharsets.ISO_8859_1) : "";
    }

    private void parseHeaderLine()
    {
        final byte[] line = this.line;
        final int length = lineLength;
        if (HttpSyntax.isWhitespace(line[0]))
        {
            throw fail(MALFORMED_RESPONSE, "obsolete line folding in line " + lineNumber);
        }

        int colon = 0;
        while (colon < length && line[colon] != ':')
        {
            final int b = line[colon] & 0xFF;
            if (!HttpSyntax.isTokenChar(b))
            {
                throw fail(MALFORMED_RESPONSE, (HttpSyntax.isWhitespace(b) ?
                    "whitespace in header name or before ':'" : "invalid character " + HttpSyntax.describeChar(b) +
                    " in header name") + " in line " + lineNumber + " " + quotedLine());
            }
            colon++;
        }
        if (colon == length)
        {
            throw fail(MALFORMED_RESPONSE, "header line without ':' in line " + lineNumber + " " + quotedLine());
        }
        if (colon == 0)
        {
            throw fail(MALFORMED_RESPONSE, "empty header name in line " + lineNumber);
        }
        if (names.size() >= maxHeaderCount)
        {
            throw fail(HEADER_LIMIT_EXCEEDED, "response has more than " + maxHeaderCount + " header fields");
        }

        int valueStart = colon + 1;
        int valueEnd = length;
        while (valueStart < valueEnd && HttpSyntax.isWhitespace(line[valueStart]))
        {
            valueStart++;
        }
        while (valueEnd > valueStart && HttpSyntax.isWhitespace(line[valueEnd - 1]))
        {
            valueEnd--;
        }
        names.add(new String(line, 0, colon, StandardCharsets.US_ASCII));
        values.add(new String(line, valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1));
    }

    private static boolean startsWith(final byte[] bytes, final int length, final String prefix)
    {
        if (length < prefix.length())
        {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++)
        {
            if (bytes[i] != prefix.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    private String quotedLine()
    {
        return HttpSyntax.quote(new String(line, 0, lineLength, StandardCharsets.ISO_8859_1));
    }

    private HandshakeException fail(final HandshakeException.Reason reason, final String problem)
    {
        state = FAILED;
        final String prefix = reason == HEADER_LIMIT_EXCEEDED ?
            "handshake response too large: " : "malformed handshake response: ";
        return new HandshakeException(reason, prefix + problem);
    }
}
