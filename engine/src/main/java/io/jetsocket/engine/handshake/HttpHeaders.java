/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.handshake;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Immutable, case-insensitive multi-map of HTTP header fields, as received: every field is kept in arrival order,
 * repeated fields keep all their values in order, and lookups ignore the case of the name.
 */
public final class HttpHeaders
{
    /** Headers with no field. */
    public static final HttpHeaders EMPTY = new HttpHeaders(new String[0], new String[0]);

    private final String[] names;
    private final String[] values;
    private final Map<String, List<String>> valuesByLowerCaseName;
    private final List<String> distinctNames;

    private HttpHeaders(final String[] names, final String[] values)
    {
        this.names = names;
        this.values = values;

        final Map<String, List<String>> byName = new HashMap<>();
        final List<String> distinct = new ArrayList<>();
        for (int i = 0; i < names.length; i++)
        {
            final String key = names[i].toLowerCase(Locale.ROOT);
            List<String> list = byName.get(key);
            if (null == list)
            {
                list = new ArrayList<>(1);
                byName.put(key, list);
                distinct.add(names[i]);
            }
            list.add(values[i]);
        }
        for (final Map.Entry<String, List<String>> entry : byName.entrySet())
        {
            entry.setValue(Collections.unmodifiableList(entry.getValue()));
        }
        this.valuesByLowerCaseName = byName;
        this.distinctNames = Collections.unmodifiableList(distinct);
    }

    /**
     * Create headers from parallel lists of names and values, in arrival order.
     *
     * @param names  field names, as received.
     * @param values field values, as received (without surrounding whitespace).
     * @return the immutable headers.
     */
    static HttpHeaders of(final List<String> names, final List<String> values)
    {
        if (names.size() != values.size())
        {
            throw new IllegalArgumentException("names and values differ in size");
        }
        if (names.isEmpty())
        {
            return EMPTY;
        }
        return new HttpHeaders(names.toArray(new String[0]), values.toArray(new String[0]));
    }

    /**
     * Create headers from alternating names and values, e.g. {@code of("Upgrade", "websocket")}.
     *
     * @param namesAndValues name, value, name, value...
     * @return the immutable headers.
     */
    public static HttpHeaders of(final String... namesAndValues)
    {
        if (namesAndValues.length % 2 != 0)
        {
            throw new IllegalArgumentException("expected name/value pairs, got " + namesAndValues.length + " strings");
        }
        final String[] names = new String[namesAndValues.length / 2];
        final String[] values = new String[names.length];
        for (int i = 0; i < names.length; i++)
        {
            names[i] = namesAndValues[2 * i];
            values[i] = namesAndValues[2 * i + 1];
            if (null == names[i] || null == values[i])
            {
                throw new IllegalArgumentException("header names and values must not be null");
            }
        }
        return names.length == 0 ? EMPTY : new HttpHeaders(names, values);
    }

    /**
     * The first value of a header.
     *
     * @param name of the header, any case.
     * @return the first value, or null when the header is absent.
     */
    public String first(final String name)
    {
        final List<String> list = valuesByLowerCaseName.get(name.toLowerCase(Locale.ROOT));
        return null == list ? null : list.get(0);
    }

    /**
     * All the values of a header, in arrival order.
     *
     * @param name of the header, any case.
     * @return the values, empty when the header is absent; unmodifiable.
     */
    public List<String> all(final String name)
    {
        final List<String> list = valuesByLowerCaseName.get(name.toLowerCase(Locale.ROOT));
        return null == list ? Collections.emptyList() : list;
    }

    /**
     * Is the header present at least once?
     *
     * @param name of the header, any case.
     * @return true when at least one field has this name.
     */
    public boolean contains(final String name)
    {
        return valuesByLowerCaseName.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /**
     * The distinct header names, each in the case of its first occurrence, in order of first occurrence.
     *
     * @return the names; unmodifiable.
     */
    public List<String> names()
    {
        return distinctNames;
    }

    /**
     * Number of header fields, counting each repetition.
     *
     * @return the number of fields.
     */
    public int size()
    {
        return names.length;
    }

    /**
     * Are there no header fields?
     *
     * @return true when there is no field.
     */
    public boolean isEmpty()
    {
        return names.length == 0;
    }

    /**
     * Name of the field at an index, in arrival order.
     *
     * @param index from 0 to {@link #size()} - 1.
     * @return the field name as received.
     */
    public String name(final int index)
    {
        return names[index];
    }

    /**
     * Value of the field at an index, in arrival order.
     *
     * @param index from 0 to {@link #size()} - 1.
     * @return the field value as received, without surrounding whitespace.
     */
    public String value(final int index)
    {
        return values[index];
    }

    /**
     * A copy as a map whose lookups ignore case ({@link String#CASE_INSENSITIVE_ORDER}); keys are the names in the
     * case of their first occurrence, sorted case-insensitively, and values are all the values of each name in
     * arrival order.
     *
     * @return an unmodifiable case-insensitive map.
     */
    public Map<String, List<String>> asMap()
    {
        final TreeMap<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (final String name : distinctNames)
        {
            map.put(name, all(name));
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * {@inheritDoc}
     */
    public boolean equals(final Object other)
    {
        if (this == other)
        {
            return true;
        }
        if (!(other instanceof HttpHeaders))
        {
            return false;
        }
        final HttpHeaders that = (HttpHeaders)other;
        return Arrays.equals(names, that.names) && Arrays.equals(values, that.values);
    }

    /**
     * {@inheritDoc}
     */
    public int hashCode()
    {
        return 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
    }

    /**
     * The fields one a line, as {@code Name: value}, values of untrusted length cut short.
     *
     * @return a printable rendering.
     */
    public String toString()
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.length; i++)
        {
            sb.append(names[i]).append(": ").append(HttpSyntax.quote(values[i])).append('\n');
        }
        return sb.toString();
    }
}
