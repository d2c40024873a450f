/*
 * Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
 */
package io.jetsocket.autobahn;

import io.jetsocket.autobahn.ReportSummary.CaseResult;
import io.jetsocket.autobahn.ReportSummary.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportSummaryTest
{
    @TempDir
    Path dir;

    @Test
    void parsesEveryAgentAndCase() throws IOException
    {
        final Path index = sample();
        final ReportSummary all = ReportSummary.load(index, null, null);

        assertEquals(12, all.results().size());
        final CaseResult unclean = find(all, "jetsocket", "7.7.8");
        assertEquals("OK", unclean.behavior());
        assertEquals("UNCLEAN", unclean.behaviorClose());
        assertEquals(-1, unclean.remoteCloseCode());
        assertEquals(100103, find(all, "jetsocket", "9.1.5").durationMillis());
    }

    @Test
    void countsOutcomesPerSectionInNumericOrder() throws IOException
    {
        final ReportSummary summary = ReportSummary.load(sample(), "jetsocket", null);
        final Map<String, Map<Outcome, Integer>> sections =
            ReportSummary.count(summary.results(), CaseResult::section);

        assertEquals(List.of("1", "2", "6", "7", "9", "10"), List.copyOf(sections.keySet()));
        assertEquals(Map.of(Outcome.OK, 2), sections.get("1"));
        assertEquals(Map.of(Outcome.NON_STRICT, 1), sections.get("6"));
        assertEquals(Map.of(Outcome.INFORMATIONAL, 2, Outcome.FAILED, 1), sections.get("7"));
        assertEquals(Map.of(Outcome.FAILED, 1), sections.get("9"));

        final Map<String, Map<Outcome, Integer>> subSections =
            ReportSummary.count(summary.results(), CaseResult::subSection);
        assertEquals(List.of("1.1", "2.1", "6.4", "7.1", "7.7", "7.13", "9.1", "10.1"),
            List.copyOf(subSections.keySet()));
    }

    @Test
    void failsOnNonStrictAndFailedButAllowsListedInformational() throws IOException
    {
        final ReportSummary summary = ReportSummary.load(sample(), "jetsocket", null);

        assertFalse(summary.passed());
        assertEquals(List.of("6.4.1", "7.7.8", "9.1.5"),
            summary.failures().stream().map(CaseResult::id).toList());
        assertTrue(find(summary, "jetsocket", "7.1.6").passed());
        assertTrue(find(summary, "jetsocket", "7.13.1").passed());
    }

    @Test
    void informationalOutsideTheAllowListFails() throws IOException
    {
        final ReportSummary summary = ReportSummary.load(sample(), "reference", null);

        assertEquals(List.of("7.9.1"), summary.failures().stream().map(CaseResult::id).toList());
        assertEquals(Outcome.INFORMATIONAL, find(summary, "reference", "7.9.1").outcome());
    }

    @Test
    void passesWhenEveryCaseIsOkOrAllowed() throws IOException
    {
        final List<CaseResult> results = ReportSummary.parse(new StringReader(
            "{\"a\": {\"1.1.1\": {\"behavior\": \"OK\", \"behaviorClose\": \"OK\", \"duration\": 1, " +
            "\"remoteCloseCode\": 1000, \"reportfile\": \"x.json\"}, " +
            "\"7.13.2\": {\"behavior\": \"INFORMATIONAL\", \"behaviorClose\": \"INFORMATIONAL\", \"duration\": 1, " +
            "\"remoteCloseCode\": 65535, \"reportfile\": \"y.json\"}}}"));
        final ReportSummary summary = new ReportSummary(results, List.of());

        assertTrue(summary.passed());
        assertTrue(summary.toMarkdown().contains("**Result: PASSED**"));
    }

    @Test
    void rendersMarkdownTables() throws IOException
    {
        final String markdown = ReportSummary.load(sample(), "jetsocket", null).toMarkdown();

        assertTrue(markdown.contains("## Autobahn TestSuite results: agent `jetsocket`"), markdown);
        assertTrue(markdown.contains(
            "| Section | Cases | OK | INFORMATIONAL | UNIMPLEMENTED | NON-STRICT | FAILED | Duration (s) |"), markdown);
        assertTrue(markdown.contains("| 7 Close Handling | 3 | 0 | 2 | 0 | 0 | 1 | 0.2 |"), markdown);
        assertTrue(markdown.contains("| **Total** | 9 | 4 | 2 | 0 | 1 | 2 | 102.3 |"), markdown);
        assertTrue(markdown.contains("| 6.4 | 1 | 0 | 0 | 0 | 1 | 0 | 2.0 |"), markdown);
        assertTrue(markdown.contains("| 7.7.8 | OK | UNCLEAN | none | **fails the build** |"), markdown);
        assertTrue(markdown.contains("| 7.1.6 | INFORMATIONAL | INFORMATIONAL | 1000 | allowed: "), markdown);
        assertTrue(markdown.endsWith("**Result: FAILED**\n"), markdown);
    }

    @Test
    void consoleVersionLeavesOutTheSubSectionTable() throws IOException
    {
        final ReportSummary summary = ReportSummary.load(sample(), "jetsocket", null);

        assertFalse(summary.toMarkdown(false).contains("| Sub-section |"));
        assertTrue(summary.toMarkdown(false).contains("| 7.7.8 | OK | UNCLEAN | none | **fails the build** |"));
        assertTrue(summary.toMarkdown().contains("| Sub-section |"));
    }

    @Test
    void statusFileSelectsAgentAndChecksCaseCountAndClientErrors() throws IOException
    {
        final Path status = dir.resolve("status.properties");
        Files.writeString(status, "agent=reference\ncaseCount=4\nclientErrors=1\nclientError.0=3\\: timed out\n");

        final ReportSummary summary = ReportSummary.load(sample(), null, status);

        assertEquals(3, summary.results().size());
        assertEquals(List.of(
            "client could not run case 3: timed out",
            "the report has 3 cases, the fuzzingserver announced 4"), summary.problems());
        assertFalse(summary.passed());
        assertTrue(summary.toMarkdown().contains("- client could not run case 3: timed out"));
    }

    @Test
    void unknownAgentIsAProblem() throws IOException
    {
        final ReportSummary summary = ReportSummary.load(sample(), "nobody", null);

        assertFalse(summary.passed());
        assertEquals(1, summary.problems().size());
    }

    @Test
    void rejectsMalformedReports()
    {
        assertThrows(IOException.class, () -> ReportSummary.parse(new StringReader("[]")));
        assertThrows(IOException.class, () -> ReportSummary.parse(new StringReader(
            "{\"a\": {\"1.1.1\": {\"duration\": 1}}}")));
    }

    @Test
    void mapsUnknownBehaviorValuesToFailed()
    {
        assertEquals(Outcome.FAILED, Outcome.of("WRONG CODE"));
        assertEquals(Outcome.FAILED, Outcome.of("UNCLEAN"));
        assertEquals(Outcome.NON_STRICT, Outcome.of("NON-STRICT"));
        assertEquals(Outcome.UNIMPLEMENTED, Outcome.of("UNIMPLEMENTED"));
    }

    @Test
    void ordersCaseIdsNumerically()
    {
        final List<String> ids = new java.util.ArrayList<>(List.of("10.1.1", "9.8.6", "1.2.10", "1.2.9", "2.11"));
        ids.sort(ReportSummary.CASE_ORDER);

        assertEquals(List.of("1.2.9", "1.2.10", "2.11", "9.8.6", "10.1.1"), ids);
    }

    private Path sample() throws IOException
    {
        final Path index = dir.resolve("index.json");
        try (InputStream in = ReportSummaryTest.class.getResourceAsStream("sample-index.json"))
        {
            Files.copy(in, index);
        }
        return index;
    }

    private static CaseResult find(final ReportSummary summary, final String agent, final String id)
    {
        return summary.results().stream()
            .filter((r) -> r.agent().equals(agent) && r.id().equals(id))
            .findFirst()
            .orElseThrow();
    }
}
