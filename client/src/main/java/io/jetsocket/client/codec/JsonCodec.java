/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.io.ExpandableDirectBufferOutputStream;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The default codec: JSON (RFC 8259) decoded by a parser reused over the receive buffer, one per thread, and encoded
 * with Jackson Core's generator; no data binding. Messages are plain Java values, like Python's {@code json}
 * module:
 * <ul>
 *     <li>objects are mutable, insertion-ordered {@code Map<String, Object>}s: a compact array-backed map for
 *     objects of up to 32 fields (objects of the same field names share their key array), a
 *     {@link LinkedHashMap} for larger ones or ones that repeat a name (the last value wins);</li>
 *     <li>arrays are {@code List<Object>},</li>
 *     <li>strings are {@code String}, booleans {@code Boolean}, {@code null} is null,</li>
 *     <li>integers are {@code Long} ({@code BigInteger} beyond 64 bits), other numbers {@code Double}
 *     ({@code BigDecimal} with {@link #bigDecimals()}).</li>
 * </ul>
 * Encoding also accepts any {@code Collection}, {@code Object[]}, {@code CharSequence}, {@code Number},
 * {@code Character} and {@code Enum} (as its name). Messages are sent as text frames; binary frames are parsed
 * as UTF-8 JSON too.
 * <p>
 * Decoding allocates only the result (maps, lists, strings, boxed numbers); field names and short string values
 * that repeat (symbols, event types) come from small per-thread caches. The parser, its caches and scratch space
 * are per thread, not per codec: a thread holds one set however many clients it serves. The limits are Jackson's
 * {@link StreamReadConstraints} from {@link #readConstraints(int)}, with Jackson's messages.
 */
public final class JsonCodec implements Codec<Object>
{
    /**
     * The message size the shared instance's limits are set for: the client's default {@code maxMessageSize}
     * (64 MiB).
     */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024 * 1024;

    /**
     * Longest number accepted, in characters: Jackson's default. Parsing a big integer costs more than linear
     * time in its length, so it stays bounded whatever the message size (no market datum has 1,000 digits).
     */
    public static final int MAX_NUMBER_LENGTH = StreamReadConstraints.DEFAULT_MAX_NUM_LEN;

    /**
     * Deepest nesting accepted: Jackson's default; the decoder recurses once per level.
     */
    public static final int MAX_NESTING_DEPTH = StreamReadConstraints.DEFAULT_MAX_DEPTH;

    /**
     * The shared instance: doubles for non-integer numbers, limits for {@link #DEFAULT_MAX_MESSAGE_SIZE} (declared
     * after the limits it is built from).
     */
    public static final JsonCodec INSTANCE = new JsonCodec(false, DEFAULT_MAX_MESSAGE_SIZE);

    private static final ThreadLocal<ExpandableDirectBufferOutputStream> OUTPUT =
        ThreadLocal.withInitial(ExpandableDirectBufferOutputStream::new);

    private final boolean useBigDecimal;
    private final JsonFactory factory;
    private final int maxMessageSize;
    private final StreamReadConstraints constraints;

    private JsonCodec(final boolean useBigDecimal, final int maxMessageSize)
    {
        final StreamReadConstraints constraints = readConstraints(maxMessageSize);
        this.useBigDecimal = useBigDecimal;
        this.factory = JsonFactory.builder().streamReadConstraints(constraints).build();
        this.maxMessageSize = maxMessageSize;
        this.constraints = constraints;
    }

    /**
     * Jackson read limits for messages up to {@code maxMessageSize} bytes: a string or a property name can be as
     * long as the message itself (UTF-8 never has more characters than bytes), the document no longer than it;
     * numbers and nesting keep Jackson's bounds ({@link #MAX_NUMBER_LENGTH}, {@link #MAX_NESTING_DEPTH}).
     *
     * @param maxMessageSize the largest message, in bytes.
     * @return the constraints.
     */
    public static StreamReadConstraints readConstraints(final int maxMessageSize)
    {
        if (maxMessageSize <= 0)
        {
            throw new IllegalArgumentException("maxMessageSize must be positive: " + maxMessageSize);
        }
        return StreamReadConstraints.builder()
            .maxStringLength(maxMessageSize)
            .maxNameLength(maxMessageSize)
            .maxDocumentLength(maxMessageSize)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .build();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public JsonCodec withMaxMessageSize(final int maxMessageSize)
    {
        if (maxMessageSize == this.maxMessageSize)
        {
            return this;
        }
        return new JsonCodec(useBigDecimal, maxMessageSize);
    }

    /**
     * A JSON codec that decodes non-integer numbers as {@link BigDecimal} (exact prices).
     *
     * @return the codec.
     */
    public static JsonCodec bigDecimals()
    {
        return new JsonCodec(true, DEFAULT_MAX_MESSAGE_SIZE);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public Object decode(final MessageType type, final DirectBuffer buffer, final int offset, final int length)
    {
        // the decoder is the thread's own, shared by every JSON codec on it: the codec itself stays shareable
        final JsonDecoder decoder = JsonDecoder.acquire();
        try
        {
            final DirectJsonParser parser = decoder.parse(buffer, offset, length, constraints, useBigDecimal);
            final JsonToken first = parser.nextToken();
            if (null == first)
            {
                throw new CodecException("not JSON: empty " + type.name().toLowerCase() + " message");
            }
            final Object value = decoder.read(first);
            if (!parser.atEnd())
            {
                throw new CodecException("not JSON: trailing content after the value at " + parser.offset());
            }
            return value;
        }
        catch (final JsonProcessingException ex)
        {
            throw new CodecException("not JSON (" + length + " bytes): " + ex.getOriginalMessage(), ex);
        }
        catch (final IOException ex)
        {
            throw new CodecException("cannot read JSON (" + length + " bytes): " + ex.getMessage(), ex);
        }
        finally
        {
            decoder.release();
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int encode(final Object message, final MutableDirectBuffer buffer, final int offset)
    {
        final ExpandableDirectBufferOutputStream out = OUTPUT.get();
        out.wrap(buffer, offset);
        try (JsonGenerator generator = factory.createGenerator(out))
        {
            write(generator, message);
        }
        catch (final IOException ex)
        {
            throw new CodecException("cannot encode as JSON: " + ex.getMessage(), ex);
        }
        return out.position();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public MessageType frameType()
    {
        return MessageType.TEXT;
    }

    private static void write(final JsonGenerator generator, final Object value) throws IOException
    {
        if (null == value)
        {
            generator.writeNull();
        }
        else if (value instanceof CharSequence || value instanceof Character)
        {
            generator.writeString(value.toString());
        }
        else if (value instanceof Number)
        {
            writeNumber(generator, (Number)value);
        }
        else if (value instanceof Boolean)
        {
            generator.writeBoolean((Boolean)value);
        }
        else if (value instanceof Map)
        {
            generator.writeStartObject();
            for (final Map.Entry<?, ?> entry : ((Map<?, ?>)value).entrySet())
            {
                generator.writeFieldName(String.valueOf(entry.getKey()));
                write(generator, entry.getValue());
            }
            generator.writeEndObject();
        }
        else if (value instanceof Iterable)
        {
            generator.writeStartArray();
            for (final Object element : (Iterable<?>)value)
            {
                write(generator, element);
            }
            generator.writeEndArray();
        }
        else if (value instanceof Object[])
        {
            generator.writeStartArray();
            for (final Object element : (Object[])value)
            {
                write(generator, element);
            }
            generator.writeEndArray();
        }
        else if (value instanceof Enum)
        {
            generator.writeString(((Enum<?>)value).name());
        }
        else
        {
            throw new CodecException("cannot encode a " + value.getClass().getName() + " as JSON: use maps, " +
                "lists, strings, numbers, booleans and null, or a typed codec (messageType)");
        }
    }

    private static void writeNumber(final JsonGenerator generator, final Number number) throws IOException
    {
        if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte)
        {
            generator.writeNumber(number.longValue());
        }
        else if (number instanceof BigDecimal)
        {
            generator.writeNumber((BigDecimal)number);
        }
        else if (number instanceof BigInteger)
        {
            generator.writeNumber((BigInteger)number);
        }
        else
        {
            final double value = number.doubleValue();
            if (Double.isNaN(value) || Double.isInfinite(value))
            {
                throw new CodecException("cannot encode " + value + " as JSON");
            }
            generator.writeNumber(value);
        }
    }
}
