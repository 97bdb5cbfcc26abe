package io.nifiecommerce.processors.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.order.Release;
import io.nifiecommerce.order.ReleaseGate;
import io.nifiecommerce.processors.PropertyRenames;
import io.nifiecommerce.processors.ErrorAttributes;
import io.nifiecommerce.processors.RecordDescriptors;
import io.nifiecommerce.processors.order.OrderRecordSchema;
import io.nifiecommerce.processors.order.OrderRecords;
import io.nifiecommerce.shopify.order.ShopifyWebhookOrderMapper;
import io.nifiecommerce.shopify.webhook.RecentEvents;
import io.nifiecommerce.shopify.webhook.SharedRecentEvents;
import io.nifiecommerce.shopify.webhook.WebhookSignature;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.Stateful;
import org.apache.nifi.annotation.behavior.SupportsBatching;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.configuration.DefaultSettings;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.distributed.cache.client.DistributedMapCacheClient;
import org.apache.nifi.distributed.cache.client.Serializer;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.logging.LogLevel;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.schema.access.SchemaNotFoundException;
import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.WriteResult;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

@SupportsBatching
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@Tags({"shopify", "webhook", "orders", "hmac", "ecommerce", "records"})
@CapabilityDescription("Verifies Shopify order webhooks received by HandleHttpRequest or ListenHTTP and turns them into canonical order "
        + "records, the same records FetchShopifyOrders writes. The body's HMAC-SHA256 is checked against the X-Shopify-Hmac-Sha256 "
        + "header with the app's webhook secret (in constant time); a refused or unreadable webhook goes to failure with error.code. "
        + "Deliveries whose X-Shopify-Event-Id was already seen go to duplicate.")
@WritesAttributes({
        @WritesAttribute(attribute = "ecommerce.order.segment", description = "B2B or B2C"),
        @WritesAttribute(attribute = "record.count", description = "1"),
        @WritesAttribute(attribute = "mime.type", description = "The Record Writer's MIME type"),
        @WritesAttribute(attribute = "shopify.shop", description = "The shop domain the webhook came from"),
        @WritesAttribute(attribute = "shopify.topic", description = "The webhook topic, e.g. orders/create"),
        @WritesAttribute(attribute = "shopify.event.id", description = "The delivery's event id"),
        @WritesAttribute(attribute = "ecommerce.release.reason", description = "On held: why the Release Policy holds the order "
                + "(AWAITING_APPROVAL, NOT_REVIEWED, RELEASED_AS_DRAFT)"),
        @WritesAttribute(attribute = "ecommerce.release.detail", description = "On held: the same in a sentence"),
        @WritesAttribute(attribute = "error.code", description = "On failure: MISSING_HMAC, MALFORMED_HMAC, INVALID_HMAC, INVALID_ORDER_JSON, CACHE_UNAVAILABLE"),
        @WritesAttribute(attribute = "error.message", description = "On failure: the reason, never the secret")
})
@Stateful(scopes = Scope.CLUSTER, description = "In a cluster (without a Distributed Cache Service), the event ids of the latest "
        + "deliveries, shared by every node so that a redelivery reaching another node is still recognised (at most "
        + ReceiveShopifyOrderWebhook.CLUSTER_CAPACITY + " ids).")
@SeeAlso(FetchShopifyOrders.class)
@UseCase(description = "Receive orders from Shopify as they happen, next to FetchShopifyOrders as a safety net.",
        configuration = """
                HandleHttpRequest (path /shopify/orders, POST) -> ReceiveShopifyOrderWebhook -> the order flow;
                every relationship also goes to HandleHttpResponse: 200 for success, duplicate and held, 401 for failure, so Shopify
                stops retrying what was accepted.
                Set "Webhook Secret" to the app's client secret (the key Shopify signs webhooks with).
                With ListenHTTP (which names each attribute after the header as the client sent it), set its
                "HTTP Headers to receive as Attributes (Regex)" to `(?i)X-Shopify-.*`; the header attributes are then found
                whatever their case, with or without the http.headers. prefix.
                """)
// Local work only (an HMAC check and a look-up of recent event ids): NiFi's usual 1 s yield and 30 s penalty, so that a
// webhook is answered quickly and Shopify does not time out and deliver it again.
@DefaultSettings(yieldDuration = "1 sec", penaltyDuration = "30 sec", bulletinLevel = LogLevel.WARN)
public class ReceiveShopifyOrderWebhook extends AbstractProcessor {

    static final String TOPIC_ATTRIBUTE = "shopify.topic";
    private static final String HEADERS_PREFIX = "http.headers.";
    private static final String HEADER_LOOKUP = "Found without regard to case, and with or without the http.headers. prefix "
            + "(HTTP header names are case-insensitive, and listeners name attributes after the header as sent).";
    static final String EVENT_ID_ATTRIBUTE = "shopify.event.id";
    // ZooKeeper keeps a component's state in one node of at most 1 MB: 2,000 ids of ~40 characters stay far below
    static final int CLUSTER_CAPACITY = 2000;

    public static final PropertyDescriptor WEBHOOK_SECRET = new PropertyDescriptor.Builder()
            .name("Webhook Secret")
            .description("The key Shopify signs the webhooks with: the app's client secret, or the secret shown for webhooks created in the admin.")
            .required(true)
            .sensitive(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor HMAC_ATTRIBUTE = new PropertyDescriptor.Builder()
            .name("HMAC Attribute")
            .description("The attribute holding the X-Shopify-Hmac-Sha256 header: http.headers.X-Shopify-Hmac-Sha256 with HandleHttpRequest, "
                    + "X-Shopify-Hmac-Sha256 with ListenHTTP. " + HEADER_LOOKUP)
            .required(true)
            .defaultValue("http.headers.X-Shopify-Hmac-Sha256")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor EVENT_ID_ATTRIBUTE_NAME = new PropertyDescriptor.Builder()
            .name("Event ID Attribute")
            .description("The attribute holding the X-Shopify-Event-Id header, used to recognise a delivery made twice. " + HEADER_LOOKUP)
            .required(true)
            .defaultValue("http.headers.X-Shopify-Event-Id")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor TOPIC_ATTRIBUTE_NAME = new PropertyDescriptor.Builder()
            .name("Topic Attribute")
            .description("The attribute holding the X-Shopify-Topic header. " + HEADER_LOOKUP)
            .required(true)
            .defaultValue("http.headers.X-Shopify-Topic")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor SHOP_ATTRIBUTE_NAME = new PropertyDescriptor.Builder()
            .name("Shop Domain Attribute")
            .description("The attribute holding the X-Shopify-Shop-Domain header. " + HEADER_LOOKUP)
            .required(true)
            .defaultValue("http.headers.X-Shopify-Shop-Domain")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor RECORD_WRITER = RecordDescriptors.recordWriter("Writes the canonical order record.");

    public static final PropertyDescriptor RECENT_EVENTS = new PropertyDescriptor.Builder()
            .name("Remembered Event IDs")
            .description("How many recent event ids are remembered to drop duplicate deliveries: by this node on a standalone NiFi; "
                    + "in a cluster, by every node together in the cluster state, at most " + CLUSTER_CAPACITY + ".")
            .required(true)
            .defaultValue("10000")
            .addValidator(StandardValidators.createLongValidator(1, 10_000_000, true))
            .build();

    public static final PropertyDescriptor DISTRIBUTED_CACHE = new PropertyDescriptor.Builder()
            .name("Distributed Cache Service")
            .description("Optional: remembers event ids in a Distributed Map Cache instead. Without it a standalone NiFi remembers them "
                    + "in memory and a cluster in its cluster state, shared by every node.")
            .required(false)
            .identifiesControllerService(DistributedMapCacheClient.class)
            .build();

    public static final Relationship REL_SUCCESS = new Relationship.Builder().name("success")
            .description("A verified order webhook, as one canonical order record").build();
    public static final Relationship REL_DUPLICATE = new Relationship.Builder().name("duplicate")
            .description("A verified delivery of an event already received (the original content)").build();
    public static final Relationship REL_HELD = new Relationship.Builder().name("held")
            .description("A verified order the Release Policy does not let through (yet), as received, with ecommerce.release.reason: "
                    + "FetchShopifyOrders or FetchShopifyDraftOrders sends it on once it is approved")
            .build();
    public static final Relationship REL_FAILURE = new Relationship.Builder().name("failure")
            .description("A webhook whose signature is missing or wrong, or whose body is not an order, with error.code and error.message").build();

    static final List<PropertyDescriptor> PROPERTIES = List.of(WEBHOOK_SECRET, HMAC_ATTRIBUTE, EVENT_ID_ATTRIBUTE_NAME, TOPIC_ATTRIBUTE_NAME,
            SHOP_ATTRIBUTE_NAME, ReleaseGateProperties.RELEASE_POLICY, ReleaseGateProperties.APPROVAL_TAG, RECORD_WRITER, RECENT_EVENTS,
            DISTRIBUTED_CACHE);
    static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_DUPLICATE, REL_HELD, REL_FAILURE);
    static final String RELEASE_REASON_ATTRIBUTE = "ecommerce.release.reason";
    static final String RELEASE_DETAIL_ATTRIBUTE = "ecommerce.release.detail";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Serializer<String> UTF8 = (value, out) -> out.write(value.getBytes(StandardCharsets.UTF_8));
    private static final String CACHE_KEY_PREFIX = "shopify-webhook-event:";

    private volatile WebhookSignature signature;
    private volatile RecentEvents recentEvents;
    private volatile ReleaseGate gate;
    private volatile SharedRecentEvents clusterEvents;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) {
        signature = new WebhookSignature(context.getProperty(WEBHOOK_SECRET).getValue());
        final int remembered = context.getProperty(RECENT_EVENTS).asInteger();
        recentEvents = new RecentEvents(remembered);
        // webhooks reach any node and a redelivery often another one than the first: in a cluster the nodes share what they saw
        clusterEvents = getNodeTypeProvider().isConfiguredForClustering()
                ? new SharedRecentEvents(new ClusterStateEvents(context.getStateManager()), Math.min(remembered, CLUSTER_CAPACITY))
                : null;
        gate = ReleaseGateProperties.gate(context);
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        final List<FlowFile> flowFiles = session.get(50);
        for (final FlowFile flowFile : flowFiles) {
            handle(context, session, flowFile);
        }
    }

    private void handle(final ProcessContext context, final ProcessSession session, final FlowFile flowFile) {
        final String hmac = header(flowFile, context.getProperty(HMAC_ATTRIBUTE).getValue());
        final AtomicReference<WebhookSignature.Verdict> verdict = new AtomicReference<>();
        session.read(flowFile, in -> verdict.set(signature.verify(in, hmac)));
        switch (verdict.get()) {
            case MISSING -> {
                fail(session, flowFile, "MISSING_HMAC", "No X-Shopify-Hmac-Sha256 in attribute " + context.getProperty(HMAC_ATTRIBUTE).getValue());
                return;
            }
            case MALFORMED -> {
                fail(session, flowFile, "MALFORMED_HMAC", "The X-Shopify-Hmac-Sha256 value is not base64");
                return;
            }
            case MISMATCH -> {
                fail(session, flowFile, "INVALID_HMAC", "The body's HMAC-SHA256 does not match X-Shopify-Hmac-Sha256: not signed with the configured secret, or altered");
                return;
            }
            case VALID -> {
                // go on
            }
        }
        final String eventId = header(flowFile, context.getProperty(EVENT_ID_ATTRIBUTE_NAME).getValue());
        final Map<String, String> attributes = new HashMap<>();
        attributes.put(FetchShopifyOrders.SHOP_ATTRIBUTE, header(flowFile, context.getProperty(SHOP_ATTRIBUTE_NAME).getValue()));
        attributes.put(TOPIC_ATTRIBUTE, header(flowFile, context.getProperty(TOPIC_ATTRIBUTE_NAME).getValue()));
        if (eventId != null) {
            attributes.put(EVENT_ID_ATTRIBUTE, eventId);
        }
        attributes.values().removeIf(value -> value == null);

        final Order order;
        try (InputStream in = session.read(flowFile)) {
            final JsonNode body = MAPPER.readTree(in);
            order = ShopifyWebhookOrderMapper.fromWebhook(body == null ? MAPPER.nullNode() : body);
        } catch (final IOException | RuntimeException e) {
            fail(session, flowFile, "INVALID_ORDER_JSON", "The body is not an order: " + e.getMessage());
            return;
        }

        if (eventId != null) {
            final Boolean first = firstSeen(context, eventId);
            if (first == null) {
                fail(session, flowFile, "CACHE_UNAVAILABLE", "The distributed cache or the cluster state could not be asked whether event " + eventId + " was seen");
                return;
            }
            if (!first) {
                session.transfer(session.putAllAttributes(flowFile, attributes), REL_DUPLICATE);
                return;
            }
        }
        // the same gate as the pollers: a webhook must not let through what polling would hold
        final Release release = gate.decide(order);
        if (!release.released()) {
            attributes.put(RELEASE_REASON_ATTRIBUTE, release.reason());
            attributes.put(RELEASE_DETAIL_ATTRIBUTE, release.detail());
            session.transfer(session.putAllAttributes(flowFile, attributes), REL_HELD);
            return;
        }

        final RecordSetWriterFactory writerFactory = context.getProperty(RECORD_WRITER).asControllerService(RecordSetWriterFactory.class);
        FlowFile output = session.create(flowFile);
        try {
            final Map<String, String> written = new HashMap<>();
            output = session.write(output, out -> {
                try (RecordSetWriter writer = writerFactory.createWriter(getLogger(),
                        writerFactory.getSchema(flowFile.getAttributes(), OrderRecordSchema.ORDER), out, flowFile.getAttributes())) {
                    writer.beginRecordSet();
                    writer.write(OrderRecords.toRecord(order));
                    final WriteResult result = writer.finishRecordSet();
                    written.put(OrderFlowFileWriter.RECORD_COUNT, Integer.toString(result.getRecordCount()));
                    written.put(CoreAttributes.MIME_TYPE.key(), writer.getMimeType());
                } catch (final SchemaNotFoundException e) {
                    throw new IOException("The Record Writer has no schema for canonical orders", e);
                }
            });
            attributes.putAll(written);
            attributes.put(OrderFlowFileWriter.SEGMENT_ATTRIBUTE, order.segment().name());
            output = session.putAllAttributes(output, attributes);
        } catch (final RuntimeException e) {
            session.remove(output);
            if (eventId != null) {
                forget(context, eventId);
            }
            fail(session, flowFile, "RECORD_WRITE_FAILED", "The order record could not be written: " + e.getMessage());
            return;
        }
        session.getProvenanceReporter().fork(flowFile, List.of(output));
        session.transfer(output, REL_SUCCESS);
        session.remove(flowFile);
    }

    /**
     * The header attribute named {@code configured}: that exact attribute, else the one whose name equals it, or the header
     * name with or without the http.headers. prefix, ignoring case (the first in name order when several match).
     */
    static String header(final FlowFile flowFile, final String configured) {
        final String exact = flowFile.getAttribute(configured);
        if (exact != null) {
            return exact;
        }
        final String headerName = configured.regionMatches(true, 0, HEADERS_PREFIX, 0, HEADERS_PREFIX.length())
                ? configured.substring(HEADERS_PREFIX.length()) : configured;
        return flowFile.getAttributes().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(headerName) || e.getKey().equalsIgnoreCase(HEADERS_PREFIX + headerName))
                .sorted(Map.Entry.comparingByKey())
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    /** True when the id is new, false for a duplicate, null when the shared cache cannot answer. */
    private Boolean firstSeen(final ProcessContext context, final String eventId) {
        final DistributedMapCacheClient cache = context.getProperty(DISTRIBUTED_CACHE).asControllerService(DistributedMapCacheClient.class);
        try {
            if (cache != null) {
                return cache.putIfAbsent(CACHE_KEY_PREFIX + eventId, "1", UTF8, UTF8);
            }
            return clusterEvents != null ? clusterEvents.firstSeen(eventId) : recentEvents.firstSeen(eventId);
        } catch (final IOException e) {
            getLogger().warn("{} unavailable while checking webhook event {}", cache != null ? "Distributed cache" : "Cluster state", eventId, e);
            return null;
        }
    }

    /** Forgets an event whose order could not be written, wherever it was remembered, so that Shopify's redelivery is taken. */
    private void forget(final ProcessContext context, final String eventId) {
        final DistributedMapCacheClient cache = context.getProperty(DISTRIBUTED_CACHE).asControllerService(DistributedMapCacheClient.class);
        try {
            if (cache != null) {
                cache.remove(CACHE_KEY_PREFIX + eventId, UTF8);
            } else if (clusterEvents != null) {
                clusterEvents.forget(eventId);
            } else {
                recentEvents.forget(eventId);
            }
        } catch (final IOException e) {
            getLogger().warn("Event {} could not be forgotten: a redelivery of it will go to duplicate (the fetchers still take the order)",
                    eventId, e);
        }
    }

    private void fail(final ProcessSession session, final FlowFile flowFile, final String code, final String message) {
        final FlowFile failed = session.putAllAttributes(flowFile, ErrorAttributes.of(code, message));
        getLogger().warn("Shopify webhook {} refused: {} {}", flowFile, code, message);
        session.transfer(failed, REL_FAILURE);
    }

    /**
     * Former property names of this processor, each with its current name: when a property is renamed, add the pair here so
     * that flows saved with the former name keep their value. None has been renamed so far.
     */
    static final PropertyRenames RENAMED_PROPERTIES = PropertyRenames.none();

    @Override
    public void migrateProperties(final PropertyConfiguration config) {
        RENAMED_PROPERTIES.applyTo(config);
    }
}
