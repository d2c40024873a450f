/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.codec;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.json.JsonReadContext;
import com.fasterxml.jackson.core.json.PackageVersion;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A strict RFC 8259 JSON parser over a UTF-8 payload in a {@link DirectBuffer}, {@link #reset reset} for each
 * message so that one instance serves every message of a thread: no parser, context, buffer or copy of the payload
 * per message. It speaks Jackson's {@link com.fasterxml.jackson.core.JsonParser} API, so Jackson Databind can bind
 * from it, and applies Jackson's {@link StreamReadConstraints} with Jackson's own error messages. Field names and
 * short string values come from small bounded caches ({@link StringCache}).
 * <p>
 * This class is the facade: reuse (per-thread instance, {@link #reset}) and Jackson's accessors of the current token.
 * The token state machine is {@link DirectJsonTokenizer}, which it extends; strings are decoded by
 * {@link JsonStringReader} and numbers read and converted by {@link JsonNumberReader}, into one {@link JsonText}.
 * <p>
 * What Jackson's own parser does with a default {@code JsonFactory} it does too, except that input must be UTF-8
 * (a UTF-8 byte order mark is skipped; Jackson would also guess UTF-16 and UTF-32), UTF-8 is checked strictly
 * (overlong forms and encoded surrogates are refused) and content after the root value is an error. State is reset
 * by {@link #reset}, so a malformed message leaves nothing behind for the next one. Confined to one thread.
 */
@SuppressWarnings("deprecation") // Jackson 2's abstract accessors are the deprecated getCurrentName & co.
final class DirectJsonParser extends DirectJsonTokenizer
{
    private static final int VALUE_SLOTS = 256;
    private static final int MAX_CACHED_VALUE = 16;

    /** One parser per thread, shared by every typed codec on it: memory per thread, not per client. */
    private static final ThreadLocal<DirectJsonParser> PER_THREAD = ThreadLocal.withInitial(DirectJsonParser::new);

    private final StringCache values = new StringCache(VALUE_SLOTS, MAX_CACHED_VALUE);
    private ObjectCodec codec;
    private boolean inUse;
    private boolean closed;
    /** The current string value as a String, once asked for. */
    private String textString;

    /**
     * A parser; {@link #reset} gives it a message and the limits to apply.
     */
    DirectJsonParser()
    {
    }

    /**
     * This thread's parser, or a new one if this thread's is already parsing (a deserializer of the application
     * decoding a message while another is being bound). {@link #release()} it when done.
     *
     * @return a parser no one else on this thread is using.
     */
    static DirectJsonParser acquire()
    {
        DirectJsonParser parser = PER_THREAD.get();
        if (parser.inUse)
        {
            parser = new DirectJsonParser();
        }
        parser.inUse = true;
        return parser;
    }

    /**
     * Hand back a parser from {@link #acquire()}.
     */
    void release()
    {
        inUse = false;
        codec = null;
    }

    /**
     * Start parsing a new message; whatever the previous one left (an error half way included) is forgotten.
     *
     * @param buffer holding the message.
     * @param offset of the message.
     * @param length of the message.
     * @param limits the limits to apply to it.
     * @return this parser, before the first token.
     * @throws JsonProcessingException if the message is longer than the maximum document length.
     */
    DirectJsonParser reset(
        final DirectBuffer buffer, final int offset, final int length, final StreamReadConstraints limits)
        throws JsonProcessingException
    {
        closed = false;
        textString = null;
        _currToken = null;
        _lastClearedToken = null;
        start(buffer, offset, length, limits);
        return this;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public JsonToken nextToken() throws IOException
    {
        textString = null;
        return _currToken = next();
    }

    private boolean isNumber()
    {
        return JsonToken.VALUE_NUMBER_INT == _currToken || JsonToken.VALUE_NUMBER_FLOAT == _currToken;
    }

    private void checkNumber() throws IOException
    {
        if (!isNumber())
        {
            _reportError("Current token (" + _currToken + ") not numeric, can not use numeric value accessors");
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public NumberType getNumberType() throws IOException
    {
        checkNumber();
        return numbers.type();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public Number getNumberValue() throws IOException
    {
        checkNumber();
        return numbers.value();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int getIntValue() throws IOException
    {
        checkNumber();
        return numbers.intValue();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public long getLongValue() throws IOException
    {
        checkNumber();
        return numbers.longValue();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public BigInteger getBigIntegerValue() throws IOException
    {
        checkNumber();
        return numbers.bigIntegerValue();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public float getFloatValue() throws IOException
    {
        checkNumber();
        return numbers.floatValue();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public double getDoubleValue() throws IOException
    {
        checkNumber();
        return numbers.doubleValue();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public BigDecimal getDecimalValue() throws IOException
    {
        checkNumber();
        return numbers.decimalValue();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String getText()
    {
        final JsonToken token = _currToken;
        if (JsonToken.VALUE_STRING == token)
        {
            if (null == textString)
            {
                textString = values.get(text.chars, text.length, text.hash);
            }
            return textString;
        }
        if (null == token)
        {
            return null;
        }
        if (JsonToken.FIELD_NAME == token)
        {
            return context().getCurrentName();
        }
        if (isNumber())
        {
            return numbers.string();
        }
        return token.asString();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public char[] getTextCharacters()
    {
        final JsonToken token = _currToken;
        if (JsonToken.VALUE_STRING == token)
        {
            return text.chars;
        }
        if (isNumber())
        {
            numbers.copyText();
            return text.chars;
        }
        final String value = getText();
        return null == value ? null : value.toCharArray();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int getTextLength()
    {
        final JsonToken token = _currToken;
        if (JsonToken.VALUE_STRING == token)
        {
            return text.length;
        }
        if (isNumber())
        {
            return numbers.length();
        }
        final String value = getText();
        return null == value ? 0 : value.length();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int getTextOffset()
    {
        return 0;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public boolean hasTextCharacters()
    {
        return JsonToken.VALUE_STRING == _currToken;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public byte[] getBinaryValue(final Base64Variant variant) throws IOException
    {
        if (JsonToken.VALUE_STRING != _currToken)
        {
            _reportError("Current token (" + _currToken + ") not VALUE_STRING, can not access as binary");
        }
        final ByteArrayBuilder builder = new ByteArrayBuilder();
        _decodeBase64(getText(), builder, variant);
        return builder.toByteArray();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String getCurrentName()
    {
        if (JsonToken.START_OBJECT == _currToken || JsonToken.START_ARRAY == _currToken)
        {
            final JsonReadContext parent = context().getParent();
            return null == parent ? null : parent.getCurrentName();
        }
        return context().getCurrentName();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void overrideCurrentName(final String name)
    {
        JsonReadContext target = context();
        if (JsonToken.START_OBJECT == _currToken || JsonToken.START_ARRAY == _currToken)
        {
            target = target.getParent();
        }
        try
        {
            target.setCurrentName(name);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public ObjectCodec getCodec()
    {
        return codec;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void setCodec(final ObjectCodec codec)
    {
        this.codec = codec;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public Version version()
    {
        return PackageVersion.VERSION;
    }

    /**
     * Marks the parser closed until the next {@link #reset}; there is nothing to release.
     */
    @Override
    public void close()
    {
        closed = true;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public boolean isClosed()
    {
        return closed;
    }
}
