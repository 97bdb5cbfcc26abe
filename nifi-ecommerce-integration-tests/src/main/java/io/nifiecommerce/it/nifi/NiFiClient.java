package io.nifiecommerce.it.nifi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The few calls of NiFi's REST API that tests and the demo need, on a NiFi with anonymous access
 * (plain HTTP on 127.0.0.1, as started by {@code harness/nifi.sh}).
 */
public final class NiFiClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(90);

    private final URI api;
    private final HttpClient http;
    private final String clientId = "nifi-ecommerce-" + UUID.randomUUID();
    private final AtomicInteger uploads = new AtomicInteger();

    /** @param baseUri NiFi's address, e.g. {@code http://127.0.0.1:18080} */
    public NiFiClient(final URI baseUri) {
        this.api = baseUri.resolve("/nifi-api/");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public record ComponentType(String type, String group, String artifact, String version) {
    }

    public record ProcessorState(String id, String name, String type, String runStatus, String validationStatus,
                                 List<String> validationErrors) {
    }

    public record ControllerServiceState(String id, String name, String type, String state, String validationStatus,
                                         List<String> validationErrors) {
    }

    /** Counts over NiFi's current five-minute status window. */
    public record ProcessorStatus(String id, String name, int flowFilesIn, int flowFilesOut, int taskCount) {
    }

    public record GroupStatus(int queuedCount, long queuedBytes, int flowFilesIn, int flowFilesOut,
                              List<ProcessorStatus> processors) {

        public Optional<ProcessorStatus> processor(final String name) {
            return processors.stream().filter(p -> p.name().equals(name)).findFirst();
        }
    }

    public record Counter(String context, String name, long value) {
    }

    public record Bulletin(String level, String category, String sourceId, String sourceName, String message) {
    }

    public record Parameter(String name, String value, boolean sensitive) {
    }

    public record ParameterContext(String id, String name, List<Parameter> parameters, List<String> inheritedContextIds) {

        public Optional<Parameter> parameter(final String name) {
            return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
        }
    }

    // --- flow -------------------------------------------------------------------------------------

    /** NiFi's version, as reported by {@code /flow/about}. */
    public String version() {
        return get("flow/about").path("about").path("version").asText();
    }

    /** Uploads a flow definition (the JSON NiFi's "Download flow definition" writes) as a child of the root group. */
    public String uploadFlow(final Path flowDefinition, final String groupName) {
        final int position = uploads.getAndIncrement();
        final Map<String, String> fields = new LinkedHashMap<>();
        fields.put("groupName", groupName);
        fields.put("positionX", String.valueOf(position % 4 * 450));
        fields.put("positionY", String.valueOf(position / 4 * 250));
        fields.put("clientId", clientId);
        final String boundary = "nifi-ecommerce-" + UUID.randomUUID();
        final byte[] body = multipart(boundary, fields, flowDefinition);
        final HttpRequest request = request("process-groups/root/process-groups/upload")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return send(request).path("id").asText();
    }

    /** Sets NiFi's Maximum Timer Driven Thread Count (per node in a cluster): the pool every timer-driven task runs in. */
    public void maxTimerDrivenThreads(final int threads) {
        final ObjectNode body = MAPPER.createObjectNode();
        body.set("revision", get("controller/config").path("revision"));
        body.putObject("component").put("maxTimerDrivenThreadCount", threads);
        put("controller/config", body);
    }

    /** NiFi's Maximum Timer Driven Thread Count. */
    public int maxTimerDrivenThreads() {
        return get("controller/config").path("component").path("maxTimerDrivenThreadCount").asInt();
    }

    /** The group's flow definition as NiFi exports it ("Download flow definition"). */
    public String downloadFlowDefinition(final String groupId) {
        return get("process-groups/" + groupId + "/download").toString();
    }

    public void startProcessGroup(final String groupId) {
        schedule(groupId, "RUNNING");
    }

    public void stopProcessGroup(final String groupId) {
        schedule(groupId, "STOPPED");
    }

    private void schedule(final String groupId, final String state) {
        final ObjectNode body = MAPPER.createObjectNode().put("id", groupId).put("state", state);
        put("flow/process-groups/" + groupId, body);
    }

    /** Enables every controller service in the group and its descendants, and waits until they are enabled. */
    public List<ControllerServiceState> enableControllerServices(final String groupId) {
        return activateControllerServices(groupId, "ENABLED");
    }

    public List<ControllerServiceState> disableControllerServices(final String groupId) {
        return activateControllerServices(groupId, "DISABLED");
    }

    private List<ControllerServiceState> activateControllerServices(final String groupId, final String state) {
        final ObjectNode body = MAPPER.createObjectNode().put("id", groupId).put("state", state);
        put("flow/process-groups/" + groupId + "/controller-services", body);
        return Eventually.get("controller services of " + groupId + " to be " + state, SETTLE_TIMEOUT, () -> {
            final List<ControllerServiceState> services = controllerServices(groupId);
            // an invalid service never gets enabled: say which and why instead of waiting for the timeout
            final List<String> invalid = services.stream().filter(s -> "INVALID".equals(s.validationStatus()))
                    .map(s -> s.name() + " " + s.validationErrors()).toList();
            if ("ENABLED".equals(state) && !invalid.isEmpty()) {
                throw new IllegalStateException("Invalid controller services in " + groupId + ": " + invalid);
            }
            return services.stream().allMatch(s -> s.state().equals(state)) ? Optional.of(services) : Optional.empty();
        });
    }

    /** The controller services defined in the group and its descendants (not those of its ancestors). */
    public List<ControllerServiceState> controllerServices(final String groupId) {
        final JsonNode services = get("flow/process-groups/" + groupId
                + "/controller-services?includeAncestorGroups=false&includeDescendantGroups=true")
                .path("controllerServices");
        final List<ControllerServiceState> result = new ArrayList<>();
        for (final JsonNode service : services) {
            final JsonNode c = service.path("component");
            result.add(new ControllerServiceState(c.path("id").asText(), c.path("name").asText(), c.path("type").asText(),
                    c.path("state").asText(), c.path("validationStatus").asText(), texts(c.path("validationErrors"))));
        }
        return result;
    }

    /** The processors of the group and its descendants, with their validation errors. */
    public List<ProcessorState> processors(final String groupId) {
        final JsonNode processors = get("process-groups/" + groupId + "/processors?includeDescendantGroups=true")
                .path("processors");
        final List<ProcessorState> result = new ArrayList<>();
        for (final JsonNode processor : processors) {
            final JsonNode c = processor.path("component");
            result.add(new ProcessorState(c.path("id").asText(), c.path("name").asText(), c.path("type").asText(),
                    processor.path("status").path("runStatus").asText(c.path("state").asText()),
                    c.path("validationStatus").asText(), texts(c.path("validationErrors"))));
        }
        return result;
    }

    /** Processors once NiFi has finished validating them (none left in VALIDATING). */
    public List<ProcessorState> validatedProcessors(final String groupId) {
        return Eventually.get("validation of the processors of " + groupId, SETTLE_TIMEOUT, () -> {
            final List<ProcessorState> processors = processors(groupId);
            // NiFi does not validate disabled processors: they stay VALIDATING
            return processors.stream().noneMatch(p -> p.validationStatus().equals("VALIDATING") && !p.runStatus().equalsIgnoreCase("disabled"))
                    ? Optional.of(processors) : Optional.empty();
        });
    }

    /** Enables (to stopped) the group's disabled processors, as an integrator does to switch on an optional branch. */
    public void enableProcessors(final String groupId) {
        for (final ProcessorState processor : processors(groupId)) {
            if (processor.runStatus().equalsIgnoreCase("disabled")) {
                final JsonNode current = get("processors/" + processor.id());
                final ObjectNode body = MAPPER.createObjectNode();
                body.set("revision", current.path("revision"));
                body.put("state", "STOPPED");
                put("processors/" + processor.id() + "/run-status", body);
            }
        }
    }

    /** Disables the group's processor of that name (to stopped first when it runs), as an integrator switches a branch off. */
    public void disableProcessor(final String groupId, final String name) {
        final ProcessorState processor = processors(groupId).stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No processor named " + name + " in " + groupId));
        final JsonNode current = get("processors/" + processor.id());
        final ObjectNode body = MAPPER.createObjectNode();
        body.set("revision", current.path("revision"));
        body.put("state", "DISABLED");
        put("processors/" + processor.id() + "/run-status", body);
    }

    /**
     * Runs the group's processor of that name once now, whatever its schedule (NiFi 2.3.0's run-status {@code RUN_ONCE}, the
     * canvas' "Run Once": one onTrigger, CRON-driven processors included, then back to stopped); stops it first when running.
     */
    public void runOnce(final String groupId, final String name) {
        final ProcessorState processor = processorNamed(groupId, name);
        if (!processor.runStatus().equalsIgnoreCase("stopped")) {
            runStatus(processor.id(), "STOPPED");
            // a stopping processor still finishing a task refuses RUN_ONCE
            Eventually.until(name + " stopped", SETTLE_TIMEOUT, () -> processorNamed(groupId, name).runStatus().equalsIgnoreCase("stopped")
                    && get("processors/" + processor.id()).path("status").path("aggregateSnapshot").path("activeThreadCount").asInt() == 0);
        }
        runStatus(processor.id(), "RUN_ONCE");
    }

    /** Starts the group's processor of that name again on its own schedule. */
    public void startProcessor(final String groupId, final String name) {
        runStatus(processorNamed(groupId, name).id(), "RUNNING");
    }

    /** Threads the group's processors (descendants included) are running now: 0 once a run-once task has finished. */
    public int activeThreads(final String groupId) {
        return get("flow/process-groups/" + groupId + "/status?recursive=true").path("processGroupStatus").path("aggregateSnapshot")
                .path("activeThreadCount").asInt();
    }

    private ProcessorState processorNamed(final String groupId, final String name) {
        return processors(groupId).stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No processor named " + name + " in " + groupId));
    }

    private void runStatus(final String processorId, final String state) {
        final ObjectNode body = MAPPER.createObjectNode();
        body.set("revision", get("processors/" + processorId).path("revision"));
        body.put("state", state);
        put("processors/" + processorId + "/run-status", body);
    }

    /** Queue and FlowFile counts of the group, including its descendants' processors. */
    public GroupStatus status(final String groupId) {
        final JsonNode snapshot = get("flow/process-groups/" + groupId + "/status?recursive=true")
                .path("processGroupStatus").path("aggregateSnapshot");
        final List<ProcessorStatus> processors = new ArrayList<>();
        collectProcessorStatus(snapshot, processors);
        return new GroupStatus(snapshot.path("flowFilesQueued").asInt(), snapshot.path("bytesQueued").asLong(),
                snapshot.path("flowFilesIn").asInt(), snapshot.path("flowFilesOut").asInt(), processors);
    }

    private static void collectProcessorStatus(final JsonNode groupSnapshot, final List<ProcessorStatus> into) {
        for (final JsonNode entry : groupSnapshot.path("processorStatusSnapshots")) {
            final JsonNode p = entry.path("processorStatusSnapshot");
            into.add(new ProcessorStatus(p.path("id").asText(), p.path("name").asText(), p.path("flowFilesIn").asInt(),
                    p.path("flowFilesOut").asInt(), p.path("taskCount").asInt()));
        }
        for (final JsonNode child : groupSnapshot.path("processGroupStatusSnapshots")) {
            collectProcessorStatus(child.path("processGroupStatusSnapshot"), into);
        }
    }

    /** Ids of the group and all its descendant groups, the group first. */
    public List<String> processGroupTree(final String groupId) {
        final List<String> ids = new ArrayList<>(List.of(groupId));
        for (final JsonNode child : get("process-groups/" + groupId + "/process-groups").path("processGroups")) {
            ids.addAll(processGroupTree(child.path("id").asText()));
        }
        return ids;
    }

    /** The id of the parameter context bound to the group, if any. */
    public Optional<String> parameterContextOf(final String groupId) {
        final JsonNode context = get("process-groups/" + groupId).path("component").path("parameterContext");
        return context.hasNonNull("id") ? Optional.of(context.path("id").asText()) : Optional.empty();
    }

    // --- parameter contexts -----------------------------------------------------------------------

    public List<ParameterContext> parameterContexts() {
        final List<ParameterContext> result = new ArrayList<>();
        for (final JsonNode entity : get("flow/parameter-contexts").path("parameterContexts")) {
            result.add(parameterContext(entity.path("id").asText()));
        }
        return result;
    }

    public Optional<ParameterContext> findParameterContext(final String name) {
        return parameterContexts().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** A context with its own parameters (inherited ones are listed by id, not merged in). */
    public ParameterContext parameterContext(final String contextId) {
        final JsonNode c = get("parameter-contexts/" + contextId + "?includeInheritedParameters=false").path("component");
        final List<Parameter> parameters = new ArrayList<>();
        for (final JsonNode entity : c.path("parameters")) {
            final JsonNode p = entity.path("parameter");
            parameters.add(new Parameter(p.path("name").asText(), p.path("value").isNull() ? null : p.path("value").asText(),
                    p.path("sensitive").asBoolean()));
        }
        final List<String> inherited = new ArrayList<>();
        for (final JsonNode ref : c.path("inheritedParameterContexts")) {
            inherited.add(ref.path("id").asText());
        }
        return new ParameterContext(c.path("id").asText(), c.path("name").asText(), parameters, inherited);
    }

    /** Returns the context of that name, creating it empty when there is none. */
    public ParameterContext findOrCreateParameterContext(final String name) {
        final Optional<ParameterContext> existing = findParameterContext(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        final ObjectNode body = MAPPER.createObjectNode();
        body.putObject("revision").put("clientId", clientId).put("version", 0);
        body.putObject("component").put("name", name).putArray("parameters");
        return parameterContext(post("parameter-contexts", body).path("id").asText());
    }

    /**
     * Adds or changes parameters of a context. NiFi applies this asynchronously (it stops and restarts the
     * components that use them): this submits an update request, waits for it to complete and removes it.
     * A parameter's sensitivity is fixed when it is created.
     */
    public ParameterContext setParameters(final String contextId, final List<Parameter> parameters) {
        for (int attempt = 1; ; attempt++) {
            try {
                return updateParameters(contextId, parameters);
            } catch (final IllegalStateException refused) {
                // a cluster node that rejoins refuses changes for a few seconds ("Node ... is currently connecting"),
                // even after the cluster reported every node CONNECTED: the whole demo run failed on it
                if (attempt == 6 || refused.getMessage() == null || !refused.getMessage().contains("is currently connecting")) {
                    throw refused;
                }
                try {
                    Thread.sleep(5_000);
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw refused;
                }
            }
        }
    }

    private ParameterContext updateParameters(final String contextId, final List<Parameter> parameters) {
        final JsonNode current = get("parameter-contexts/" + contextId);
        final ObjectNode body = MAPPER.createObjectNode();
        body.set("revision", current.path("revision"));
        body.put("id", contextId);
        final ObjectNode component = body.putObject("component").put("id", contextId);
        final ArrayNode list = component.putArray("parameters");
        for (final Parameter parameter : parameters) {
            final ObjectNode p = list.addObject().putObject("parameter");
            p.put("name", parameter.name()).put("sensitive", parameter.sensitive()).put("value", parameter.value());
        }
        final JsonNode submitted = post("parameter-contexts/" + contextId + "/update-requests", body).path("request");
        final String path = "parameter-contexts/" + contextId + "/update-requests/" + submitted.path("requestId").asText();
        final JsonNode finished = Eventually.get("parameter context update " + contextId, SETTLE_TIMEOUT, () -> {
            final JsonNode request = get(path).path("request");
            return request.path("complete").asBoolean() ? Optional.of(request) : Optional.empty();
        });
        delete(path);
        if (finished.hasNonNull("failureReason")) {
            throw new IllegalStateException("Parameter context update failed: " + finished.path("failureReason").asText());
        }
        return parameterContext(contextId);
    }

    /** Gives the declared parameters of a group's context the values found in {@code values}, keeping each one's sensitivity. */
    public ParameterContext fillParameters(final String groupId, final Map<String, String> values) {
        final String context = parameterContextOf(groupId).orElseThrow();
        final List<Parameter> parameters = new ArrayList<>();
        for (final Parameter declared : parameterContext(context).parameters()) {
            if (values.containsKey(declared.name())) {
                parameters.add(new Parameter(declared.name(), values.get(declared.name()), declared.sensitive()));
            }
        }
        return setParameters(context, parameters);
    }

    // --- counters, bulletins, component types -----------------------------------------------------

    public List<Counter> counters() {
        final List<Counter> result = new ArrayList<>();
        for (final JsonNode c : get("counters").path("counters").path("aggregateSnapshot").path("counters")) {
            result.add(new Counter(c.path("context").asText(), c.path("name").asText(), c.path("valueCount").asLong()));
        }
        return result;
    }

    /** Recent bulletins (warnings and errors components reported), newest last, optionally of one group only. */
    public List<Bulletin> bulletins(final String groupId) {
        final String query = groupId == null ? "" : "?groupId=" + URLEncoder.encode(groupId, StandardCharsets.UTF_8);
        final List<Bulletin> result = new ArrayList<>();
        for (final JsonNode entity : get("flow/bulletin-board" + query).path("bulletinBoard").path("bulletins")) {
            final JsonNode b = entity.path("bulletin");
            result.add(new Bulletin(b.path("level").asText(), b.path("category").asText(), b.path("sourceId").asText(),
                    b.path("sourceName").asText(), b.path("message").asText()));
        }
        return result;
    }

    /** The connection of the group that ends at the component (processor, port) named {@code destinationName}. */
    public String connectionTo(final String groupId, final String destinationName) {
        for (final JsonNode connection : get("process-groups/" + groupId + "/connections").path("connections")) {
            if (destinationName.equals(connection.path("component").path("destination").path("name").asText())) {
                return connection.path("id").asText();
            }
        }
        throw new IllegalStateException("No connection to " + destinationName + " in " + groupId);
    }

    /** The attributes of each FlowFile queued in the connection, as the queue listing of the UI shows them. */
    public List<Map<String, String>> queuedAttributes(final String connectionId) {
        final String request = post("flowfile-queues/" + connectionId + "/listing-requests", MAPPER.createObjectNode())
                .path("listingRequest").path("id").asText();
        final String path = "flowfile-queues/" + connectionId + "/listing-requests/" + request;
        try {
            final JsonNode listing = Eventually.get("queue listing of " + connectionId, SETTLE_TIMEOUT, () -> {
                final JsonNode current = get(path).path("listingRequest");
                return current.path("finished").asBoolean() ? Optional.of(current) : Optional.empty();
            });
            final List<Map<String, String>> result = new ArrayList<>();
            for (final JsonNode summary : listing.path("flowFileSummaries")) {
                final JsonNode flowFile = get("flowfile-queues/" + connectionId + "/flowfiles/" + summary.path("uuid").asText())
                        .path("flowFile");
                final Map<String, String> attributes = new LinkedHashMap<>();
                flowFile.path("attributes").fields().forEachRemaining(a -> attributes.put(a.getKey(), a.getValue().asText()));
                result.add(attributes);
            }
            return result;
        } finally {
            delete(path);
        }
    }

    public List<ComponentType> processorTypes() {
        return componentTypes("flow/processor-types", "processorTypes");
    }

    public List<ComponentType> controllerServiceTypes() {
        return componentTypes("flow/controller-service-types", "controllerServiceTypes");
    }

    private List<ComponentType> componentTypes(final String path, final String field) {
        final List<ComponentType> result = new ArrayList<>();
        for (final JsonNode t : get(path).path(field)) {
            final JsonNode bundle = t.path("bundle");
            result.add(new ComponentType(t.path("type").asText(), bundle.path("group").asText(),
                    bundle.path("artifact").asText(), bundle.path("version").asText()));
        }
        return result;
    }

    // --- HTTP -------------------------------------------------------------------------------------

    private static List<String> texts(final JsonNode array) {
        final List<String> result = new ArrayList<>();
        array.forEach(n -> result.add(n.asText()));
        return result;
    }

    private static byte[] multipart(final String boundary, final Map<String, String> fields, final Path file) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final StringBuilder head = new StringBuilder();
        fields.forEach((name, value) -> head.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        head.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"file\"; filename=\"").append(file.getFileName()).append("\"\r\n")
                .append("Content-Type: application/json\r\n\r\n");
        try {
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(Files.readAllBytes(file));
            out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return out.toByteArray();
    }

    private HttpRequest.Builder request(final String path) {
        return HttpRequest.newBuilder(api.resolve(path)).timeout(REQUEST_TIMEOUT).header("Accept", "application/json");
    }

    private JsonNode get(final String path) {
        return send(request(path).GET().build());
    }

    private JsonNode post(final String path, final JsonNode body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private JsonNode put(final String path, final JsonNode body) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private JsonNode delete(final String path) {
        return send(request(path).DELETE().build());
    }

    private JsonNode send(final HttpRequest request) {
        final HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (final IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + request.method() + " " + request.uri(), e);
        }
        final String label = request.method() + " " + request.uri();
        if (response.statusCode() / 100 != 2) {
            throw new NiFiApiException(label, response.statusCode(), response.body());
        }
        try {
            return response.body().isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(response.body());
        } catch (final IOException e) {
            throw new UncheckedIOException("Unreadable answer to " + label, e);
        }
    }
}
