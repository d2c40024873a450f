/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.autobahn;

/**
 * The WebSocket client that {@link AutobahnClientDriver} uses to talk to an Autobahn fuzzingserver.
 * <p>
 * An implementation opens one WebSocket connection per call, to the full URL it is given (the driver builds the
 * path and query: {@code /getCaseCount}, {@code /runCase?case=N&agent=A}, {@code /updateReports?agent=A}), and
 * returns only once that connection is finished: the closing handshake done, or the connection failed or dropped.
 * <p>
 * Implementations must have a public no-argument constructor: the driver instantiates the class named by the
 * {@code autobahn.client} system property. The driver calls one method at a time, from a single thread, and calls
 * {@link #close()} once at the end. A call that does not return within the driver's timeout is interrupted and the
 * driver moves on to the next case, so an implementation should give up promptly when its thread is interrupted.
 */
public interface EchoClient extends AutoCloseable
{
    /** System property: longest time one case may take, in seconds; the client closes the connection then. */
    String CASE_TIMEOUT_PROPERTY = "autobahn.caseTimeoutSeconds";

    /** Default of {@link #CASE_TIMEOUT_PROPERTY}. */
    long CASE_TIMEOUT_SECONDS_DEFAULT = 120;

    /**
     * The case timeout in force.
     *
     * @return {@link #CASE_TIMEOUT_PROPERTY} or its default, in seconds.
     */
    static long caseTimeoutSeconds()
    {
        return Long.getLong(CASE_TIMEOUT_PROPERTY, CASE_TIMEOUT_SECONDS_DEFAULT);
    }

    /**
     * Connect to {@code url} ({@code .../getCaseCount}), receive the one text message the server sends (the number
     * of cases, as decimal text) and wait for the server to close the connection.
     *
     * @param url the full WebSocket URL of the {@code getCaseCount} resource.
     * @return the number of cases the fuzzingserver runs, numbered from 1.
     * @throws Exception if the connection fails or the server sends no number.
     */
    int getCaseCount(String url) throws Exception;

    /**
     * Connect to {@code url} ({@code .../runCase?case=N&agent=A}) and echo every complete data message back to the
     * server exactly as received (a text message as text, a binary message as binary, same payload), in order,
     * answering pings and the closing handshake as the WebSocket protocol requires, until the connection is closed.
     * <p>
     * Protocol violations sent on purpose by the fuzzingserver are part of the test: handle them as the engine would
     * in production (fail the connection, with the close code RFC 6455 asks for) and return normally. Throw only if
     * the connection could not be established at all or the client itself broke.
     *
     * @param url the full WebSocket URL of the case to run.
     * @throws Exception if the case could not be run.
     */
    void runCase(String url) throws Exception;

    /**
     * Does the client want each case's description before running it ({@link #getCaseInfo(String)} and
     * {@link #runCase(String, String)})? The default is no, and the driver then calls {@link #runCase(String)}.
     *
     * @return true to be given the case information.
     */
    default boolean usesCaseInfo()
    {
        return false;
    }

    /**
     * Connect to {@code url} ({@code .../getCaseInfo?case=N}), receive the one text message the server sends (a JSON
     * object with the case's {@code id} and {@code description}) and wait for the server to close the connection.
     * Called only when {@link #usesCaseInfo()} is true.
     *
     * @param url the full WebSocket URL of the {@code getCaseInfo} resource.
     * @return the text received.
     * @throws Exception if the connection fails.
     */
    default String getCaseInfo(String url) throws Exception
    {
        throw new UnsupportedOperationException(getClass().getName() + " does not use case information");
    }

    /**
     * {@link #runCase(String)} knowing the case's description, e.g. to choose what to offer in the handshake. The
     * default ignores it.
     *
     * @param url      the full WebSocket URL of the case to run.
     * @param caseInfo what {@link #getCaseInfo(String)} returned for the case.
     * @throws Exception if the case could not be run.
     */
    default void runCase(String url, String caseInfo) throws Exception
    {
        runCase(url);
    }

    /**
     * Connect to {@code url} ({@code .../updateReports?agent=A}) and wait until the server closes the connection,
     * which it does once it has written the reports (this can take a while on a slow fuzzingserver).
     *
     * @param url the full WebSocket URL of the {@code updateReports} resource.
     * @throws Exception if the connection fails.
     */
    void updateReports(String url) throws Exception;

    /**
     * Release what the client holds (threads, selectors, buffers). The default does nothing.
     */
    @Override
    default void close()
    {
    }
}
