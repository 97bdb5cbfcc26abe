package io.nifiecommerce.processors.amazon;

import io.nifiecommerce.amazon.AmazonSandbox;
import io.nifiecommerce.sandbox.amazon.AmazonSeeding;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FetchAmazonSettlementReports in the NiFi mock framework against the sandbox's Reports API, then ParseAmazonSettlementReport. */
class FetchAmazonSettlementReportsTest {

    private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-10-15T00:00:00Z");

    private AmazonSandbox sandbox;

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private TestRunner runner(final double rateFactor) throws Exception {
        sandbox = new AmazonSandbox(Duration.ofMinutes(5), rateFactor);
        final FetchAmazonSettlementReports processor = new FetchAmazonSettlementReports();
        processor.setClock(sandbox.clock);
        final TestRunner runner = TestRunners.newTestRunner(processor);
        // Amazon's 429 ends the run at once rather than after real back-off sleeps
        FetchAmazonOrdersTest.addConnection(runner, sandbox, Map.of(StandardAmazonConnectionService.MAX_ATTEMPTS, "1"));
        runner.setProperty(FetchAmazonSettlementReports.AMAZON_CONNECTION, "amazon");
        return runner;
    }

    private static String corpusReport() throws Exception {
        return Files.readString(Path.of("src", "test", "resources", "corpus", "settlements", "nifiecommerce-amazon-fr-v2-eu-dates.tsv"),
                StandardCharsets.UTF_8);
    }

    @Test
    void eachDoneReportIsFetchedOnceGzipDecompressedAndParsed() throws Exception {
        final TestRunner runner = runner(1);
        final String content = corpusReport();
        final String zipped = sandbox.simulator.reports().publishSettlement(content, START, END, true);
        sandbox.clock.advance(Duration.ofMinutes(1));
        final String plain = sandbox.simulator.reports().publishSettlement("settlement-id\tx\n", END, END.plus(Duration.ofDays(14)), false);
        final String pending = sandbox.simulator.reports().publishInProgress("GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2", END, END);
        sandbox.clock.advance(Duration.ofMinutes(1));
        runner.run();
        runner.assertAllFlowFilesTransferred(FetchAmazonSettlementReports.REL_SUCCESS, 2);
        final MockFlowFile first = runner.getFlowFilesForRelationship(FetchAmazonSettlementReports.REL_SUCCESS).get(0);
        first.assertAttributeEquals("amazon.report.id", zipped);
        first.assertAttributeEquals("amazon.report.type", "GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2");
        first.assertAttributeEquals("settlement.period.start", START.toString());
        first.assertAttributeEquals("settlement.period.end", END.toString());
        first.assertAttributeEquals("filename", "amazon-settlement-" + zipped + ".txt");
        first.assertContentEquals(content);
        runner.getFlowFilesForRelationship(FetchAmazonSettlementReports.REL_SUCCESS).get(1).assertAttributeEquals("amazon.report.id", plain);
        assertFalse(runner.getStateManager().getState(Scope.CLUSTER).toMap().toString().contains(AmazonSeeding.REFRESH_TOKEN));

        // the fetched report reads as a reconciled settlement
        final TestRunner parse = TestRunners.newTestRunner(new ParseAmazonSettlementReport());
        parse.setProperty(ParseAmazonSettlementReport.MARKETPLACE, "amazon-fr");
        parse.enqueue(first);
        parse.run();
        parse.assertAllFlowFilesTransferred(ParseAmazonSettlementReport.REL_SUCCESS, 1);

        // nothing again, across the overlap
        runner.clearTransferState();
        sandbox.clock.advance(Duration.ofMinutes(30));
        runner.run();
        runner.assertTransferCount(FetchAmazonSettlementReports.REL_SUCCESS, 0);

        // the report Amazon was still generating is fetched once done, though created before the last run
        sandbox.simulator.reports().complete(pending, "settlement-id\ty\n");
        sandbox.clock.advance(Duration.ofMinutes(30));
        runner.run();
        runner.assertAllFlowFilesTransferred(FetchAmazonSettlementReports.REL_SUCCESS, 1);
        runner.getFlowFilesForRelationship(FetchAmazonSettlementReports.REL_SUCCESS).get(0).assertAttributeEquals("amazon.report.id", pending);
        runner.clearTransferState();
        sandbox.clock.advance(Duration.ofMinutes(30));
        runner.run();
        runner.assertTransferCount(FetchAmazonSettlementReports.REL_SUCCESS, 0);
    }

    @Test
    void amazonsQuotaExceededEndsTheRunAndTheNextRunFetchesTheRestOnce() throws Exception {
        // Amazon's plans at a fifth: getReportDocument's burst is 3, the bundle's copy still believes 15
        final TestRunner runner = runner(0.2);
        final List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(sandbox.simulator.reports().publishSettlement("settlement-id\t" + i + "\n", START, END, i % 2 == 0));
            sandbox.clock.advance(Duration.ofSeconds(10));
        }
        runner.run();
        runner.assertAllFlowFilesTransferred(FetchAmazonSettlementReports.REL_SUCCESS, 3);
        assertEquals(4L, sandbox.simulator.calls().get("getReportDocument"));
        assertTrue(runner.getLogger().getInfoMessages().stream().anyMatch(m -> m.getMsg().contains("QuotaExceeded")));
        final Set<String> seen = new HashSet<>();
        runner.getFlowFilesForRelationship(FetchAmazonSettlementReports.REL_SUCCESS).forEach(f -> seen.add(f.getAttribute("amazon.report.id")));

        // a restarted service (a fresh copy of the plans), Amazon's bucket refilled: the two left, once
        runner.clearTransferState();
        final StandardAmazonConnectionService connection = (StandardAmazonConnectionService) runner.getControllerService("amazon");
        runner.disableControllerService(connection);
        runner.enableControllerService(connection);
        sandbox.clock.advance(Duration.ofMinutes(20));
        runner.run();
        runner.assertAllFlowFilesTransferred(FetchAmazonSettlementReports.REL_SUCCESS, 2);
        runner.getFlowFilesForRelationship(FetchAmazonSettlementReports.REL_SUCCESS).forEach(f -> assertTrue(seen.add(f.getAttribute("amazon.report.id"))));
        assertEquals(new HashSet<>(ids), seen);
    }

    @Test
    void aDocumentThatCannotBeReadGoesToFailureOnceAndCredentialsRefusedRollBack() throws Exception {
        final TestRunner runner = runner(1);
        sandbox.simulator.reports().publishSettlement("settlement-id\t1\n", START, END, false);
        final String fatal = sandbox.simulator.reports().publishInProgress("GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2", START, END);
        sandbox.simulator.reports().fail(fatal);
        sandbox.clock.advance(Duration.ofMinutes(1));

        final StandardAmazonConnectionService connection = (StandardAmazonConnectionService) runner.getControllerService("amazon");
        runner.disableControllerService(connection);
        runner.setProperty(connection, StandardAmazonConnectionService.REFRESH_TOKEN, "Atzr|revoked");
        runner.enableControllerService(connection);
        runner.run();
        runner.assertTransferCount(FetchAmazonSettlementReports.REL_SUCCESS, 0);
        runner.assertTransferCount(FetchAmazonSettlementReports.REL_FAILURE, 0);
        assertTrue(runner.getStateManager().getState(Scope.CLUSTER).toMap().isEmpty());
        assertTrue(runner.getLogger().getErrorMessages().stream().noneMatch(m -> m.getMsg().contains("Atzr|revoked")));

        runner.disableControllerService(connection);
        runner.setProperty(connection, StandardAmazonConnectionService.REFRESH_TOKEN, AmazonSeeding.REFRESH_TOKEN);
        runner.enableControllerService(connection);
        runner.run();
        runner.assertTransferCount(FetchAmazonSettlementReports.REL_SUCCESS, 1);
        runner.assertTransferCount(FetchAmazonSettlementReports.REL_FAILURE, 1);
        final MockFlowFile failure = runner.getFlowFilesForRelationship(FetchAmazonSettlementReports.REL_FAILURE).get(0);
        failure.assertAttributeEquals("error.code", "REPORT_FATAL");
        failure.assertAttributeEquals("amazon.report.id", fatal);
        assertTrue(failure.getContent().contains("\"processingStatus\":\"FATAL\""));

        runner.clearTransferState();
        sandbox.clock.advance(Duration.ofMinutes(30));
        runner.run();
        runner.assertTransferCount(FetchAmazonSettlementReports.REL_SUCCESS, 0);
        runner.assertTransferCount(FetchAmazonSettlementReports.REL_FAILURE, 0);
    }
}
