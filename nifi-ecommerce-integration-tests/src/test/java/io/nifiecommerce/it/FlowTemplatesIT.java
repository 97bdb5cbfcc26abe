package io.nifiecommerce.it;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.it.flows.FlowTemplates;
import io.nifiecommerce.it.nifi.NiFiClient;
import io.nifiecommerce.it.nifi.NiFiClient.ControllerServiceState;
import io.nifiecommerce.it.nifi.NiFiClient.Parameter;
import io.nifiecommerce.it.nifi.NiFiClient.ParameterContext;
import io.nifiecommerce.it.nifi.NiFiClient.ProcessorState;
import io.nifiecommerce.it.nifi.TlsKeystore;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every flow definition in flow-templates/ imports into a real NiFi and is ready to start once its
 * parameters are filled: controller services enable and every processor is valid while stopped.
 * Test values come from {@code flow-templates/<name>.test-parameters.json} (parameter name to value,
 * sensitive ones included) when the template has one. A keystore parameter ({@code <prefix>.keystore.file}) gets a
 * keystore this test makes, with the password of the test parameter {@code <prefix>.keystore.password}.
 */
@ExtendWith(RealNiFi.class)
class FlowTemplatesIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String TEST_PARAMETERS = ".test-parameters.json";

    @TestFactory
    Stream<DynamicTest> everyTemplateImportsValid(final RealNiFi.Setup setup, final NiFiClient nifi) throws IOException {
        final List<Path> templates = templates(setup.repository().resolve("flow-templates"));
        System.out.println("FlowTemplatesIT: " + templates.size() + " flow template(s) in flow-templates/");
        final Path keystores = setup.repository().resolve("nifi-ecommerce-integration-tests/target/flow-templates-it");
        return templates.stream().map(t -> DynamicTest.dynamicTest(t.getFileName().toString(), () -> importsValid(nifi, t, keystores)));
    }

    /** The demo sizes NiFi's timer-driven pool for the writers' concurrent tasks (integrator-guide.md, Sizing): NiFi takes it. */
    @Test
    void theTimerDrivenPoolIsSizedForTheWritersTasks(final NiFiClient nifi) {
        nifi.maxTimerDrivenThreads(FlowTemplates.DEMO_TIMER_DRIVEN_THREADS);
        assertEquals(FlowTemplates.DEMO_TIMER_DRIVEN_THREADS, nifi.maxTimerDrivenThreads());
    }

    private static List<Path> templates(final Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .filter(f -> !f.getFileName().toString().endsWith(TEST_PARAMETERS))
                    .sorted()
                    .toList();
        }
    }

    private static void importsValid(final NiFiClient nifi, final Path template, final Path keystores) throws IOException, InterruptedException, java.security.GeneralSecurityException {
        final String name = template.getFileName().toString().replaceFirst("\\.json$", "");
        final String group = nifi.uploadFlow(template, name);

        final Map<String, String> values = new LinkedHashMap<>(testParameters(template.resolveSibling(name + TEST_PARAMETERS)));
        for (final Map.Entry<String, String> value : Map.copyOf(values).entrySet()) {
            if (value.getKey().endsWith(".keystore.password")) {
                final String prefix = value.getKey().substring(0, value.getKey().length() - ".keystore.password".length());
                final Path file = keystores.resolve(name + "-" + prefix + ".p12");
                final TlsKeystore keystore = TlsKeystore.generate(file, value.getValue());
                values.put(prefix + ".keystore.file", keystore.file().toString());
                final String truststorePassword = values.get(prefix + ".truststore.password");
                if (truststorePassword != null) {
                    // a listener demanding client certificates: it trusts its own certificate in the test
                    values.put(prefix + ".truststore.file", keystore.writeTruststore(keystores.resolve(name + "-" + prefix + "-trust.p12"),
                            truststorePassword).toString());
                }
            }
        }
        fillParameters(nifi, group, values);

        try {
            nifi.enableControllerServices(group);
        } catch (final IllegalStateException timedOut) {
            final List<String> notEnabled = nifi.controllerServices(group).stream()
                    .filter(s -> !s.state().equals("ENABLED"))
                    .map(s -> s.name() + " (" + s.state() + "): " + s.validationErrors())
                    .toList();
            fail(name + ": controller services did not enable: " + notEnabled);
        }
        nifi.enableProcessors(group); // optional branches ship disabled: they must be valid once switched on
        // a processor enabled just now is validated again in the background: give NiFi a moment to settle
        List<String> invalid = invalidProcessors(nifi, group);
        final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!invalid.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            invalid = invalidProcessors(nifi, group);
        }
        assertEquals(List.of(), invalid, name + ": invalid processors");
        nifi.disableControllerServices(group);
    }

    private static List<String> invalidProcessors(final NiFiClient nifi, final String group) {
        final List<String> invalid = new ArrayList<>();
        for (final ProcessorState processor : nifi.validatedProcessors(group)) {
            if (!processor.validationErrors().isEmpty() || !processor.validationStatus().equals("VALID")) {
                invalid.add(processor.name() + ": " + processor.validationErrors());
            }
        }
        return invalid;
    }

    /** Sets the test value of every parameter, in the context (own or inherited) that defines it. */
    private static void fillParameters(final NiFiClient nifi, final String group, final Map<String, String> values) {
        final Set<String> contextIds = new LinkedHashSet<>();
        for (final String id : nifi.processGroupTree(group)) {
            nifi.parameterContextOf(id).ifPresent(c -> addWithInherited(nifi, c, contextIds));
        }
        final Set<String> used = new HashSet<>();
        for (final String contextId : contextIds) {
            final ParameterContext context = nifi.parameterContext(contextId);
            final List<Parameter> updates = new ArrayList<>();
            for (final Parameter parameter : context.parameters()) {
                if (values.containsKey(parameter.name())) {
                    updates.add(new Parameter(parameter.name(), values.get(parameter.name()), parameter.sensitive()));
                    used.add(parameter.name());
                }
            }
            if (!updates.isEmpty()) {
                nifi.setParameters(contextId, updates);
            }
        }
        final Set<String> unknown = new LinkedHashSet<>(values.keySet());
        unknown.removeAll(used);
        assertEquals(Set.of(), unknown, "test parameters that no parameter context of the template defines");
    }

    private static void addWithInherited(final NiFiClient nifi, final String contextId, final Set<String> into) {
        if (into.add(contextId)) {
            nifi.parameterContext(contextId).inheritedContextIds().forEach(id -> addWithInherited(nifi, id, into));
        }
    }

    private static Map<String, String> testParameters(final Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        return MAPPER.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, String>>() { });
    }
}
