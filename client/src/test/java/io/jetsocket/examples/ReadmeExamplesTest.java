/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * README's Java code is the examples' code: every tagged region of this package appears in README verbatim, and
 * every {@code ```java} block of README is made of such regions only (plus blank lines and {@code //} comment
 * lines). Change an example and README must follow; change README's code and an example must follow.
 */
class ReadmeExamplesTest
{
    private static final Path README = Path.of("../README.md");
    private static final Path EXAMPLES = Path.of("src/test/java/io/jetsocket/examples");
    /** The Aeron bridge's examples, compiled by its own module (aeron/), shown in README too. */
    private static final Path AERON_EXAMPLES = Path.of("../aeron/src/test/java/io/jetsocket/aeron");
    private static final Pattern TAG = Pattern.compile("^\\s*// tag::([a-z-]+)\\[]\\s*$");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void shouldShowEveryExampleRegionVerbatim() throws IOException
    {
        final String readme = Files.readString(README);
        final Map<String, String> regions = regions();
        assertFalse(regions.isEmpty(), "no tagged regions under " + EXAMPLES.toAbsolutePath());
        for (final Map.Entry<String, String> region : regions.entrySet())
        {
            assertTrue(readme.contains(region.getValue()), "README.md does not show the example region '" +
                region.getKey() + "' as the code has it:\n" + region.getValue());
        }
    }

    @Test
    void shouldHaveNoJavaInReadmeThatIsNotAnExample() throws IOException
    {
        final String readme = Files.readString(README);
        final Map<String, String> regions = regions();
        final Matcher block = JAVA_BLOCK.matcher(readme);
        int blocks = 0;
        while (block.find())
        {
            blocks++;
            String rest = block.group(1);
            for (final String region : regions.values())
            {
                rest = rest.replace(region, "");
            }
            for (final String line : rest.split("\n"))
            {
                final String trimmed = line.trim();
                assertTrue(trimmed.isEmpty() || trimmed.startsWith("//"), "README.md has Java that no example " +
                    "compiles (put it in an example under " + EXAMPLES + " between tag comments): " + line);
            }
        }
        assertTrue(blocks > 0, "README.md has no java code block");
    }

    /**
     * The tagged regions of the examples, de-indented by the indentation of their first line, each ending with a
     * line feed.
     */
    static Map<String, String> regions() throws IOException
    {
        final Map<String, String> regions = new LinkedHashMap<>();
        try (Stream<Path> files = Stream.concat(Files.list(EXAMPLES), Files.list(AERON_EXAMPLES)))
        {
            for (final Path file : files.filter((f) -> f.toString().endsWith("Example.java")).sorted().toList())
            {
                final List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++)
                {
                    final Matcher tag = TAG.matcher(lines.get(i));
                    if (tag.matches())
                    {
                        final String name = tag.group(1);
                        final List<String> body = new ArrayList<>();
                        int j = i + 1;
                        while (!lines.get(j).trim().equals("// end::" + name + "[]"))
                        {
                            body.add(lines.get(j));
                            j++;
                        }
                        assertFalse(regions.containsKey(name), "region '" + name + "' tagged twice");
                        regions.put(name, deindent(body));
                        i = j;
                    }
                }
            }
        }
        return regions;
    }

    private static String deindent(final List<String> body)
    {
        final String first = body.get(0);
        final int indent = first.length() - first.stripLeading().length();
        final StringBuilder text = new StringBuilder();
        for (final String line : body)
        {
            assertTrue(line.isBlank() || line.length() - line.stripLeading().length() >= indent,
                "a line of a region is indented less than its first line: " + line);
            text.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return text.toString();
    }

    @Test
    void shouldDeindentByTheFirstLine()
    {
        assertEquals("a\n  b\n\nc\n", deindent(List.of("    a", "      b", "", "    c")));
    }
}
