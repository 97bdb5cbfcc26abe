package io.nifiecommerce.it;

import io.nifiecommerce.it.nifi.Eventually;
import io.nifiecommerce.it.nifi.NiFiClient;
import io.nifiecommerce.it.nifi.NiFiClient.ComponentType;
import io.nifiecommerce.it.nifi.NiFiClient.ControllerServiceState;
import io.nifiecommerce.it.nifi.NiFiClient.Counter;
import io.nifiecommerce.it.nifi.NiFiClient.GroupStatus;
import io.nifiecommerce.it.nifi.NiFiClient.Parameter;
import io.nifiecommerce.it.nifi.NiFiClient.ParameterContext;
import io.nifiecommerce.it.nifi.NiFiClient.ProcessorState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proves the harness itself on a flow of NiFi's own components: a flow definition uploads, its
 * parameters resolve, its record services enable, FlowFiles move and counters count.
 */
@ExtendWith(RealNiFi.class)
class HarnessIT {

    private static final Path SMOKE_FLOW = Path.of("src/test/resources/flows/harness-smoke.json");
    private static final int RECORDS_PER_FLOWFILE = 2;

    @Test
    void nifiListsStandardProcessorsAndRecordServices(final NiFiClient nifi) {
        assertEquals("2.3.0", nifi.version());
        final List<ComponentType> processors = nifi.processorTypes();
        final List<ComponentType> services = nifi.controllerServiceTypes();
        assertAll(
                () -> assertTrue(processors.contains(new ComponentType("org.apache.nifi.processors.standard.GenerateFlowFile",
                        "org.apache.nifi", "nifi-standard-nar", "2.3.0")), "GenerateFlowFile from the standard NAR"),
                () -> assertTrue(services.contains(new ComponentType("org.apache.nifi.json.JsonTreeReader",
                        "org.apache.nifi", "nifi-record-serialization-services-nar", "2.3.0")), "JsonTreeReader"));
    }

    @Test
    void uploadedFlowRunsAndCountsItsRecords(final NiFiClient nifi) {
        final String group = nifi.uploadFlow(SMOKE_FLOW, "harness-smoke-" + UUID.randomUUID());

        final List<ControllerServiceState> services = nifi.enableControllerServices(group);
        assertEquals(2, services.size(), "JSON reader and writer");
        final List<ProcessorState> processors = nifi.validatedProcessors(group);
        assertEquals(3, processors.size());
        processors.forEach(p -> assertEquals(List.of(), p.validationErrors(), p.name()));

        nifi.startProcessGroup(group);
        Eventually.until("three FlowFiles through 'Count records'", Duration.ofSeconds(60),
                () -> nifi.status(group).processor("Count records").orElseThrow().flowFilesIn() >= 3);
        nifi.stopProcessGroup(group);
        Eventually.until("the processors to stop", Duration.ofSeconds(30),
                () -> nifi.processors(group).stream().allMatch(p -> p.runStatus().equals("Stopped")));

        final GroupStatus status = nifi.status(group);
        final String countId = processors.stream().filter(p -> p.name().equals("Count records")).findFirst().orElseThrow().id();
        final long counted = nifi.counters().stream()
                .filter(c -> c.context().contains(countId) && c.name().equals("smoke-records"))
                .mapToLong(Counter::value).sum();
        final int countedFlowFiles = status.processor("Count records").orElseThrow().flowFilesIn();
        assertEquals(RECORDS_PER_FLOWFILE * (long) countedFlowFiles, counted,
                "counter 'smoke-records' (named by parameter counter.name) adds each FlowFile's record.count");
        assertTrue(status.processor("Generate orders").orElseThrow().flowFilesOut() >= countedFlowFiles);
        assertEquals(List.of(), nifi.bulletins(group), "a healthy flow reports no bulletins");
    }

    @Test
    void parameterContextTakesPlainAndSensitiveValues(final NiFiClient nifi) {
        final String name = "harness-parameters-" + UUID.randomUUID();
        final ParameterContext created = nifi.findOrCreateParameterContext(name);
        assertEquals(created.id(), nifi.findOrCreateParameterContext(name).id(), "found, not created twice");

        nifi.setParameters(created.id(), List.of(new Parameter("shop.domain", "demo.myshopify.com", false),
                new Parameter("shop.token", "shpat_secret", true)));
        final ParameterContext updated = nifi.setParameters(created.id(),
                List.of(new Parameter("shop.domain", "other.myshopify.com", false)));

        assertEquals(Optional.of(new Parameter("shop.domain", "other.myshopify.com", false)), updated.parameter("shop.domain"));
        final Parameter token = updated.parameter("shop.token").orElseThrow();
        assertTrue(token.sensitive());
        assertTrue(!"shpat_secret".equals(token.value()), "NiFi never returns a sensitive value");
    }
}
