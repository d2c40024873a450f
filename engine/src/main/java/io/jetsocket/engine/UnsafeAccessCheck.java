/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.engine;

/**
 * Checks, before any Agrona class is initialised, that the JVM lets Agrona reach
 * {@code jdk.internal.misc.Unsafe}.
 * <p>
 * Agrona 2 (every buffer and queue JetSocket uses) links against {@code jdk.internal.misc.Unsafe}, which
 * {@code java.base} does not export. Without {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED} the
 * first Agrona class that touches it fails its static initialiser with an {@link IllegalAccessError}, and every
 * later use of that class with a {@link NoClassDefFoundError} that no longer says why. This check asks the module
 * system instead, so it can fail first with a message that names the flag.
 * <p>
 * {@link WebSocketEngine#launch(EngineContext)}, {@link WebSocketEngine#embedded(EngineContext)} and the client's
 * builder call it; applications that use Agrona themselves before that may call {@link #require()} at start-up.
 * This class deliberately has no Agrona imports: it loads Agrona's {@code UnsafeApi} class only to learn which
 * module it is in, without initialising it.
 */
public final class UnsafeAccessCheck
{
    /** The package Agrona needs exported from {@code java.base}. */
    public static final String PACKAGE = "jdk.internal.misc";

    private static final String AGRONA_UNSAFE_CLASS = "org.agrona.UnsafeApi";

    private static volatile boolean passed;

    private UnsafeAccessCheck()
    {
    }

    /**
     * Throw unless {@code java.base} exports {@code jdk.internal.misc} to the module Agrona runs in.
     * Cheap after the first successful call.
     *
     * @throws IllegalStateException naming the JVM flag to add and where to read how to add it.
     */
    public static void require()
    {
        if (passed)
        {
            return;
        }
        final Module agrona = agronaModule();
        if (null != agrona && !Object.class.getModule().isExported(PACKAGE, agrona))
        {
            throw new IllegalStateException(missingFlagMessage(agrona));
        }
        passed = true;
    }

    /**
     * The JVM option that grants the access, for the module Agrona is in ({@code ALL-UNNAMED} on the class path,
     * {@code org.agrona} on the module path).
     *
     * @param agrona the module Agrona's classes are in.
     * @return the option, ready to paste onto a {@code java} command line.
     */
    static String flagFor(final Module agrona)
    {
        final String target = agrona.isNamed() ? agrona.getName() : "ALL-UNNAMED";
        return "--add-exports java.base/" + PACKAGE + "=" + target;
    }

    static String missingFlagMessage(final Module agrona)
    {
        final String flag = flagFor(agrona);
        return "JetSocket needs the JVM option " + flag + " (Agrona 2, which JetSocket runs on, uses " +
            "jdk.internal.misc.Unsafe). Add it to the java command line (before -jar or the main class), to " +
            "JDK_JAVA_OPTIONS, or to your build's test JVM (Maven Surefire/Failsafe <argLine>, Gradle " +
            "test { jvmArgs }, IntelliJ run configuration VM options); an executable jar can carry " +
            "'Add-Exports: java.base/" + PACKAGE + "' in its manifest instead. See README, section " +
            "\"The JVM flag\".";
    }

    private static Module agronaModule()
    {
        try
        {
            // initialize=false: loading the class runs none of its code, so this cannot trigger the failure itself.
            return Class.forName(AGRONA_UNSAFE_CLASS, false, UnsafeAccessCheck.class.getClassLoader()).getModule();
        }
        catch (final ClassNotFoundException ex)
        {
            return null; // not Agrona 2 (or not Agrona at all): nothing this check knows how to verify
        }
    }
}
