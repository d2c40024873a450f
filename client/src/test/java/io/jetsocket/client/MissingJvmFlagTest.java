/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client built in a JVM without {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED} must fail at
 * {@code build()} with a message naming the flag, on every try: not with Agrona's {@link IllegalAccessError} or,
 * on later tries, {@link NoClassDefFoundError}.
 */
class MissingJvmFlagTest
{
    private static final String OUTCOME = "OUTCOME ";

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldNameTheFlagWhenBuildingWithoutIt() throws Exception
    {
        final ProcessBuilder builder = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            Child.class.getName()).redirectErrorStream(true);
        builder.environment().remove("JDK_JAVA_OPTIONS"); // a user's own flags must not mask the missing one
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        final Process child = builder.start();
        final String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(1, TimeUnit.MINUTES), output);
        assertEquals(0, child.exitValue(), output);

        final List<String> outcomes = output.lines().filter((line) -> line.startsWith(OUTCOME)).toList();
        assertEquals(3, outcomes.size(), output);
        for (final String outcome : outcomes)
        {
            assertTrue(outcome.startsWith(OUTCOME + "java.lang.IllegalStateException: JetSocket needs the JVM " +
                "option --add-exports java.base/jdk.internal.misc=ALL-UNNAMED"), outcome);
            assertFalse(outcome.contains("IllegalAccessError") || outcome.contains("NoClassDefFoundError"), outcome);
        }
    }

    /**
     * The child JVM: build clients the ways a user would and print one {@value #OUTCOME} line per try with the
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
            attempt(() -> WebSocket.builder("ws://127.0.0.1:9/").build());
            attempt(() -> WebSocket.builder("ws://127.0.0.1:9/").buildSync());
            attempt(() -> WebSocket.builder("ws://127.0.0.1:9/").build());
        }

        private static void attempt(final Runnable action)
        {
            try
            {
                action.run();
                System.out.println(OUTCOME + "built");
            }
            catch (final Throwable ex)
            {
                System.out.println(OUTCOME + ex);
            }
        }
    }
}
