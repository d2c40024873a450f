/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line options of the form {@code --name value} or {@code --flag} (a flag followed by another option
 * or by nothing is {@code true}). Unknown names are kept, and {@link #unused()} lists the ones no one read.
 */
final class Args
{
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, Boolean> read = new LinkedHashMap<>();

    Args(final String... args)
    {
        for (int i = 0; i < args.length; i++)
        {
            final String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2)
            {
                throw new IllegalArgumentException("expected --name [value], got: " + arg);
            }
            final int eq = arg.indexOf('=');
            if (eq > 0)
            {
                values.put(arg.substring(2, eq), arg.substring(eq + 1));
            }
            else if (i + 1 < args.length && !args[i + 1].startsWith("--"))
            {
                values.put(arg.substring(2), args[++i]);
            }
            else
            {
                values.put(arg.substring(2), "true");
            }
        }
    }

    boolean has(final String name)
    {
        read.put(name, Boolean.TRUE);
        return values.containsKey(name);
    }

    String get(final String name, final String defaultValue)
    {
        read.put(name, Boolean.TRUE);
        return values.getOrDefault(name, defaultValue);
    }

    String require(final String name)
    {
        final String value = get(name, null);
        if (null == value)
        {
            throw new IllegalArgumentException("missing option --" + name);
        }
        return value;
    }

    long getLong(final String name, final long defaultValue)
    {
        final String value = get(name, null);
        return null == value ? defaultValue : parseCount(name, value);
    }

    int getInt(final String name, final int defaultValue)
    {
        final long value = getLong(name, defaultValue);
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE)
        {
            throw new IllegalArgumentException("--" + name + " out of range: " + value);
        }
        return (int)value;
    }

    boolean getBoolean(final String name, final boolean defaultValue)
    {
        final String value = get(name, null);
        return null == value ? defaultValue : Boolean.parseBoolean(value);
    }

    List<String> getList(final String name, final List<String> defaultValue)
    {
        final String value = get(name, null);
        if (null == value)
        {
            return defaultValue;
        }
        final List<String> list = new ArrayList<>();
        for (final String item : value.split(","))
        {
            if (!item.isBlank())
            {
                list.add(item.trim());
            }
        }
        return list;
    }

    List<String> unused()
    {
        final List<String> unused = new ArrayList<>();
        for (final String name : values.keySet())
        {
            if (!read.containsKey(name))
            {
                unused.add(name);
            }
        }
        return unused;
    }

    /**
     * A count with an optional k/m suffix (thousands, millions) or underscores: {@code 5m}, {@code 200k},
     * {@code 10_000}.
     */
    static long parseCount(final String name, final String text)
    {
        String digits = text.trim().replace("_", "").toLowerCase(java.util.Locale.ROOT);
        long scale = 1;
        if (digits.endsWith("k"))
        {
            scale = 1_000;
            digits = digits.substring(0, digits.length() - 1);
        }
        else if (digits.endsWith("m"))
        {
            scale = 1_000_000;
            digits = digits.substring(0, digits.length() - 1);
        }
        try
        {
            return Math.multiplyExact(Long.parseLong(digits), scale);
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            throw new IllegalArgumentException("--" + name + ": not a count: " + text, ex);
        }
    }

    @Override
    public String toString()
    {
        return "Args" + Arrays.toString(values.entrySet().toArray());
    }
}
