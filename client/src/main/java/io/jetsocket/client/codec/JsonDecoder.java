/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One thread's JSON-to-plain-values decoder for {@link JsonCodec}, shared by every JSON codec on the thread: a
 * reusable {@link DirectJsonParser}, a scratch stack for the entries of the objects and arrays being read, and a
 * small cache of key arrays ("shapes"), so that decoding a message allocates only its result: compact maps
 * ({@link CompactMap}) that share the key array of the previous message of the same shape, exactly sized lists,
 * and the strings and numbers not served from caches.
 */
final class JsonDecoder
{
    /** Objects with more fields than this become {@link LinkedHashMap}s, whose lookups do not scan. */
    static final int MAX_COMPACT_FIELDS = 32;
    private static final int SHAPE_SLOTS = 64;
    private static final int INITIAL_STACK = 64;
    /** A stack grown beyond this for one huge message is let go at the next message. */
    private static final int KEEP_STACK = 16 * 1024;

    private static final ThreadLocal<JsonDecoder> PER_THREAD = ThreadLocal.withInitial(JsonDecoder::new);

    private final DirectJsonParser parser = new DirectJsonParser();
    private boolean useBigDecimal;
    private boolean inUse;
    private final String[][] shapes = new String[SHAPE_SLOTS][];
    private Object[] stack = new Object[INITIAL_STACK];
    private int top;

    /**
     * This thread's decoder, or a new one if this thread's is already decoding (not expected: decoding runs no
     * application code). {@link #release()} it when done.
     *
     * @return a decoder no one else on this thread is using.
     */
    static JsonDecoder acquire()
    {
        JsonDecoder decoder = PER_THREAD.get();
        if (decoder.inUse)
        {
            decoder = new JsonDecoder();
        }
        decoder.inUse = true;
        return decoder;
    }

    /**
     * Hand back a decoder from {@link #acquire()}.
     */
    void release()
    {
        inUse = false;
    }

    /**
     * The parser, reset over a message.
     *
     * @param buffer        holding the message.
     * @param offset        of the message.
     * @param length        of the message.
     * @param limits        the limits to apply.
     * @param useBigDecimal whether non-integer numbers become {@code BigDecimal}s rather than {@code Double}s.
     * @return the parser, before the first token.
     * @throws IOException if the message is longer than the limits allow.
     */
    DirectJsonParser parse(
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final StreamReadConstraints limits,
        final boolean useBigDecimal) throws IOException
    {
        this.useBigDecimal = useBigDecimal;
        if (stack.length > KEEP_STACK)
        {
            stack = new Object[INITIAL_STACK];
        }
        else if (top > 0)
        {
            // the previous message failed half way: let go of what it had read
            Arrays.fill(stack, 0, top, null);
        }
        top = 0;
        return parser.reset(buffer, offset, length, limits);
    }

    /**
     * The value starting with the current token, leaving the parser on its last token.
     *
     * @param token the current token.
     * @return the value.
     * @throws IOException if the JSON is not valid.
     */
    Object read(final JsonToken token) throws IOException
    {
        final DirectJsonParser parser = this.parser;
        switch (token)
        {
            case START_OBJECT:
            {
                final int base = top;
                while (JsonToken.FIELD_NAME == parser.nextToken())
                {
                    final String name = parser.fieldName();
                    final Object value = read(parser.nextToken());
                    push(name, value);
                }
                return object(base);
            }
            case START_ARRAY:
            {
                final int base = top;
                JsonToken next;
                while (JsonToken.END_ARRAY != (next = parser.nextToken()))
                {
                    final Object value = read(next);
                    push(value);
                }
                return array(base);
            }
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return JsonParser.NumberType.BIG_INTEGER == parser.getNumberType() ?
                    parser.getBigIntegerValue() : (Object)parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return useBigDecimal ? parser.getDecimalValue() : (Object)parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new CodecException("unexpected JSON token " + token);
        }
    }

    private void push(final Object value)
    {
        if (top == stack.length)
        {
            stack = Arrays.copyOf(stack, top * 2);
        }
        stack[top++] = value;
    }

    private void push(final String name, final Object value)
    {
        if (top + 2 > stack.length)
        {
            stack = Arrays.copyOf(stack, top * 2);
        }
        stack[top++] = name;
        stack[top++] = value;
    }

    private List<Object> array(final int base)
    {
        final List<Object> list = new ArrayList<>(top - base);
        for (int i = base; i < top; i++)
        {
            list.add(stack[i]);
        }
        pop(base);
        return list;
    }

    private Map<String, Object> object(final int base)
    {
        final int size = (top - base) >> 1;
        // a repeated name (null shape) goes to a LinkedHashMap too: there the last value wins, as in any map
        final String[] keys = size <= MAX_COMPACT_FIELDS ? shape(base, size) : null;
        final Map<String, Object> map = null != keys ? compactMap(base, keys) : linkedMap(base, size);
        pop(base);
        return map;
    }

    /**
     * Drop the entries from {@code base} up, letting go of their values.
     */
    private void pop(final int base)
    {
        Arrays.fill(stack, base, top, null);
        top = base;
    }

    private Map<String, Object> compactMap(final int base, final String[] keys)
    {
        final Object[] stack = this.stack;
        final int size = keys.length;
        final Object[] values = new Object[size];
        for (int i = 0; i < size; i++)
        {
            values[i] = stack[base + 2 * i + 1];
        }
        return new CompactMap(keys, values, size);
    }

    private Map<String, Object> linkedMap(final int base, final int size)
    {
        final Map<String, Object> map = new LinkedHashMap<>((int)(size / 0.75f) + 1);
        for (int i = 0; i < size; i++)
        {
            map.put((String)stack[base + 2 * i], stack[base + 2 * i + 1]);
        }
        return map;
    }

    /**
     * The key array for the names on the stack: the cached one of the same names in the same order, or a new one
     * (then cached); null when a name repeats (JSON allows it: the last value wins, as in a map).
     */
    private String[] shape(final int base, final int size)
    {
        final Object[] stack = this.stack;
        int hash = size;
        for (int i = 0; i < size; i++)
        {
            hash = 31 * hash + stack[base + 2 * i].hashCode();
        }
        final int slot = (hash ^ (hash >>> 16)) & (SHAPE_SLOTS - 1);
        final String[] cached = shapes[slot];
        if (null != cached && cached.length == size && sameNames(cached, base))
        {
            return cached;
        }
        final String[] keys = new String[size];
        for (int i = 0; i < size; i++)
        {
            final String name = (String)stack[base + 2 * i];
            for (int j = 0; j < i; j++)
            {
                if (name.equals(keys[j]))
                {
                    return null;
                }
            }
            keys[i] = name;
        }
        shapes[slot] = keys;
        return keys;
    }

    private boolean sameNames(final String[] keys, final int base)
    {
        final Object[] stack = this.stack;
        for (int i = 0; i < keys.length; i++)
        {
            final Object name = stack[base + 2 * i];
            if (keys[i] != name && !keys[i].equals(name))
            {
                return false;
            }
        }
        return true;
    }
}
