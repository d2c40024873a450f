/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.autobahn;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Judges an Autobahn fuzzingserver report: reads {@code index.json} from the report directory, counts the outcomes
 * per section and sub-section, writes them as a markdown table, and fails (exit status 1) if any case is not OK
 * (both {@code behavior} and {@code behaviorClose}), apart from the cases of {@link #ALLOWED_INFORMATIONAL}.
 * <p>
 * Usage: {@code ReportSummary <report-dir> <output.md> [--agent NAME] [--status FILE]}. Without {@code --agent}
 * every agent in the report is judged. {@code --status} names the status file written by
 * {@link AutobahnClientDriver} ({@code autobahn.statusFile}): its agent is then the one judged, the report must
 * hold exactly its case count, and every case the client could not run to the end counts as a failure.
 * <p>
 * Exit status: 0 if every case passed, 1 if any failed, 2 if the report could not be read or on bad usage.
 */
public final class ReportSummary
{
    /**
     * Cases whose only possible outcome is INFORMATIONAL: autobahntestsuite 0.5.x sets both {@code behavior} and
     * {@code behaviorClose} to INFORMATIONAL whatever the client does. They pass with INFORMATIONAL (or OK).
     * <ul>
     *   <li>7.1.6: a 256 KiB text message, a close and a ping sent back to back; whether the echo still goes out
     *   before the close is implementation-defined (RFC 6455 does not say), so the case only informs.</li>
     *   <li>7.13.1: close code 5000, outside the ranges RFC 6455 defines; what the client does is undefined.</li>
     *   <li>7.13.2: close code 65535, likewise undefined.</li>
     * </ul>
     * Sections 1 to 10 of this suite version have no case that can only be UNIMPLEMENTED (those are the
     * permessage-deflate sections 12 and 13, absent from 0.5.x), so UNIMPLEMENTED always fails.
     */
    public static final Map<String, String> ALLOWED_INFORMATIONAL = Collections.unmodifiableMap(new TreeMap<>(Map.of(
        "7.1.6", "text message, close and ping back to back: processing order is implementation-defined",
        "7.13.1", "close code 5000: behaviour undefined by RFC 6455",
        "7.13.2", "close code 65535: behaviour undefined by RFC 6455")));

    /**
     * Outcome of a case as the fuzzingserver reports it, in increasing order of severity.
     */
    public enum Outcome
    {
        /**
         * Passed.
         */
        OK("OK"),
        /**
         * Only informs; no pass or fail is possible.
         */
        INFORMATIONAL("INFORMATIONAL"),
        /**
         * The feature tested is not implemented.
         */
        UNIMPLEMENTED("UNIMPLEMENTED"),
        /**
         * Passed, but not the way the specification prefers (for example not failing fast).
         */
        NON_STRICT("NON-STRICT"),
        /**
         * Failed: any other value the fuzzingserver writes (FAILED, UNCLEAN, WRONG CODE, ...).
         */
        FAILED("FAILED");

        private final String label;

        Outcome(final String label)
        {
            this.label = label;
        }

        /**
         * The column heading the fuzzingserver uses for this outcome.
         *
         * @return the label, for example {@code NON-STRICT}.
         */
        public String label()
        {
            return label;
        }

        /**
         * Map a {@code behavior} or {@code behaviorClose} value of the report to an outcome.
         *
         * @param value the value written by the fuzzingserver.
         * @return the matching outcome; {@link #FAILED} for any value that is not one of the others.
         */
        public static Outcome of(final String value)
        {
            for (final Outcome outcome : values())
            {
                if (outcome != FAILED && outcome.label.equals(value))
                {
                    return outcome;
                }
            }
            return FAILED;
        }
    }

    /**
     * One case of the report.
     *
     * @param agent           the agent (client) name.
     * @param id              the case id, for example {@code 6.4.1}.
     * @param behavior        the {@code behavior} value.
     * @param behaviorClose   the {@code behaviorClose} value.
     * @param durationMillis  how long the case took on the fuzzingserver.
     * @param remoteCloseCode the close code the client sent, or -1 if none.
     */
    public record CaseResult(
        String agent, String id, String behavior, String behaviorClose, long durationMillis, int remoteCloseCode)
    {
        /**
         * The worse of the two outcomes: what the case counts as in the summary.
         *
         * @return the outcome of the case.
         */
        public Outcome outcome()
        {
            final Outcome a = Outcome.of(behavior);
            final Outcome b = Outcome.of(behaviorClose);
            return a.compareTo(b) >= 0 ? a : b;
        }

        /**
         * Whether the case passes: both values OK, or an allow-listed case with only OK or INFORMATIONAL.
         *
         * @return true if the case does not fail the build.
         */
        public boolean passed()
        {
            final Outcome outcome = outcome();
            return Outcome.OK == outcome ||
                (Outcome.INFORMATIONAL == outcome && ALLOWED_INFORMATIONAL.containsKey(id));
        }

        /**
         * The section (first number of the id).
         *
         * @return for example {@code 6} for case {@code 6.4.1}.
         */
        public String section()
        {
            final int dot = id.indexOf('.');
            return dot < 0 ? id : id.substring(0, dot);
        }

        /**
         * The sub-section (first two numbers of the id).
         *
         * @return for example {@code 6.4} for case {@code 6.4.1}.
         */
        public String subSection()
        {
            final int first = id.indexOf('.');
            final int second = first < 0 ? -1 : id.indexOf('.', first + 1);
            return second < 0 ? id : id.substring(0, second);
        }
    }

    private static final Map<String, String> SECTION_NAMES = Map.ofEntries(
        Map.entry("1", "Framing"),
        Map.entry("2", "Pings/Pongs"),
        Map.entry("3", "Reserved Bits"),
        Map.entry("4", "Opcodes"),
        Map.entry("5", "Fragmentation"),
        Map.entry("6", "UTF-8 Handling"),
        Map.entry("7", "Close Handling"),
        Map.entry("8", "Misc"),
        Map.entry("9", "Limits/Performance"),
        Map.entry("10", "Misc"),
        Map.entry("12", "WebSocket Compression"),
        Map.entry("13", "WebSocket Compression"));

    /**
     * Orders case ids numerically, part by part: 1.2.10 after 1.2.9, 10.1.1 after 9.8.6.
     */
    public static final Comparator<String> CASE_ORDER = ReportSummary::compareIds;

    private final List<CaseResult> results;
    private final List<String> problems;

    /**
     * A summary of the given cases, plus problems found outside them (missing cases, client errors).
     *
     * @param results  the cases of the report.
     * @param problems failures that are not tied to one case result.
     */
    public ReportSummary(final List<CaseResult> results, final List<String> problems)
    {
        final List<CaseResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparing(CaseResult::agent).thenComparing(CaseResult::id, CASE_ORDER));
        this.results = Collections.unmodifiableList(sorted);
        this.problems = List.copyOf(problems);
    }

    /**
     * Judge a report; see the class documentation.
     *
     * @param args the report directory, the markdown output file, and options.
     */
    public static void main(final String[] args)
    {
        int status;
        try
        {
            status = run(args);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("autobahn summary: " + ex.getMessage());
            System.err.println("usage: ReportSummary <report-dir> <output.md> [--agent NAME] [--status FILE]");
            status = 2;
        }
        catch (final IOException ex)
        {
            System.err.println("autobahn summary: cannot read the report: " + ex);
            status = 2;
        }
        System.exit(status);
    }

    private static int run(final String[] args) throws IOException
    {
        if (args.length < 2 || args.length % 2 != 0)
        {
            throw new IllegalArgumentException("wrong number of arguments: " + Arrays.toString(args));
        }
        String agent = null;
        Path statusFile = null;
        for (int i = 2; i < args.length; i += 2)
        {
            if ("--agent".equals(args[i]))
            {
                agent = args[i + 1];
            }
            else if ("--status".equals(args[i]))
            {
                statusFile = Paths.get(args[i + 1]);
            }
            else
            {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }

        final Path index = Paths.get(args[0]).resolve("index.json");
        final ReportSummary summary = load(index, agent, statusFile);
        final String markdown = summary.toMarkdown(true);
        final Path output = Paths.get(args[1]);
        final Path parent = output.toAbsolutePath().getParent();
        if (null != parent)
        {
            Files.createDirectories(parent);
        }
        Files.writeString(output, markdown, StandardCharsets.UTF_8);

        System.out.println(summary.toMarkdown(false));
        System.out.println("autobahn summary: written to " + output + " (with the table by sub-section)");
        if (summary.passed())
        {
            System.out.println("autobahn summary: PASSED, " + summary.results.size() + " cases");
            return 0;
        }
        System.out.println("autobahn summary: FAILED, " + summary.failures().size() + " of " +
            summary.results.size() + " cases not OK" +
            (summary.problems.isEmpty() ? "" : ", " + summary.problems.size() + " other problem(s)"));
        return 1;
    }

    /**
     * Read a report and, if given, the driver's status file.
     *
     * @param index      the {@code index.json} file.
     * @param agent      the agent to judge, or null for the status file's agent or else every agent.
     * @param statusFile the driver's status file, or null.
     * @return the summary.
     * @throws IOException if a file cannot be read or parsed.
     */
    public static ReportSummary load(final Path index, final String agent, final Path statusFile) throws IOException
    {
        final List<String> problems = new ArrayList<>();
        String wanted = agent;
        int expectedCases = -1;
        if (null != statusFile)
        {
            final Properties status = new Properties();
            try (Reader in = Files.newBufferedReader(statusFile, StandardCharsets.UTF_8))
            {
                status.load(in);
            }
            if (null == wanted)
            {
                wanted = status.getProperty("agent");
            }
            expectedCases = Integer.parseInt(status.getProperty("caseCount", "-1"));
            final int clientErrors = Integer.parseInt(status.getProperty("clientErrors", "0"));
            for (int i = 0; i < clientErrors; i++)
            {
                problems.add("client could not run case " + status.getProperty("clientError." + i));
            }
        }

        List<CaseResult> results;
        try (Reader in = Files.newBufferedReader(index, StandardCharsets.UTF_8))
        {
            results = parse(in);
        }
        if (null != wanted)
        {
            final String name = wanted;
            results = results.stream().filter((r) -> r.agent().equals(name)).toList();
        }
        if (results.isEmpty())
        {
            problems.add("no case results" + (null == wanted ? "" : " for agent " + wanted) + " in " + index);
        }
        if (expectedCases >= 0 && results.size() != expectedCases)
        {
            problems.add("the report has " + results.size() + " cases, the fuzzingserver announced " + expectedCases);
        }
        return new ReportSummary(results, problems);
    }

    /**
     * Parse the fuzzingserver's {@code index.json}: {@code {agent: {caseId: {behavior, behaviorClose, duration,
     * remoteCloseCode, reportfile}}}}.
     *
     * @param in the JSON text.
     * @return every case of every agent, in file order.
     * @throws IOException if the JSON is malformed or not of that shape.
     */
    public static List<CaseResult> parse(final Reader in) throws IOException
    {
        final List<CaseResult> results = new ArrayList<>();
        try (JsonParser parser = new JsonFactory().createParser(in))
        {
            expect(parser, parser.nextToken(), JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME)
            {
                final String agent = parser.currentName();
                expect(parser, parser.nextToken(), JsonToken.START_OBJECT);
                while (parser.nextToken() == JsonToken.FIELD_NAME)
                {
                    final String id = parser.currentName();
                    expect(parser, parser.nextToken(), JsonToken.START_OBJECT);
                    results.add(parseCase(parser, agent, id));
                }
            }
        }
        return results;
    }

    private static CaseResult parseCase(final JsonParser parser, final String agent, final String id)
        throws IOException
    {
        String behavior = null;
        String behaviorClose = null;
        long duration = 0;
        int remoteCloseCode = -1;
        while (parser.nextToken() == JsonToken.FIELD_NAME)
        {
            final String field = parser.currentName();
            final JsonToken value = parser.nextToken();
            switch (field)
            {
                case "behavior" -> behavior = parser.getValueAsString();
                case "behaviorClose" -> behaviorClose = parser.getValueAsString();
                case "duration" -> duration = parser.getValueAsLong();
                case "remoteCloseCode" -> remoteCloseCode = value == JsonToken.VALUE_NULL ? -1 : parser.getIntValue();
                default -> parser.skipChildren();
            }
        }
        if (null == behavior || null == behaviorClose)
        {
            throw new IOException("case " + id + " of agent " + agent + " has no behavior/behaviorClose");
        }
        return new CaseResult(agent, id, behavior, behaviorClose, duration, remoteCloseCode);
    }

    private static void expect(final JsonParser parser, final JsonToken actual, final JsonToken expected)
        throws IOException
    {
        if (actual != expected)
        {
            throw new IOException("index.json: expected " + expected + " but found " + actual + " at " +
                parser.currentLocation());
        }
    }

    /**
     * The cases, ordered by agent and case id.
     *
     * @return every case judged.
     */
    public List<CaseResult> results()
    {
        return results;
    }

    /**
     * The cases that fail the build.
     *
     * @return the cases that did not pass.
     */
    public List<CaseResult> failures()
    {
        return results.stream().filter((r) -> !r.passed()).toList();
    }

    /**
     * Problems not tied to a case result: missing cases, cases the client could not run, no results at all.
     *
     * @return the problems, empty if none.
     */
    public List<String> problems()
    {
        return problems;
    }

    /**
     * Whether the build may pass.
     *
     * @return true if every case passed and there is no other problem.
     */
    public boolean passed()
    {
        return problems.isEmpty() && failures().isEmpty();
    }

    /**
     * Count outcomes grouped by a key.
     *
     * @param cases the cases to count.
     * @param key   the grouping, for example {@link CaseResult#section()}.
     * @return per group (in case order) the number of cases of each outcome.
     */
    public static Map<String, Map<Outcome, Integer>> count(
        final List<CaseResult> cases, final Function<CaseResult, String> key)
    {
        final Map<String, Map<Outcome, Integer>> counts = new TreeMap<>(CASE_ORDER);
        for (final CaseResult result : cases)
        {
            counts.computeIfAbsent(key.apply(result), (k) -> new EnumMap<>(Outcome.class))
                .merge(result.outcome(), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * Render the summary: per agent a table by section and one by sub-section, then every case that is not OK.
     *
     * @return the markdown text.
     */
    public String toMarkdown()
    {
        return toMarkdown(true);
    }

    /**
     * Render the summary: per agent a table by section, optionally one by sub-section, then every case not OK.
     *
     * @param withSubSections whether to include the table by sub-section.
     * @return the markdown text.
     */
    public String toMarkdown(final boolean withSubSections)
    {
        final StringBuilder out = new StringBuilder();
        final Map<String, List<CaseResult>> byAgent = new LinkedHashMap<>();
        results.forEach((r) -> byAgent.computeIfAbsent(r.agent(), (k) -> new ArrayList<>()).add(r));
        for (final Map.Entry<String, List<CaseResult>> entry : byAgent.entrySet())
        {
            final List<CaseResult> cases = entry.getValue();
            out.append("## Autobahn TestSuite results: agent `").append(entry.getKey()).append("`\n\n");
            out.append(table("Section", cases, CaseResult::section, true));
            out.append('\n');
            if (withSubSections)
            {
                out.append(table("Sub-section", cases, CaseResult::subSection, false));
                out.append('\n');
            }
            appendNotOk(out, cases);
        }
        if (!problems.isEmpty())
        {
            out.append("### Problems\n\n");
            problems.forEach((p) -> out.append("- ").append(p).append('\n'));
            out.append('\n');
        }
        out.append(passed() ? "**Result: PASSED**\n" : "**Result: FAILED**\n");
        return out.toString();
    }

    private static String table(
        final String heading, final List<CaseResult> cases, final Function<CaseResult, String> key,
        final boolean withTotal)
    {
        final StringBuilder out = new StringBuilder();
        out.append("| ").append(heading).append(" | Cases |");
        for (final Outcome outcome : Outcome.values())
        {
            out.append(' ').append(outcome.label()).append(" |");
        }
        out.append(" Duration (s) |\n|---|---:|");
        out.append("---:|".repeat(Outcome.values().length)).append("---:|\n");

        final Map<String, Long> durations = new TreeMap<>(CASE_ORDER);
        cases.forEach((r) -> durations.merge(key.apply(r), r.durationMillis(), Long::sum));
        for (final Map.Entry<String, Map<Outcome, Integer>> row : count(cases, key).entrySet())
        {
            final String name = SECTION_NAMES.get(row.getKey());
            appendRow(out, row.getKey() + (null == name || !withTotal ? "" : " " + name), row.getValue(),
                durations.get(row.getKey()));
        }
        if (withTotal)
        {
            final Map<Outcome, Integer> total = new EnumMap<>(Outcome.class);
            cases.forEach((r) -> total.merge(r.outcome(), 1, Integer::sum));
            appendRow(out, "**Total**", total, cases.stream().mapToLong(CaseResult::durationMillis).sum());
        }
        return out.toString();
    }

    private static void appendRow(
        final StringBuilder out, final String name, final Map<Outcome, Integer> counts, final long durationMillis)
    {
        out.append("| ").append(name).append(" | ")
            .append(counts.values().stream().mapToInt(Integer::intValue).sum()).append(" |");
        for (final Outcome outcome : Outcome.values())
        {
            out.append(' ').append(counts.getOrDefault(outcome, 0)).append(" |");
        }
        out.append(String.format(Locale.ROOT, " %.1f |%n", durationMillis / 1000.0));
    }

    private static void appendNotOk(final StringBuilder out, final List<CaseResult> cases)
    {
        final List<CaseResult> notOk = cases.stream().filter((r) -> Outcome.OK != r.outcome()).toList();
        if (notOk.isEmpty())
        {
            out.append("Every case OK.\n\n");
            return;
        }
        out.append("| Case | behavior | behaviorClose | Close code sent | Verdict |\n|---|---|---|---:|---|\n");
        for (final CaseResult r : notOk)
        {
            out.append("| ").append(r.id()).append(" | ").append(r.behavior()).append(" | ")
                .append(r.behaviorClose()).append(" | ")
                .append(r.remoteCloseCode() < 0 ? "none" : Integer.toString(r.remoteCloseCode())).append(" | ")
                .append(r.passed() ? "allowed: " + ALLOWED_INFORMATIONAL.get(r.id()) : "**fails the build**")
                .append(" |\n");
        }
        out.append('\n');
    }

    private static int compareIds(final String a, final String b)
    {
        final String[] x = a.split("\\.");
        final String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++)
        {
            final int c = compareParts(x[i], y[i]);
            if (c != 0)
            {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static int compareParts(final String a, final String b)
    {
        try
        {
            return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
        }
        catch (final NumberFormatException ex)
        {
            return a.compareTo(b);
        }
    }

    /**
     * The section ids present, in order (for tests and tools).
     *
     * @return the sections of all judged cases.
     */
    public Set<String> sections()
    {
        return count(results, CaseResult::section).keySet();
    }
}
