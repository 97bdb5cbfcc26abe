package io.nifiecommerce.it.flows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.nifi.record.path.FieldValue;
import org.apache.nifi.record.path.RecordPath;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The committed flow definitions are the generator's output, and follow the rules integrators rely on. */
class FlowTemplatesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path DIRECTORY = Path.of(System.getProperty("nifi-ecommerce.repository", "..")).resolve("flow-templates");

    private final FlowTemplates templates = new FlowTemplates(System.getProperty("nifi-ecommerce.version", "0.1.0-SNAPSHOT"));

    @Test
    void committedFilesAreWhatTheGeneratorWrites() throws IOException {
        for (final String name : FlowTemplates.NAMES) {
            final Path file = DIRECTORY.resolve(name + ".json");
            assertTrue(Files.isRegularFile(file), file + " is missing: run FlowTemplates");
            assertEquals(templates.all().get(name).toJson(), MAPPER.readTree(file.toFile()),
                    file + " differs from FlowTemplates: regenerate it");
            assertEquals(FlowTemplates.testParameters(templates.all().get(name)),
                    Files.readString(DIRECTORY.resolve(name + ".test-parameters.json"), StandardCharsets.UTF_8));
        }
        assertEquals(templates.readme(), Files.readString(DIRECTORY.resolve("README.md"), StandardCharsets.UTF_8));
    }

    @Test
    void secretsAreSensitiveParametersWithoutValue() {
        for (final FlowDefinition flow : templates.all().values()) {
            final JsonNode json = flow.toJson();
            final Set<String> sensitive = new HashSet<>();
            json.path("parameterContexts").elements().next().path("parameters").forEach(p -> {
                if (p.path("sensitive").asBoolean()) {
                    sensitive.add(p.path("name").asText());
                    assertTrue(p.path("value").isNull(), p.path("name").asText() + " carries a value in " + flow.name());
                }
            });
            assertTrue(sensitive.stream().anyMatch(n -> n.contains("secret") || n.contains("token")), flow.name() + " declares its secrets");
            // every property that names a secret is bound to one of those sensitive parameters
            json.path("flowContents").path("controllerServices").forEach(service -> service.path("properties").fields().forEachRemaining(p -> {
                final String property = p.getKey().toLowerCase();
                if (property.contains("secret") || property.contains("token") || property.contains("password")) {
                    final String value = p.getValue().asText();
                    if (!value.startsWith("#{") || !sensitive.contains(value.substring(2, value.length() - 1))) {
                        fail(flow.name() + ": " + p.getKey() + " is not bound to a sensitive parameter");
                    }
                }
            }));
        }
    }

    @Test
    void sourcesRunOnThePrimaryNodeOnly() {
        for (final FlowDefinition flow : templates.all().values()) {
            final JsonNode group = flow.toJson().path("flowContents");
            final Set<String> destinations = new HashSet<>();
            group.path("connections").forEach(c -> destinations.add(c.path("destination").path("id").asText()));
            group.path("processors").forEach(processor -> {
                final boolean source = !destinations.contains(processor.path("identifier").asText());
                if (source && !"DISABLED".equals(processor.path("scheduledState").asText())
                        && !processor.path("type").asText().endsWith("ListenHTTP") && !processor.path("type").asText().endsWith("HandleHttpRequest")) {
                    assertEquals("PRIMARY", processor.path("executionNode").asText(), processor.path("name").asText() + " in " + flow.name());
                }
            });
        }
    }

    /** Failures end at a named place an integrator finds and can connect: an output port "Review: ...", never a funnel. */
    @Test
    void failuresWaitAtNamedReviewPorts() {
        for (final FlowDefinition flow : templates.all().values()) {
            final JsonNode group = flow.toJson().path("flowContents");
            assertEquals(0, group.path("funnels").size(), flow.name() + " has funnels, which cannot be named");
            final Map<String, String> ports = new HashMap<>();
            group.path("outputPorts").forEach(p -> ports.put(p.path("identifier").asText(), p.path("name").asText()));
            assertTrue(!ports.isEmpty() && ports.values().stream().allMatch(n -> n.startsWith("Review: ")), flow.name() + ": " + ports.values());
            final Set<String> reviewed = new HashSet<>();
            // a web request's failure is answered (HandleHttpResponse with an error status); what cannot be answered is reviewed
            final Set<String> responders = new HashSet<>();
            group.path("processors").forEach(p -> {
                if (p.path("type").asText().endsWith("HandleHttpResponse")) {
                    responders.add(p.path("identifier").asText());
                }
            });
            group.path("connections").forEach(c -> {
                final boolean toPort = "OUTPUT_PORT".equals(c.path("destination").path("type").asText())
                        || responders.contains(c.path("destination").path("id").asText());
                c.path("selectedRelationships").forEach(r -> {
                    final String relationship = r.asText();
                    final boolean failure = relationship.equals("failure") || relationship.equals("not.found") || relationship.equals("permission.denied");
                    if (failure) {
                        final String destination = c.path("destination").path("id").asText();
                        assertTrue(toPort && (ports.containsKey(destination) || responders.contains(destination)),
                                flow.name() + ": " + relationship + " does not go to a review port");
                        reviewed.add(c.path("source").path("id").asText() + "/" + relationship);
                    }
                });
            });
            // held: an order the release policy keeps from the webhook path, which the pollers send on once approved;
            // cancelled: an order cancelled in the shop and settled in BC (never created, or its open sales order deleted)
            group.path("processors").forEach(p -> p.path("autoTerminatedRelationships").forEach(r -> assertTrue(
                    Set.of("success", "original", "duplicate", "held", "cancelled").contains(r.asText()),
                    flow.name() + ": " + p.path("name").asText() + " drops " + r.asText())));
            group.path("processors").forEach(p -> {
                // FetchSFTP's comms.failure (server unreachable) is transient: it loops back, the file is still on the server
                final List<String> unread = p.path("type").asText().endsWith("FetchFile") ? List.of("failure", "not.found", "permission.denied")
                        : p.path("type").asText().endsWith("FetchSFTP") ? List.of("not.found", "permission.denied") : List.of();
                for (final String relationship : unread) {
                    assertTrue(reviewed.contains(p.path("identifier").asText() + "/" + relationship),
                            flow.name() + ": " + p.path("name").asText() + " " + relationship + " is not reviewed");
                }
            });
        }
    }

    /**
     * In a cluster, the writers that look an order up before creating it (BC sales orders, credit memos, Shopify fulfillments)
     * must never write one order on two nodes at once: every connection into them is round robin (every node writes) from a
     * step that names the order, either its EDI order number (one a FlowFile) or a bucket of the key that writer looks up,
     * which the writer claims across the cluster (OrderClaims) before writing.
     */
    @Test
    void keyedWritersRunOnEveryNodeAndClaimTheOrder() {
        final Map<String, String> keys = Map.of(
                "businesscentral.PutBusinessCentralOrder", "/sourceId",
                "businesscentral.PutBusinessCentralCreditMemo", "/orderSourceId",
                "shopify.PutShopifyFulfillment", "coalesce(/orderReference, /externalDocumentNumber)",
                "amazon.ConfirmAmazonShipment", "/orderReference",
                "shopify.PutShopifyErpStatus", "/externalDocumentNumber");
        // steps that name the order of their one-order FlowFiles themselves (eancom.order.number)
        final Set<String> namingSteps = Set.of("edi.ReadRetailOrderEdi");
        int writers = 0;
        for (final FlowDefinition flow : templates.all().values()) {
            final JsonNode group = flow.toJson().path("flowContents");
            final Map<String, JsonNode> processors = new HashMap<>();
            group.path("processors").forEach(p -> processors.put(p.path("identifier").asText(), p));
            for (final JsonNode writer : processors.values()) {
                final String type = writer.path("type").asText().substring(FlowTemplates.PKG.length());
                if (!keys.containsKey(type)) {
                    continue;
                }
                writers++;
                final String id = writer.path("identifier").asText();
                int inputs = 0;
                for (final JsonNode c : group.path("connections")) {
                    final String source = c.path("source").path("id").asText();
                    if (!c.path("destination").path("id").asText().equals(id) || source.equals(id)) {
                        continue; // not an input, or the writer's own retry loop
                    }
                    inputs++;
                    final String where = flow.name() + ": " + c.path("name").asText() + " into " + writer.path("name").asText();
                    // round robin, not NiFi 2.3.0's partition by attribute (every value on the first of two nodes): the writer claims
                    assertEquals("ROUND_ROBIN", c.path("loadBalanceStrategy").asText(), where);
                    final JsonNode step = processors.get(source);
                    final String sourceType = step.path("type").asText();
                    if (sourceType.endsWith(".PartitionRecord")) {
                        assertEquals(FlowTemplates.bucketOf(keys.get(type)), step.path("properties").path(FlowTemplates.ORDER_BUCKET).asText(), where);
                    } else {
                        assertTrue(namingSteps.contains(sourceType.substring(FlowTemplates.PKG.length())), where + " from a step naming no order");
                    }
                }
                assertTrue(inputs > 0, flow.name() + ": " + writer.path("name").asText() + " has no input");
            }
        }
        assertTrue(writers >= 5, "the orders, marketplace, EDI, refunds and tracking flows' writers: " + writers);
    }

    /** The bucket NiFi computes: one hex digit, the same for every record of an order, spread over the 16 digits. */
    @Test
    void recordsOfOneOrderFallInOneBucket() {
        final RecordSchema schema = new SimpleRecordSchema(List.of(
                new RecordField("sourceId", RecordFieldType.STRING.getDataType()),
                new RecordField("orderReference", RecordFieldType.STRING.getDataType()),
                new RecordField("externalDocumentNumber", RecordFieldType.STRING.getDataType())));
        final RecordPath orders = RecordPath.compile(FlowTemplates.bucketOf("/sourceId"));
        final Set<String> buckets = new HashSet<>();
        for (int n = 1000; n < 1200; n++) {
            final String gid = "gid://shopify/Order/" + n;
            final String bucket = bucket(orders, new MapRecord(schema, new HashMap<>(Map.of("sourceId", gid))));
            assertTrue(bucket.matches("[0-9a-f]"), bucket);
            assertEquals(bucket, bucket(orders, new MapRecord(schema, new HashMap<>(Map.of("sourceId", gid, "orderReference", "#" + n)))));
            buckets.add(bucket);
        }
        assertEquals(16, buckets.size());
        // a BC shipment names the order by its external document number, a carrier feed by its order reference: one bucket
        final RecordPath shipments = RecordPath.compile(FlowTemplates.bucketOf("coalesce(/orderReference, /externalDocumentNumber)"));
        assertEquals(bucket(shipments, new MapRecord(schema, new HashMap<>(Map.of("orderReference", "#1001")))),
                bucket(shipments, new MapRecord(schema, new HashMap<>(Map.of("externalDocumentNumber", "#1001")))));
    }

    /**
     * What NiFi 2.3.0 does with the 16 bucket names, with its own rule (nifi-framework-core 2.3.0,
     * CorrelationAttributePartitioner: the value's String hash seeds a linear congruential generator, Guava's consistent hash
     * walk, then one is taken off any index above 0). On two nodes every index is 0: **every bucket goes to the first
     * node**, which the 10,000-order 2-node run showed (the second node received no FlowFile in the keyed writers' inputs).
     * On three nodes the third gets none. Exactly once is unharmed (one node per order); the keyed writers do not scale out.
     * When NiFi's rule changes, this test fails, and the integrator guide's "How 16 buckets split" must change with it.
     */
    @Test
    void nifi230PutsEveryBucketOnTheFirstOfTwoNodes() {
        final RecordSchema schema = new SimpleRecordSchema(List.of(new RecordField("sourceId", RecordFieldType.STRING.getDataType())));
        final RecordPath orders = RecordPath.compile(FlowTemplates.bucketOf("/sourceId"));
        final Set<String> names = new HashSet<>();
        for (int n = 1000; n < 1400; n++) {
            names.add(bucket(orders, new MapRecord(schema, new HashMap<>(Map.of("sourceId", "gid://shopify/Order/" + n)))));
        }
        assertEquals(16, names.size());
        final int[] onTwo = new int[2];
        final int[] onThree = new int[3];
        names.forEach(name -> {
            onTwo[nifi230Partition(name, 2)]++;
            onThree[nifi230Partition(name, 3)]++;
        });
        assertEquals(List.of(16, 0), List.of(onTwo[0], onTwo[1]), names.toString());
        assertEquals(0, onThree[2], "the last of three nodes gets no bucket");
    }

    /** The partition NiFi 2.3.0's attribute partitioner picks for {@code value} among {@code partitions}. */
    private static int nifi230Partition(final String value, final int partitions) {
        long state = value.hashCode();
        int candidate = 0;
        while (true) {
            state = 2862933555777941757L * state + 1;
            final double generated = ((double) ((int) (state >>> 33) + 1)) / 0x1.0p31;
            final int next = (int) ((candidate + 1) / generated);
            if (next >= 0 && next < partitions) {
                candidate = next;
            } else {
                return candidate == 0 ? 0 : candidate - 1;
            }
        }
    }

    private static String bucket(final RecordPath path, final MapRecord record) {
        final List<Object> values = path.evaluate(record).getSelectedFields().map(FieldValue::getValue).toList();
        assertEquals(1, values.size(), values.toString());
        return String.valueOf(values.getFirst());
    }

    /** One label explains each flow; raw files are archived (moved) before parsing by default. */
    @Test
    void eachFlowExplainsItselfAndArchivesItsRawFiles() {
        for (final FlowDefinition flow : templates.all().values()) {
            final JsonNode group = flow.toJson().path("flowContents");
            assertEquals(1, group.path("labels").size(), flow.name());
            assertTrue(group.path("labels").get(0).path("label").asText().startsWith(flow.name()), flow.name());
            final Map<String, String> defaults = new HashMap<>();
            flow.parameters().forEach(p -> defaults.put(p.path("name").asText(), p.path("value").asText()));
            group.path("processors").forEach(p -> {
                if (p.path("type").asText().endsWith("FetchFile") || p.path("type").asText().endsWith("FetchSFTP")) {
                    final String strategy = p.path("properties").path("Completion Strategy").asText();
                    assertEquals("Move File", defaults.get(strategy.substring(2, strategy.length() - 1)), p.path("name").asText());
                    final String archive = p.path("properties").path("Move Destination Directory").asText();
                    assertTrue(defaults.get(archive.substring(2, archive.length() - 1)).contains("archive"), p.path("name").asText());
                }
            });
        }
    }

    /**
     * Nothing covers a processor or a port: not the flow's label, not a connection's label (about 240 x 90, centred on
     * its first bend, or on the middle of a straight connection), and connection labels do not cover each other.
     */
    @Test
    void labelsCoverNoComponent() {
        for (final FlowDefinition flow : templates.all().values()) {
            final JsonNode group = flow.toJson().path("flowContents");
            final Map<String, double[]> boxes = new HashMap<>();
            group.path("processors").forEach(p -> boxes.put(p.path("identifier").asText(),
                    box(p.path("position"), FlowTemplates.WIDTH, FlowTemplates.HEIGHT)));
            group.path("outputPorts").forEach(p -> boxes.put(p.path("identifier").asText(),
                    box(p.path("position"), FlowTemplates.PORT_WIDTH, FlowTemplates.PORT_HEIGHT)));
            final List<double[]> labels = new ArrayList<>();
            final List<String> names = new ArrayList<>();
            group.path("labels").forEach(l -> {
                labels.add(box(l.path("position"), l.path("width").asDouble(), l.path("height").asDouble()));
                names.add("the flow's label");
            });
            group.path("connections").forEach(c -> {
                final double[] from = boxes.get(c.path("source").path("id").asText());
                final double[] to = boxes.get(c.path("destination").path("id").asText());
                final JsonNode bends = c.path("bends");
                final double x;
                final double y;
                if (bends.isEmpty()) {
                    x = (from[0] + from[2] + to[0] + to[2]) / 4;
                    y = (from[1] + from[3] + to[1] + to[3]) / 4;
                } else {
                    x = bends.get(c.path("labelIndex").asInt()).path("x").asDouble();
                    y = bends.get(c.path("labelIndex").asInt()).path("y").asDouble();
                }
                labels.add(new double[] {x - 120, y - 45, x + 120, y + 45});
                names.add("the label of " + c.path("name").asText() + " from " + name(group, c.path("source").path("id").asText()));
            });
            for (int i = 0; i < labels.size(); i++) {
                for (final Map.Entry<String, double[]> component : boxes.entrySet()) {
                    assertTrue(!overlap(labels.get(i), component.getValue()),
                            flow.name() + ": " + names.get(i) + " covers " + name(group, component.getKey()));
                }
                for (int j = i + 1; j < labels.size(); j++) {
                    assertTrue(!overlap(labels.get(i), labels.get(j)), flow.name() + ": " + names.get(i) + " covers " + names.get(j));
                }
            }
        }
    }

    /** Connections run straight: from centre to centre through their bends, every segment is horizontal or vertical. */
    @Test
    void connectionsRunStraight() {
        for (final FlowDefinition flow : templates.all().values()) {
            final JsonNode group = flow.toJson().path("flowContents");
            final Map<String, double[]> boxes = new HashMap<>();
            group.path("processors").forEach(p -> boxes.put(p.path("identifier").asText(),
                    box(p.path("position"), FlowTemplates.WIDTH, FlowTemplates.HEIGHT)));
            group.path("outputPorts").forEach(p -> boxes.put(p.path("identifier").asText(),
                    box(p.path("position"), FlowTemplates.PORT_WIDTH, FlowTemplates.PORT_HEIGHT)));
            group.path("connections").forEach(c -> {
                final String source = c.path("source").path("id").asText();
                final String destination = c.path("destination").path("id").asText();
                if (source.equals(destination)) {
                    return; // a retry loop
                }
                final List<double[]> points = new ArrayList<>();
                points.add(center(boxes.get(source)));
                c.path("bends").forEach(b -> points.add(new double[] {b.path("x").asDouble(), b.path("y").asDouble()}));
                points.add(center(boxes.get(destination)));
                for (int i = 1; i < points.size(); i++) {
                    final double[] from = points.get(i - 1);
                    final double[] to = points.get(i);
                    assertTrue(from[0] == to[0] || from[1] == to[1], flow.name() + ": " + c.path("name").asText() + " from "
                            + name(group, source) + " to " + name(group, destination) + " runs askew");
                }
            });
        }
    }

    private static double[] center(final double[] box) {
        return new double[] {(box[0] + box[2]) / 2, (box[1] + box[3]) / 2};
    }

    private static double[] box(final JsonNode position, final double width, final double height) {
        final double x = position.path("x").asDouble();
        final double y = position.path("y").asDouble();
        return new double[] {x, y, x + width, y + height};
    }

    private static boolean overlap(final double[] a, final double[] b) {
        return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
    }

    private static String name(final JsonNode group, final String id) {
        for (final String kind : List.of("processors", "outputPorts")) {
            for (final JsonNode component : group.path(kind)) {
                if (component.path("identifier").asText().equals(id)) {
                    return component.path("name").asText();
                }
            }
        }
        return id;
    }
}
