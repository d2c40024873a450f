/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The missing-flag check must fail before Agrona does: a JVM started without
 * {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED} must see the check's message on every try, never
 * Agrona's {@link IllegalAccessError} (first try) or {@link NoClassDefFoundError} (later tries).
 */
class UnsafeAccessCheckTest
{
    static final String OUTCOME = "OUTCOME ";

    @Test
    void shouldPassWhenTheFlagIsGiven()
    {
        // The build runs tests with the flag, so this JVM has the export.
        assertDoesNotThrow(UnsafeAccessCheck::require);
    }

    @Test
    void shouldNameTheModuleToExportTo()
    {
        assertEquals("--add-exports java.base/jdk.internal.misc=ALL-UNNAMED",
            UnsafeAccessCheck.flagFor(ClassLoader.getSystemClassLoader().getUnnamedModule()));
        assertEquals("--add-exports java.base/jdk.internal.misc=java.sql",
            UnsafeAccessCheck.flagFor(java.sql.Connection.class.getModule()));
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldFailWithTheFlagInTheMessageWhenLaunchedWithoutIt() throws Exception
    {
        final List<String> outcomes = runChildWithoutFlag(Child.class.getName());

        assertEquals(3, outcomes.size(), outcomes.toString());
        for (final String outcome : outcomes)
        {
            assertTrue(outcome.startsWith(OUTCOME + "java.lang.IllegalStateException: JetSocket needs the JVM " +
                "option --add-exports java.base/jdk.internal.misc=ALL-UNNAMED"), outcome);
            assertTrue(outcome.contains("README"), outcome);
            assertFalse(outcome.contains("IllegalAccessError") || outcome.contains("NoClassDefFoundError"), outcome);
        }
    }

    /**
     * Run a main class in a JVM on this test's class path without the export, and return its {@value #OUTCOME}
     * lines.
     *
     * @param mainClass the class whose main method runs in the child.
     * @return the lines the child printed that start with {@value #OUTCOME}.
     * @throws Exception if the child cannot be started or does not finish.
     */
    static List<String> runChildWithoutFlag(final String mainClass) throws Exception
    {
        final List<String> command = List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            mainClass);
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("JDK_JAVA_OPTIONS"); // a user's own flags must not mask the missing one
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        final Process child = builder.start();
        final String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(1, TimeUnit.MINUTES), output);
        assertEquals(0, child.exitValue(), output);
        return output.lines().filter((line) -> line.startsWith(OUTCOME)).toList();
    }

    /**
     * The child JVM: try each way of starting an engine and print one {@value #OUTCOME} line per try with the
     * first (outermost) failure.
     */
    static final class Child
    {
        private Child()
        {
        }

        /**
         * Entry point.
         *
         * @param args unused.
         */
        public static void main(final String[] args)
        {
            attempt(() -> WebSocketEngine.launch(new EngineContext()).close());
            attempt(() -> WebSocketEngine.embedded(new EngineContext()).close());
            attempt(() -> WebSocketEngine.launch(new EngineContext()).close());
        }

        private static void attempt(final Runnable action)
        {
            try
            {
                action.run();
                System.out.println(OUTCOME + "started");
            }
            catch (final Throwable ex)
            {
                System.out.println(OUTCOME + ex);
            }
        }
    }
}
