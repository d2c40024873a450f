/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import java.util.Map;

/**
 * What one client JVM reported for one workload and repetition.
 *
 * @param spec        the workload.
 * @param client      the client's name.
 * @param rep         repetition, from 1.
 * @param values      the RESULT line's values (empty on failure).
 * @param error       why it failed, or null.
 * @param wallSeconds the JVM's wall time, start to exit.
 */
record RunResult(WorkloadSpec spec, String client, int rep, Map<String, String> values, String error,
    double wallSeconds)
{
    double number(final String key)
    {
        final String value = null == values ? null : values.get(key);
        if (null == value)
        {
            return Double.NaN;
        }
        try
        {
            return Double.parseDouble(value);
        }
        catch (final NumberFormatException ex)
        {
            return Double.NaN;
        }
    }

    boolean ok()
    {
        return null == error;
    }
}
