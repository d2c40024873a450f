/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.jetsocket.engine.MessageType;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.io.ExpandableDirectBufferOutputStream;

import java.io.IOException;

/**
 * Typed messages: JSON bound to a record or class with Jackson Databind (an optional dependency: add
 * {@code com.fasterxml.jackson.core:jackson-databind} to use it). Unknown JSON properties are ignored, as
 * pydantic does by default. Messages are sent as text frames.
 * <p>
 * With the codec's own mapper, messages are bound from one parser per thread reused over the receive buffer (see
 * {@link JsonCodec}); with an application's mapper, from that mapper's own parser, so that its factory's features
 * apply.
 *
 * @param <T> the message type.
 */
public final class TypedJsonCodec<T> implements Codec<T>
{
    private static final ThreadLocal<ExpandableDirectBufferOutputStream> OUTPUT =
        ThreadLocal.withInitial(ExpandableDirectBufferOutputStream::new);

    private final ObjectMapper mapper;
    private final JavaType type;
    private final boolean ownMapper;
    private final int maxMessageSize;
    /** With the codec's own mapper: the reader binding from the thread's reused parser; null otherwise. */
    private final ObjectReader reader;
    private final StreamReadConstraints constraints;

    /**
     * A codec for a type, with a default mapper (unknown properties ignored).
     *
     * @param type the message class, e.g. a record.
     */
    public TypedJsonCodec(final Class<T> type)
    {
        this(defaultMapper(new JsonFactory()), type, true, JsonCodec.DEFAULT_MAX_MESSAGE_SIZE);
    }

    /**
     * A codec for a type with the application's mapper.
     *
     * @param mapper configured by the application; thread safe once configured.
     * @param type   the message class.
     */
    @SuppressWarnings("exports") // Databind is optional (requires static): whoever passes a mapper has it
    public TypedJsonCodec(final ObjectMapper mapper, final Class<T> type)
    {
        this(mapper, type, false, 0);
    }

    private TypedJsonCodec(
        final ObjectMapper mapper, final Class<T> type, final boolean ownMapper, final int maxMessageSize)
    {
        this.mapper = mapper;
        this.type = mapper.constructType(type);
        this.ownMapper = ownMapper;
        this.maxMessageSize = maxMessageSize;
        // the default mapper's factory has no feature a DirectJsonParser lacks; an application's mapper may
        // (comments, non-numeric numbers...), so it keeps Jackson's own parser
        this.reader = ownMapper ? mapper.readerFor(this.type) : null;
        this.constraints = ownMapper ? JsonCodec.readConstraints(maxMessageSize) : null;
    }

    private static ObjectMapper defaultMapper(final JsonFactory factory)
    {
        return new ObjectMapper(factory).configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /**
     * {@inheritDoc} The default mapper gets {@link JsonCodec#readConstraints(int)}; an application's own mapper
     * is left as the application configured it.
     */
    @Override
    @SuppressWarnings("unchecked")
    public TypedJsonCodec<T> withMaxMessageSize(final int maxMessageSize)
    {
        if (!ownMapper || maxMessageSize == this.maxMessageSize)
        {
            return this;
        }
        final JsonFactory limited = JsonFactory.builder()
            .streamReadConstraints(JsonCodec.readConstraints(maxMessageSize)).build();
        return new TypedJsonCodec<>(defaultMapper(limited), (Class<T>)type.getRawClass(), true, maxMessageSize);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public T decode(final MessageType frameType, final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            if (null != reader)
            {
                return bind(buffer, offset, length);
            }
            final byte[] array = buffer.byteArray();
            if (null != array)
            {
                return mapper.readValue(array, Scratch.arrayIndex(buffer, offset), length, type);
            }
            return mapper.readValue(Scratch.copy(buffer, offset, length), 0, length, type);
        }
        catch (final JsonProcessingException ex)
        {
            throw new CodecException("not a valid " + type.getRawClass().getSimpleName() + ": " +
                ex.getOriginalMessage(), ex);
        }
        catch (final IOException ex)
        {
            throw new CodecException("cannot read a " + type.getRawClass().getSimpleName() + ": " +
                ex.getMessage(), ex);
        }
    }

    private T bind(final DirectBuffer buffer, final int offset, final int length) throws IOException
    {
        final DirectJsonParser parser = DirectJsonParser.acquire();
        try
        {
            parser.setCodec(reader);
            return reader.readValue(parser.reset(buffer, offset, length, constraints));
        }
        finally
        {
            parser.release();
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int encode(final T message, final MutableDirectBuffer buffer, final int offset)
    {
        final ExpandableDirectBufferOutputStream out = OUTPUT.get();
        out.wrap(buffer, offset);
        try
        {
            mapper.writeValue(out, message);
        }
        catch (final IOException ex)
        {
            throw new CodecException("cannot encode " + (null == message ? "null" : message.getClass().getName()) +
                " as JSON: " + ex.getMessage(), ex);
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

    /**
     * The message type.
     *
     * @return the class messages are bound to.
     */
    public Class<?> messageType()
    {
        return type.getRawClass();
    }
}
