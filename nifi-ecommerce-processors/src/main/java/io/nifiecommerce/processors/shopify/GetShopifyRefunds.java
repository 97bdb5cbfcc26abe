package io.nifiecommerce.processors.shopify;

import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.order.Refund;
import io.nifiecommerce.processors.ErrorAttributes;
import io.nifiecommerce.processors.PropertyRenames;
import io.nifiecommerce.processors.RecordDescriptors;
import io.nifiecommerce.processors.order.InvalidOrderRecordException;
import io.nifiecommerce.processors.order.OrderRecords;
import io.nifiecommerce.processors.order.RefundRecordSchema;
import io.nifiecommerce.processors.order.RefundRecords;
import io.nifiecommerce.shopify.order.OrderRefunds;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.SupportsBatching;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.configuration.DefaultSettings;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.logging.LogLevel;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.WriteResult;
import org.apache.nifi.serialization.record.Record;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@Tags({"shopify", "refund", "return", "cancellation", "order", "record", "credit memo"})
@CapabilityDescription("Reads the refunds of the refunded orders among canonical order records (financial status REFUNDED or "
        + "PARTIALLY_REFUNDED), 50 orders to a GraphQL request, and writes them as canonical refund records: refunded lines with their "
        + "restock type (RETURN, CANCEL, NO_RESTOCK) and location, refunded shipping, money returned. Every refund of such an order is "
        + "written each time the order passes by: PutBusinessCentralCreditMemo keys the credit memo by the refund's id, so a refund "
        + "seen again creates nothing. Orders without refunds produce nothing.")
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@SupportsBatching
@SeeAlso({FetchShopifyOrders.class, StandardShopifyConnectionService.class})
@WritesAttributes({
        @WritesAttribute(attribute = "record.count", description = "Refund records written"),
        @WritesAttribute(attribute = "shopify.refunded.orders", description = "Refunded orders among the input's"),
        @WritesAttribute(attribute = "error.code", description = "On failure: UNREADABLE_INPUT, or Shopify's error code"),
        @WritesAttribute(attribute = "error.message", description = "On failure: why")
})
@UseCase(
        description = "Turn the shop's refunds and returns into Business Central credit memos.",
        configuration = """
                Connect the "success" of FetchShopifyOrders (canonical order records) to this processor as well as to \
                PutBusinessCentralOrder. Set "Shopify Connection Service" to the shop's service, "Record Reader" to a JSON Tree \
                Reader and "Record Writer" to a JSON Record Set Writer. Connect "refunds" to PutBusinessCentralCreditMemo.
                """)
@DefaultSettings(yieldDuration = "10 sec", penaltyDuration = "30 sec", bulletinLevel = LogLevel.WARN)
public class GetShopifyRefunds extends AbstractProcessor {

    public static final Relationship REL_REFUNDS = new Relationship.Builder()
            .name("refunds")
            .description("The refunds of the input's refunded orders, as canonical refund records (none when no order was refunded)")
            .build();

    public static final Relationship REL_ORIGINAL = new Relationship.Builder()
            .name("original")
            .description("The input, once its refunds are read")
            .build();

    public static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("Input that is not readable as order records, or that Shopify refused to answer about, with error.code and error.message")
            .build();

    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_REFUNDS, REL_ORIGINAL, REL_FAILURE);

    static final PropertyDescriptor RECORD_WRITER = RecordDescriptors.recordWriter("Writes the refund records");

    static final List<PropertyDescriptor> PROPERTIES = List.of(PutShopifyFulfillmentProperties.SHOPIFY_CONNECTION_SERVICE,
            PutShopifyFulfillmentProperties.RECORD_READER, RECORD_WRITER);

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        final FlowFile flowFile = session.get();
        if (flowFile == null) {
            return;
        }
        final List<Order> orders = new ArrayList<>();
        try (InputStream in = session.read(flowFile);
             RecordReader reader = context.getProperty(PutShopifyFulfillmentProperties.RECORD_READER).asControllerService(RecordReaderFactory.class)
                     .createRecordReader(flowFile, in, getLogger())) {
            Record record;
            while ((record = reader.nextRecord()) != null) {
                try {
                    orders.add(OrderRecords.fromRecord(record));
                } catch (final InvalidOrderRecordException e) {
                    // an order that is not valid cannot be asked about; PutBusinessCentralOrder reports it on its own branch
                    getLogger().debug("Skipping an invalid order record of {}: {}", flowFile, e.getMessage());
                }
            }
        } catch (final Exception e) {
            getLogger().error("Cannot read the order records of {}", flowFile, e);
            session.transfer(session.penalize(session.putAllAttributes(flowFile, ErrorAttributes.of("UNREADABLE_INPUT", e.getMessage()))), REL_FAILURE);
            return;
        }
        final ShopifyConnectionService shop = context.getProperty(PutShopifyFulfillmentProperties.SHOPIFY_CONNECTION_SERVICE)
                .asControllerService(ShopifyConnectionService.class);
        final List<Refund> refunds;
        try {
            refunds = new OrderRefunds(shop.client()).of(orders);
        } catch (final ApiException e) {
            if (e.isTransient()) {
                getLogger().warn("Shopify did not answer about the refunds of {}: {}; it stays queued", flowFile, e.getMessage());
                session.rollback(true);
                context.yield();
            } else {
                session.transfer(session.penalize(session.putAllAttributes(flowFile, ErrorAttributes.of(e.code(), e.getMessage()))), REL_FAILURE);
            }
            return;
        }
        FlowFile out = session.create(flowFile);
        final Map<String, String> attributes = new HashMap<>();
        try (OutputStream stream = session.write(out);
             RecordSetWriter writer = context.getProperty(RECORD_WRITER).asControllerService(RecordSetWriterFactory.class)
                     .createWriter(getLogger(), RefundRecordSchema.REFUND, stream, flowFile)) {
            writer.beginRecordSet();
            for (final Refund refund : refunds) {
                writer.write(RefundRecords.toRecord(refund));
            }
            final WriteResult result = writer.finishRecordSet();
            attributes.putAll(result.getAttributes());
            attributes.put("record.count", String.valueOf(result.getRecordCount()));
            attributes.put(CoreAttributes.MIME_TYPE.key(), writer.getMimeType());
        } catch (final Exception e) {
            getLogger().error("Cannot write the refund records of {}; it will be read again", flowFile, e);
            session.rollback(true);
            context.yield();
            return;
        }
        attributes.put("shopify.refunded.orders", String.valueOf(orders.stream().filter(OrderRefunds::hasRefunds).count()));
        out = session.putAllAttributes(out, attributes);
        session.getProvenanceReporter().fetch(out, "https://" + shop.shopDomain() + "/admin/api/" + shop.apiVersion() + "/graphql.json");
        session.transfer(out, REL_REFUNDS);
        session.transfer(flowFile, REL_ORIGINAL);
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
