package io.nifiecommerce.it.flows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes a NiFi 2.x flow definition (the JSON that "Upload flow definition" and
 * {@code POST /process-groups/{id}/process-groups/upload} accept): one process group with its
 * processors, controller services, connections, output ports, labels and its parameter context.
 * Identifiers are derived from names, so regenerating a definition gives the same file.
 */
public final class FlowDefinition {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String name;
    private final String groupId;
    private final String comments;
    private final ObjectNode parameterContext = MAPPER.createObjectNode();
    private final ArrayNode parameters = MAPPER.createArrayNode();
    private final ArrayNode processors = MAPPER.createArrayNode();
    private final ArrayNode services = MAPPER.createArrayNode();
    private final ArrayNode connections = MAPPER.createArrayNode();
    private final ArrayNode outputPorts = MAPPER.createArrayNode();
    private final ArrayNode labels = MAPPER.createArrayNode();
    private final Map<String, String> componentTypes = new LinkedHashMap<>();

    public FlowDefinition(final String name, final String comments) {
        this.name = name;
        this.comments = comments;
        this.groupId = id("group", name);
        parameterContext.put("name", name);
        parameterContext.put("description", "Per-client settings of the flow \"" + name + "\"");
        parameterContext.set("parameters", parameters);
        parameterContext.set("inheritedParameterContexts", MAPPER.createArrayNode());
        parameterContext.put("componentType", "PARAMETER_CONTEXT");
    }

    /** A parameter; sensitive ones never carry a value in the file. */
    public FlowDefinition parameter(final String parameterName, final String description, final boolean sensitive, final String value) {
        final ObjectNode parameter = parameters.addObject();
        parameter.put("name", parameterName);
        parameter.put("description", description);
        parameter.put("sensitive", sensitive);
        parameter.put("provided", false);
        if (sensitive || value == null) {
            parameter.putNull("value");
        } else {
            parameter.put("value", value);
        }
        return this;
    }

    public Component processor(final String componentName, final String type, final Bundle bundle) {
        final ObjectNode node = processors.addObject();
        final Component component = new Component(node, id("processor", componentName), componentName, type, bundle, "PROCESSOR");
        node.set("style", MAPPER.createObjectNode());
        node.put("schedulingPeriod", "1 min");
        node.put("schedulingStrategy", "TIMER_DRIVEN");
        node.put("executionNode", "ALL");
        node.put("penaltyDuration", "30 sec");
        node.put("yieldDuration", "10 sec");
        node.put("bulletinLevel", "WARN");
        node.put("runDurationMillis", 0);
        node.put("concurrentlySchedulableTaskCount", 1);
        node.set("autoTerminatedRelationships", MAPPER.createArrayNode());
        node.put("scheduledState", "ENABLED");
        node.put("retryCount", 10);
        node.set("retriedRelationships", MAPPER.createArrayNode());
        node.put("backoffMechanism", "PENALIZE_FLOWFILE");
        node.put("maxBackoffPeriod", "10 mins");
        componentTypes.put(component.id(), "PROCESSOR");
        return component;
    }

    public Component service(final String componentName, final String type, final Bundle bundle, final String apiType, final Bundle apiBundle) {
        final ObjectNode node = services.addObject();
        final Component component = new Component(node, id("service", componentName), componentName, type, bundle, "CONTROLLER_SERVICE");
        final ObjectNode api = node.putArray("controllerServiceApis").addObject();
        api.put("type", apiType);
        api.set("bundle", bundleNode(apiBundle));
        node.put("scheduledState", "ENABLED");
        node.put("bulletinLevel", "WARN");
        return component;
    }

    /**
     * A review place: an output port at the group's edge named "Review: ...". Until the integrator connects it to their
     * own handling, NiFi keeps the port from running, so FlowFiles wait in its queue, where they can be listed and replayed.
     */
    public String reviewPort(final String what, final double x, final double y) {
        final ObjectNode node = outputPorts.addObject();
        final String portName = "Review: " + what;
        final String id = id("output-port", portName);
        node.put("identifier", id);
        node.put("name", portName);
        node.set("position", position(x, y));
        node.put("type", "OUTPUT_PORT");
        node.put("concurrentlySchedulableTaskCount", 1);
        node.put("scheduledState", "ENABLED");
        node.put("allowRemoteAccess", false);
        node.put("portFunction", "STANDARD");
        node.put("componentType", "OUTPUT_PORT");
        node.put("groupIdentifier", groupId);
        componentTypes.put(id, "OUTPUT_PORT");
        return id;
    }

    public FlowDefinition label(final String text, final double x, final double y, final double width, final double height) {
        final ObjectNode node = labels.addObject();
        node.put("identifier", id("label", text));
        node.put("label", text);
        node.put("width", width);
        node.put("height", height);
        node.set("style", MAPPER.createObjectNode().put("font-size", "14px"));
        node.set("position", position(x, y));
        node.put("zIndex", 0);
        node.put("componentType", "LABEL");
        node.put("groupIdentifier", groupId);
        return this;
    }

    /** The label that explains the flow: its height follows the number of lines (14 px text, 20 px a line). */
    public FlowDefinition note(final String text, final double x, final double y, final double width) {
        final String trimmed = text.strip();
        return label(trimmed, x, y, width, 20.0 * trimmed.lines().count() + 24);
    }

    /** Connects two components; load-balanced connections spread the work of a primary-node source over the cluster. */
    public FlowDefinition connect(final String sourceId, final String destinationId, final List<String> relationships, final boolean loadBalanced) {
        return connect(sourceId, destinationId, relationships, loadBalanced, List.of());
    }

    /**
     * A connection drawn through {@code bends} (x, y pairs); its label sits on the first bend, so a bent connection's
     * label goes where the layout puts it rather than at the middle of the line.
     */
    public FlowDefinition connect(final String sourceId, final String destinationId, final List<String> relationships, final boolean loadBalanced,
                                  final List<double[]> bends) {
        final ObjectNode node = connections.addObject();
        node.put("identifier", id("connection", sourceId + "->" + destinationId + relationships));
        node.put("name", String.join(", ", relationships));
        node.set("source", endpoint(sourceId));
        node.set("destination", endpoint(destinationId));
        final ArrayNode selected = node.putArray("selectedRelationships");
        relationships.forEach(selected::add);
        node.put("backPressureObjectThreshold", 10000);
        node.put("backPressureDataSizeThreshold", "1 GB");
        node.put("flowFileExpiration", "0 sec");
        node.set("prioritizers", MAPPER.createArrayNode());
        final ArrayNode bendNodes = node.putArray("bends");
        bends.forEach(b -> bendNodes.add(position(b[0], b[1])));
        node.put("loadBalanceStrategy", loadBalanced ? "ROUND_ROBIN" : "DO_NOT_LOAD_BALANCE");
        node.put("loadBalanceCompression", "DO_NOT_COMPRESS");
        node.put("labelIndex", bends.isEmpty() ? 1 : 0);
        node.put("zIndex", 0);
        node.put("componentType", "CONNECTION");
        node.put("groupIdentifier", groupId);
        return this;
    }

    /**
     * The load-balanced connection into a keyed writer: round robin, so that every node writes. The FlowFiles name their
     * orders (an order bucket, an EDI order number) and the writer claims each across the cluster before it writes, so one
     * order is never written by two nodes at once. Not NiFi's PARTITION_BY_ATTRIBUTE: on NiFi 2.3.0 it sends every value
     * to the first of two nodes.
     */
    public FlowDefinition connectKeyed(final String sourceId, final String destinationId, final List<String> relationships,
                                      final List<double[]> bends) {
        return connect(sourceId, destinationId, relationships, true, bends);
    }

    public String name() {
        return name;
    }

    public String comments() {
        return comments;
    }

    /** The parameters as declared: name, description, sensitive, default value (null for secrets). */
    public List<ObjectNode> parameters() {
        final List<ObjectNode> list = new ArrayList<>();
        parameters.forEach(p -> list.add((ObjectNode) p));
        return list;
    }

    public ObjectNode toJson() {
        final ObjectNode group = MAPPER.createObjectNode();
        group.put("identifier", groupId);
        group.put("name", name);
        group.put("comments", comments);
        group.put("componentType", "PROCESS_GROUP");
        group.set("position", position(0, 0));
        group.set("processors", processors);
        group.set("processGroups", MAPPER.createArrayNode());
        group.set("remoteProcessGroups", MAPPER.createArrayNode());
        group.set("inputPorts", MAPPER.createArrayNode());
        group.set("outputPorts", outputPorts);
        group.set("connections", connections);
        group.set("labels", labels);
        group.set("funnels", MAPPER.createArrayNode());
        group.set("controllerServices", services);
        group.put("parameterContextName", name);
        group.put("flowFileConcurrency", "UNBOUNDED");
        group.put("flowFileOutboundPolicy", "STREAM_WHEN_AVAILABLE");
        group.put("defaultFlowFileExpiration", "0 sec");
        group.put("defaultBackPressureObjectThreshold", 10000);
        group.put("defaultBackPressureDataSizeThreshold", "1 GB");
        group.put("executionEngine", "INHERITED");
        group.put("maxConcurrentTasks", 1);
        group.put("statelessFlowTimeout", "1 min");
        final ObjectNode root = MAPPER.createObjectNode();
        root.set("flowContents", group);
        root.set("externalControllerServices", MAPPER.createObjectNode());
        root.set("parameterContexts", MAPPER.createObjectNode().set(name, parameterContext));
        root.set("parameterProviders", MAPPER.createObjectNode());
        root.put("flowEncodingVersion", "1.0");
        root.put("latest", false);
        return root;
    }

    public void write(final Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, MAPPER.writeValueAsString(toJson()) + "\n", StandardCharsets.UTF_8);
    }

    private ObjectNode endpoint(final String componentId) {
        final ObjectNode node = MAPPER.createObjectNode();
        node.put("id", componentId);
        node.put("type", componentTypes.getOrDefault(componentId, "PROCESSOR"));
        node.put("groupId", groupId);
        node.put("name", componentId);
        return node;
    }

    private static ObjectNode position(final double x, final double y) {
        return MAPPER.createObjectNode().put("x", x).put("y", y);
    }

    private static ObjectNode bundleNode(final Bundle bundle) {
        return MAPPER.createObjectNode().put("group", bundle.group()).put("artifact", bundle.artifact()).put("version", bundle.version());
    }

    private String id(final String kind, final String componentName) {
        return UUID.nameUUIDFromBytes((name + "/" + kind + "/" + componentName).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A processor or controller service being configured. */
    public final class Component {
        private final ObjectNode node;
        private final String id;
        private final ObjectNode properties;
        private final List<String> retried = new ArrayList<>();
        private double x;
        private double y;

        private Component(final ObjectNode node, final String id, final String componentName, final String type, final Bundle bundle,
                          final String componentType) {
            this.node = node;
            this.id = id;
            node.put("identifier", id);
            node.put("name", componentName);
            node.put("type", type);
            node.set("bundle", bundleNode(bundle));
            properties = node.putObject("properties");
            node.putObject("propertyDescriptors");
            node.put("componentType", componentType);
            node.put("groupIdentifier", groupId);
            node.set("position", position(0, 0));
        }

        public String id() {
            return id;
        }

        public Component property(final String propertyName, final String value) {
            properties.put(propertyName, value);
            return this;
        }

        /** A property naming a controller service of this group: NiFi remaps the reference on import. */
        public Component serviceProperty(final String propertyName, final Component service) {
            properties.put(propertyName, service.id());
            node.withObjectProperty("propertyDescriptors").putObject(propertyName)
                    .put("name", propertyName).put("displayName", propertyName)
                    .put("identifiesControllerService", true).put("sensitive", false).put("dynamic", false);
            return this;
        }

        /** A sensitive property bound to a sensitive parameter: the file holds the reference, never the secret. */
        public Component sensitiveProperty(final String propertyName, final String parameterName) {
            properties.put(propertyName, "#{" + parameterName + "}");
            node.withObjectProperty("propertyDescriptors").putObject(propertyName)
                    .put("name", propertyName).put("displayName", propertyName)
                    .put("identifiesControllerService", false).put("sensitive", true).put("dynamic", false);
            return this;
        }

        public Component at(final double atX, final double atY) {
            this.x = atX;
            this.y = atY;
            node.set("position", position(atX, atY));
            return this;
        }

        public double x() {
            return x;
        }

        public double y() {
            return y;
        }

        public Component schedule(final String strategy, final String period) {
            node.put("schedulingStrategy", strategy);
            node.put("schedulingPeriod", period);
            return this;
        }

        /** How many tasks of this processor run at once on each node (the definition's default is 1). */
        public Component concurrentTasks(final int tasks) {
            node.put("concurrentlySchedulableTaskCount", tasks);
            return this;
        }

        /** Sources run on the primary node only, so a cluster reads each order once. */
        public Component primaryNodeOnly() {
            node.put("executionNode", "PRIMARY");
            return this;
        }

        public Component autoTerminate(final String... relationships) {
            final ArrayNode terminated = node.withArrayProperty("autoTerminatedRelationships");
            for (final String relationship : relationships) {
                terminated.add(relationship);
            }
            return this;
        }

        /** Relationships NiFi retries in place with penalties growing up to {@code maxBackoff}. */
        public Component retry(final int count, final String maxBackoff, final String... relationships) {
            node.put("retryCount", count);
            node.put("maxBackoffPeriod", maxBackoff);
            final ArrayNode retriedNode = node.withArrayProperty("retriedRelationships");
            for (final String relationship : relationships) {
                retried.add(relationship);
                retriedNode.add(relationship);
            }
            return this;
        }

        public Component disabled() {
            node.put("scheduledState", "DISABLED");
            return this;
        }

        public Component comments(final String text) {
            node.put("comments", text);
            return this;
        }
    }
}
