/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.codec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.ContentReference;
import com.fasterxml.jackson.core.json.JsonReadContext;
import org.agrona.DirectBuffer;

import java.io.IOException;

/**
 * The token state machine of {@link DirectJsonParser}: walks a UTF-8 message in a {@link DirectBuffer} token by
 * token (whitespace, structure, literals, nesting and its context, Jackson's limits), hands strings to a
 * {@link JsonStringReader} and numbers to a {@link JsonNumberReader}, and knows where it is, for locations and for
 * the errors of all three, which {@link DirectJsonErrors} words in Jackson's terms. A base class rather than a
 * part the parser holds, so that the hot path stays in one object and the errors can use Jackson's own reporting,
 * which is protected in {@link com.fasterxml.jackson.core.base.ParserMinimalBase}.
 */
abstract class DirectJsonTokenizer extends DirectJsonErrors
{
    private static final int ROOT = 0;
    private static final int DONE = 1;
    private static final int OBJECT_FIRST = 2;
    private static final int OBJECT_NAME = 3;
    private static final int OBJECT_VALUE = 4;
    private static final int ARRAY_FIRST = 5;
    private static final int ARRAY_VALUE = 6;
    private static final int AFTER_VALUE = 7;

    private static final int NAME_SLOTS = 512;
    private static final int MAX_CACHED_NAME = 64;

    /** The characters of the current string or number token. */
    final JsonText text = new JsonText();
    /** The current number, for the parser's number accessors. */
    final JsonNumberReader numbers = new JsonNumberReader(this, text);
    private final JsonStringReader strings = new JsonStringReader(this, text);
    private final StringCache names = new StringCache(NAME_SLOTS, MAX_CACHED_NAME);
    private final JsonReadContext root = JsonReadContext.createRootContext(null);
    private JsonReadContext context = root;
    private StreamReadConstraints limits = StreamReadConstraints.defaults();
    private DirectBuffer buffer;
    private int start;
    private int pos;
    private int end;
    private int state;
    private int depth;
    private int tokenStart;

    /**
     * Start on a new message; whatever the previous one left (an error half way included) is forgotten.
     *
     * @param buffer holding the message.
     * @param offset of the message.
     * @param length of the message.
     * @param limits the limits to apply to it.
     * @throws JsonProcessingException if the message is longer than the maximum document length.
     */
    final void start(
        final DirectBuffer buffer, final int offset, final int length, final StreamReadConstraints limits)
        throws JsonProcessingException
    {
        this.limits = limits;
        this.buffer = buffer;
        start = offset;
        pos = offset;
        end = offset + length;
        state = ROOT;
        depth = 0;
        tokenStart = offset;
        root.reset(JsonStreamContext.TYPE_ROOT, 1, 0);
        context = root;
        text.trim();
        limits.validateDocumentLength(length);
        if (length >= 3 && (byte)0xEF == buffer.getByte(offset) && (byte)0xBB == buffer.getByte(offset + 1) &&
            (byte)0xBF == buffer.getByte(offset + 2))
        {
            pos += 3;
        }
    }

    /**
     * Whether only whitespace is left after the root value.
     *
     * @return true at the end of the message.
     */
    boolean atEnd()
    {
        return skipWhitespace() < 0;
    }

    /**
     * Where the parser is, relative to the start of the message.
     *
     * @return the offset in bytes.
     */
    int offset()
    {
        return pos - start;
    }

    /**
     * The current field name, for a {@link JsonToken#FIELD_NAME} token.
     *
     * @return the name.
     */
    String fieldName()
    {
        return context.getCurrentName();
    }

    /**
     * The next token, for {@link #nextToken()}.
     *
     * @return the token, or null at the end of the message.
     * @throws IOException if the JSON is not valid or exceeds the limits.
     */
    final JsonToken next() throws IOException
    {
        int c = skipWhitespace();
        if (AFTER_VALUE == state)
        {
            if (',' != c)
            {
                return closeOrFail(c);
            }
            pos++;
            state = context.inObject() ? OBJECT_NAME : ARRAY_VALUE;
            c = skipWhitespace();
        }
        switch (state)
        {
            case ROOT:
                if (c < 0)
                {
                    return null;
                }
                return value(c);
            case DONE:
                if (c < 0)
                {
                    return null;
                }
                _reportError("Unexpected content after the root value at " + (pos - start));
                return null;
            case OBJECT_FIRST:
                if ('}' == c)
                {
                    return endContainer();
                }
                return fieldName(c);
            case OBJECT_NAME:
                return fieldName(c);
            case OBJECT_VALUE:
                return value(c);
            case ARRAY_FIRST:
                if (']' == c)
                {
                    return endContainer();
                }
                context.expectComma();
                return value(c);
            default: // ARRAY_VALUE
                context.expectComma();
                return value(c);
        }
    }

    /**
     * The end of the container after one of its values, or the error of what stands there instead of a comma.
     */
    private JsonToken closeOrFail(final int c) throws IOException
    {
        if (('}' == c && context.inObject()) || (']' == c && context.inArray()))
        {
            return endContainer();
        }
        if (c < 0)
        {
            _reportInvalidEOF(": expected close marker for " + context.typeDesc(), null);
        }
        _reportUnexpectedChar(c, "was expecting comma to separate " + context.typeDesc() + " entries");
        return null;
    }

    private JsonToken fieldName(final int c) throws IOException
    {
        tokenStart = pos;
        if ('"' != c)
        {
            if (c < 0)
            {
                _reportInvalidEOF(": expected a field name", null);
            }
            _reportUnexpectedChar(c, "was expecting double-quote to start field name");
        }
        pos = strings.read(buffer, pos + 1, end);
        limits.validateNameLength(text.length);
        final String name = names.get(text.chars, text.length, text.hash);
        final int colon = skipWhitespace();
        if (':' != colon)
        {
            if (colon < 0)
            {
                _reportInvalidEOF(": expected a colon after field name \"" + name + "\"", null);
            }
            _reportUnexpectedChar(colon, "was expecting a colon to separate field name and value");
        }
        pos++;
        context.expectComma();
        context.setCurrentName(name);
        state = OBJECT_VALUE;
        return JsonToken.FIELD_NAME;
    }

    private JsonToken value(final int c) throws IOException
    {
        tokenStart = pos;
        switch (c)
        {
            case '{':
                pos++;
                limits.validateNestingDepth(++depth);
                context = context.createChildObjectContext(1, 0);
                state = OBJECT_FIRST;
                return JsonToken.START_OBJECT;
            case '[':
                pos++;
                limits.validateNestingDepth(++depth);
                context = context.createChildArrayContext(1, 0);
                state = ARRAY_FIRST;
                return JsonToken.START_ARRAY;
            case '"':
                return string();
            case 't':
                literal("true");
                return JsonToken.VALUE_TRUE;
            case 'f':
                literal("false");
                return JsonToken.VALUE_FALSE;
            case 'n':
                literal("null");
                return JsonToken.VALUE_NULL;
            default:
                if ('-' == c || (c >= '0' && c <= '9'))
                {
                    return number();
                }
                notAValue(c);
                return null;
        }
    }

    private JsonToken string() throws IOException
    {
        pos = strings.read(buffer, pos + 1, end);
        limits.validateStringLength(text.length);
        afterValue();
        return JsonToken.VALUE_STRING;
    }

    private JsonToken number() throws IOException
    {
        final JsonToken token = numbers.read(buffer, pos, end, limits);
        pos = numbers.end();
        afterValue();
        return token;
    }

    private void notAValue(final int c) throws IOException
    {
        if (c < 0)
        {
            _reportInvalidEOF(": expected a value", null);
        }
        _reportUnexpectedChar(c, "expected a valid value (JSON String, Number, Array, Object or token " +
            "'null', 'true' or 'false')");
    }

    private JsonToken endContainer()
    {
        tokenStart = pos;
        pos++;
        final boolean object = context.inObject();
        context = context.clearAndGetParent();
        depth--;
        afterValue();
        return object ? JsonToken.END_OBJECT : JsonToken.END_ARRAY;
    }

    private void afterValue()
    {
        state = 0 == depth ? DONE : AFTER_VALUE;
    }

    private int skipWhitespace()
    {
        while (pos < end)
        {
            final int b = buffer.getByte(pos) & 0xFF;
            if (' ' == b || '\n' == b || '\r' == b || '\t' == b)
            {
                pos++;
            }
            else
            {
                return b;
            }
        }
        return -1;
    }

    private void literal(final String word) throws IOException
    {
        final int length = word.length();
        for (int i = 0; i < length; i++)
        {
            if (pos + i >= end || buffer.getByte(pos + i) != word.charAt(i))
            {
                unrecognizedToken();
            }
        }
        pos += length;
        if (pos < end && isIdentifierPart(buffer.getByte(pos)))
        {
            unrecognizedToken();
        }
        afterValue();
    }

    private void unrecognizedToken() throws IOException
    {
        int last = tokenStart;
        while (last < end && last - tokenStart < 256 && isIdentifierPart(buffer.getByte(last)))
        {
            last++;
        }
        final String token = buffer.getStringWithoutLengthAscii(tokenStart, Math.max(1, last - tokenStart));
        _reportError("Unrecognized token '" + token + "': was expecting (JSON String, Number, Array, Object or " +
            "token 'null', 'true' or 'false')");
    }

    private static boolean isIdentifierPart(final byte b)
    {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || '_' == b;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public JsonStreamContext getParsingContext()
    {
        return context;
    }

    /**
     * The context of the current token, for the parser's name accessors.
     *
     * @return the innermost open object or array, or the root.
     */
    final JsonReadContext context()
    {
        return context;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public JsonLocation getCurrentLocation()
    {
        return location(pos);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public JsonLocation getTokenLocation()
    {
        return location(tokenStart);
    }

    private JsonLocation location(final int at)
    {
        return new JsonLocation(ContentReference.unknown(), at - start, -1L, 1, at - start + 1);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    final void moveTo(final int at)
    {
        pos = at;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    protected void _handleEOF() throws JsonParseException
    {
        if (depth > 0)
        {
            _reportInvalidEOF(": expected close marker for " + context.typeDesc(), null);
        }
    }

    /**
     * The limits of the current message.
     *
     * @return the constraints given to {@link #reset}.
     */
    @Override
    public StreamReadConstraints streamReadConstraints()
    {
        return limits;
    }
}
