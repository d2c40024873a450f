/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.perf.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The library versions pinned in {@code perf/pom.xml}, written into a resource by the build.
 */
final class LoadVersions
{
    private static final Properties VERSIONS = load();

    private LoadVersions()
    {
    }

    static String get(final String library)
    {
        return VERSIONS.getProperty(library, "?");
    }

    private static Properties load()
    {
        final Properties properties = new Properties();
        try (InputStream in = LoadVersions.class.getResourceAsStream("/load-versions.properties"))
        {
            if (null != in)
            {
                properties.load(in);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return properties;
    }
}
