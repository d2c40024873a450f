/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.client;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A small modular application ({@code requires io.jetsocket.client;} and nothing else) compiles and runs against
 * the engine and client modules, with Agrona and Jackson Core on the module path: the module declarations
 * require what the library needs, export the API and hide {@code io.jetsocket.client.agent}.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ModularApplicationTest
{
    private static final String MODULE_INFO = "module demo.app\n{\n    requires io.jetsocket.client;\n}\n";
    private static final String MAIN = String.join("\n",
        "package demo;",
        "",
        "import io.jetsocket.client.WebSocket;",
        "import io.jetsocket.client.config.BackoffConfig;",
        "",
        "public final class Main",
        "{",
        "    public static void main(final String[] args)",
        "    {",
        "        WebSocket<Object> ws = WebSocket.builder(\"ws://127.0.0.1:9/\")",
        "            .backoff(BackoffConfig.defaults()).build();",
        "        System.out.println(\"BUILT \" + WebSocket.class.getModule().getName() + \" \" + ws.state());",
        "    }",
        "}",
        "");

    @TempDir
    static Path work;
    private static String modulePath;

    @BeforeAll
    static void compile() throws Exception
    {
        final List<String> entries = new ArrayList<>();
        for (final String entry : System.getProperty("java.class.path").split(File.pathSeparator))
        {
            final String name = Path.of(entry).toString();
            if (name.endsWith("-tests.jar") || name.endsWith("test-classes"))
            {
                continue; // the engine's test fixtures: no part of what a modular application uses
            }
            if (name.contains("jetsocket-engine") || name.contains("engine" + File.separator + "target") ||
                name.contains("client" + File.separator + "target" + File.separator + "classes") ||
                name.contains("agrona") || name.contains("jackson-core") || name.contains("HdrHistogram"))
            {
                entries.add(entry);
            }
        }
        modulePath = String.join(File.pathSeparator, entries);

        final Path src = Files.createDirectories(work.resolve("src/demo"));
        Files.writeString(work.resolve("src/module-info.java"), MODULE_INFO);
        Files.writeString(src.resolve("Main.java"), MAIN);
        final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        final ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        final int rc = javac.run(null, diagnostics, diagnostics, "-d", work.resolve("out").toString(),
            "--module-path", modulePath,
            work.resolve("src/module-info.java").toString(), src.resolve("Main.java").toString());
        assertEquals(0, rc, "the modular application does not compile against " + modulePath + ":\n" +
            diagnostics.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldRunOnTheModulePathWithTheFlagForAgronasModule() throws Exception
    {
        final String output = run("--add-exports", "java.base/jdk.internal.misc=org.agrona");

        assertTrue(output.contains("BUILT io.jetsocket.client IDLE"), output);
    }

    @Test
    void shouldNameAgronasModuleInTheFlagWhenItIsMissing() throws Exception
    {
        final String output = run();

        assertTrue(output.contains("--add-exports java.base/jdk.internal.misc=org.agrona"), output);
        assertTrue(!output.contains("IllegalAccessError") && !output.contains("NoClassDefFoundError"), output);
    }

    @Test
    void shouldNotExportTheAgents() throws Exception
    {
        final String agents = "io.jetsocket.client.agent";
        final String output = run("--add-exports", "java.base/jdk.internal.misc=org.agrona",
            "--describe-module", "io.jetsocket.client");

        assertTrue(output.contains("exports io.jetsocket.client.event"), output);
        assertTrue(output.contains("contains " + agents) && !output.contains("exports " + agents), output);
    }

    private static String run(final String... options) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(options));
        command.addAll(List.of("--module-path", work.resolve("out") + File.pathSeparator + modulePath));
        if (!List.of(options).contains("--describe-module"))
        {
            command.addAll(List.of("-m", "demo.app/demo.Main"));
        }
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        final Process child = builder.start();
        final String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(1, TimeUnit.MINUTES), output);
        return output;
    }
}
