/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.handshake;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An extension the server accepted in Sec-WebSocket-Extensions: its name and its parameters in the order received.
 * Only the syntax is checked here; what the parameters mean (e.g. permessage-deflate window bits) is for the
 * extension's own code to validate. Immutable.
 */
public final class NegotiatedExtension
{
    private final String name;
    private final List<ExtensionParameter> parameters;

    /**
     * Create an extension.
     *
     * @param name       the extension name, a token.
     * @param parameters its parameters in order, copied.
     */
    public NegotiatedExtension(final String name, final List<ExtensionParameter> parameters)
    {
        if (!HttpSyntax.isToken(name))
        {
            throw new IllegalArgumentException("extension name " + HttpSyntax.quote(name) + " is not a token");
        }
        this.name = name;
        this.parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
    }

    /**
     * The extension name, e.g. {@code permessage-deflate}.
     *
     * @return the name.
     */
    public String name()
    {
        return name;
    }

    /**
     * The parameters in the order received, repetitions included.
     *
     * @return the parameters; unmodifiable.
     */
    public List<ExtensionParameter> parameters()
    {
        return parameters;
    }

    /**
     * Is a parameter present (with or without a value)?
     *
     * @param parameterName the name to look for, compared case-sensitively.
     * @return true when at least one parameter has this name.
     */
    public boolean hasParameter(final String parameterName)
    {
        for (final ExtensionParameter parameter : parameters)
        {
            if (parameter.name().equals(parameterName))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * The value of the first parameter with a name.
     *
     * @param parameterName the name to look for, compared case-sensitively.
     * @return the value, or null when the parameter is absent or has no value.
     */
    public String parameterValue(final String parameterName)
    {
        for (final ExtensionParameter parameter : parameters)
        {
            if (parameter.name().equals(parameterName))
            {
                return parameter.value();
            }
        }
        return null;
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
        if (!(other instanceof NegotiatedExtension))
        {
            return false;
        }
        final NegotiatedExtension that = (NegotiatedExtension)other;
        return name.equals(that.name) && parameters.equals(that.parameters);
    }

    /**
     * {@inheritDoc}
     */
    public int hashCode()
    {
        return 31 * name.hashCode() + parameters.hashCode();
    }

    /**
     * The extension as written in the header, e.g. {@code permessage-deflate; client_max_window_bits=10}.
     *
     * @return the header form.
     */
    public String toString()
    {
        final StringBuilder sb = new StringBuilder(name);
        for (final ExtensionParameter parameter : parameters)
        {
            sb.append("; ").append(parameter);
        }
        return sb.toString();
    }
}
