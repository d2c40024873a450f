/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine.handshake;

import java.util.Objects;

/**
 * One parameter of an extension in Sec-WebSocket-Extensions: a name and an optional value (a quoted-string value is
 * kept unescaped, without its quotes). Immutable.
 */
public final class ExtensionParameter
{
    private final String name;
    private final String value;

    /**
     * Create a parameter.
     *
     * @param name  the parameter name, a token.
     * @param value the value (a token, once unquoted), or null when the parameter has none, e.g.
     *              {@code client_no_context_takeover}.
     */
    public ExtensionParameter(final String name, final String value)
    {
        if (!HttpSyntax.isToken(name))
        {
            throw new IllegalArgumentException("extension parameter name " + HttpSyntax.quote(name) +
                " is not a token");
        }
        if (null != value && !HttpSyntax.isToken(value))
        {
            throw new IllegalArgumentException("value " + HttpSyntax.quote(value) + " of extension parameter " + name +
                " is not a token (RFC 6455 §9.1)");
        }
        this.name = name;
        this.value = value;
    }

    /**
     * The parameter name.
     *
     * @return the name, a token.
     */
    public String name()
    {
        return name;
    }

    /**
     * The parameter value.
     *
     * @return the value, or null when the parameter has none.
     */
    public String value()
    {
        return value;
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
        if (!(other instanceof ExtensionParameter))
        {
            return false;
        }
        final ExtensionParameter that = (ExtensionParameter)other;
        return name.equals(that.name) && Objects.equals(value, that.value);
    }

    /**
     * {@inheritDoc}
     */
    public int hashCode()
    {
        return 31 * name.hashCode() + Objects.hashCode(value);
    }

    /**
     * The parameter as written in the header, e.g. {@code client_max_window_bits=10}.
     *
     * @return {@code name} or {@code name=value}.
     */
    public String toString()
    {
        return null == value ? name : name + "=" + value;
    }
}
