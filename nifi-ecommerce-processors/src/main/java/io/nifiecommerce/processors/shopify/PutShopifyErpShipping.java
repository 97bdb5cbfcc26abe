package io.nifiecommerce.processors.shopify;

import io.nifiecommerce.processors.RecordDescriptors;
import io.nifiecommerce.businesscentral.ShippingCharge;
import io.nifiecommerce.businesscentral.ShippingChargeReader;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.order.ReleaseGate;
import io.nifiecommerce.processors.ErrorAttributes;
import io.nifiecommerce.processors.OrderClaims;
import io.nifiecommerce.processors.PropertyRenames;
import io.nifiecommerce.processors.RecordOutcomeRouter;
import io.nifiecommerce.processors.businesscentral.BusinessCentralConnectionService;
import io.nifiecommerce.shopify.draft.ErpShippingApplier;
import io.nifiecommerce.shopify.draft.ShippingPrice;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.annotation.behavior.Stateful;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.SupportsBatching;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.configuration.DefaultSettings;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.components.AllowableValue;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.LogLevel;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@SupportsBatching
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@Tags({"shopify", "business central", "b2b", "draft orders", "shipping", "carrier", "freight", "order editing"})
@CapabilityDescription("Gives the customer the carrier price the ERP computed. Reads the records PutBusinessCentralOrder wrote for "
        + "approved B2B drafts (FetchShopifyDraftOrders), reads back from Business Central the freight lines of each sales order "
        + "(lines of the configured type and number, their amounts as BC computed them), and puts that price on the Shopify side: "
        + "on the draft's shipping line (draftOrderUpdate) before completing it into an order (draftOrderComplete), or, when the "
        + "draft was already completed, by editing the order (orderEditBegin, orderEditUpdateShippingLine or orderEditAddShippingLine, "
        + "orderEditCommit). Every step first reads what Shopify shows, so a replay changes nothing twice. Records that are not "
        + "drafts pass through untouched.")
@WritesAttributes({
        @WritesAttribute(attribute = "record.count", description = "Records in the FlowFile"),
        @WritesAttribute(attribute = "mime.type", description = "The Record Writer's MIME type"),
        @WritesAttribute(attribute = "shopify.shop", description = "The shop's domain"),
        @WritesAttribute(attribute = "error.code", description = "On failure and retry: the reason (NO_SHIPPING_CHARGE, NO_BC_DOCUMENT, "
                + "DRAFT_ORDER_NOT_FOUND, DRAFT_ORDER_UPDATE_REFUSED, DRAFT_ORDER_COMPLETE_REFUSED, ORDER_EDIT_REFUSED, ORDER_CANCELLED_WHILE_SENT (the order the draft became was cancelled before "
                + "its price came: cancel the sales order in BC), or the API's code)"),
        @WritesAttribute(attribute = "error.message", description = "On failure and retry: the detail")
})
@SeeAlso({FetchShopifyDraftOrders.class})
@UseCase(description = "Show B2B customers the carrier price the ERP computed, on the order they receive.",
        configuration = """
                Place after PutBusinessCentralOrder's "success" on the path of FetchShopifyDraftOrders.
                Set "Shopify Connection", "Business Central Connection", "Record Reader" (JsonTreeReader) and "Record Writer".
                Set "Charge Line Type" and "Charge Number" to the lines BC puts freight on: an item charge (Charge, e.g. S-FREIGHT) \
                or a G/L account (Account). Loop "retry" back (BC may add the freight line on release, a little later); send \
                "failure" to a review queue.
                """)
// Two APIs per record (BC then Shopify): NiFi's 1 s yield, and a penalty long enough for BC to add a freight line it adds on release.
@DefaultSettings(yieldDuration = "1 sec", penaltyDuration = "1 min", bulletinLevel = LogLevel.WARN)
@Stateful(scopes = Scope.CLUSTER, description = """
        In a cluster, the order buckets this processor is writing on each node, with the node and until when (a lease \
        of a minute, renewed while the node writes): one order is written by one node at a time. An entry lives while \
        one FlowFile is written; clearing the state only lets two nodes write one bucket at once until the next FlowFile.""")
public class PutShopifyErpShipping extends AbstractProcessor {

    static final AllowableValue TYPE_CHARGE = new AllowableValue("Charge", "Item Charge", "Freight is an item charge line (lineType Charge).");
    static final AllowableValue TYPE_ACCOUNT = new AllowableValue("Account", "G/L Account", "Freight is a G/L account line (lineType Account).");

    public static final PropertyDescriptor SHOPIFY_CONNECTION = FetchShopifyOrdersProperties.SHOPIFY_CONNECTION;

    public static final PropertyDescriptor BC_CONNECTION = new PropertyDescriptor.Builder()
            .name("Business Central Connection")
            .description("The company the sales orders were created in.")
            .required(true)
            .identifiesControllerService(BusinessCentralConnectionService.class)
            .build();

    public static final PropertyDescriptor RECORD_READER = RecordDescriptors.recordReader("Reads PutBusinessCentralOrder's output records.");

    public static final PropertyDescriptor RECORD_WRITER = RecordDescriptors.recordWriter("Writes the records with the erpShipping* fields.");

    public static final PropertyDescriptor CHARGE_LINE_TYPE = new PropertyDescriptor.Builder()
            .name("Charge Line Type")
            .description("The lineType of the sales order lines that carry the freight BC charges.")
            .required(true)
            .allowableValues(TYPE_CHARGE, TYPE_ACCOUNT)
            .defaultValue(TYPE_CHARGE.getValue())
            .build();

    public static final PropertyDescriptor CHARGE_NUMBER = new PropertyDescriptor.Builder()
            .name("Charge Number")
            .description("The lineObjectNumber of the freight lines: the item charge number (e.g. S-FREIGHT) or the G/L account number.")
            .required(true)
            .defaultValue("S-FREIGHT")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor SHIPPING_TITLE = new PropertyDescriptor.Builder()
            .name("Shipping Line Title")
            .description("The title of the shipping line the customer sees. Empty: the description of BC's freight line.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor COMPLETE_DRAFTS = new PropertyDescriptor.Builder()
            .name("Complete Draft Orders")
            .description("Whether to complete the draft into an order once its shipping line is set. False leaves the draft open "
                    + "with the ERP's price, for the sales administration to send an invoice or complete it.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("true")
            .build();

    public static final PropertyDescriptor PAYMENT_PENDING = new PropertyDescriptor.Builder()
            .name("Payment Pending")
            .description("Whether the completed order's payment is pending (B2B orders paid later, on terms) rather than marked as paid.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("true")
            .dependsOn(COMPLETE_DRAFTS, "true")
            .build();

    public static final PropertyDescriptor WITHOUT_CHARGE = new PropertyDescriptor.Builder()
            .name("Order Without Freight Line")
            .description("What to do when BC's sales order has no freight line: retry later (BC adds it on release), or ship free.")
            .required(true)
            .allowableValues("RETRY", "FREE")
            .defaultValue("RETRY")
            .build();

    public static final Relationship REL_SUCCESS = new Relationship.Builder().name("success")
            .description("Records whose draft shows the ERP's carrier price (erpShippingOutcome), and records that are not drafts, untouched").build();
    public static final Relationship REL_FAILURE = new Relationship.Builder().name("failure")
            .description("Records that cannot be priced (no BC document, draft not found, Shopify refused), with the reason").build();
    public static final Relationship REL_RETRY = new Relationship.Builder().name("retry")
            .description("Records to try again, penalized: no freight line in BC yet, or an API could not be reached").build();

    static final List<PropertyDescriptor> PROPERTIES = List.of(SHOPIFY_CONNECTION, BC_CONNECTION, RECORD_READER, RECORD_WRITER,
            CHARGE_LINE_TYPE, CHARGE_NUMBER, SHIPPING_TITLE, COMPLETE_DRAFTS, PAYMENT_PENDING, WITHOUT_CHARGE);
    static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_FAILURE, REL_RETRY);
    static final String SKIPPED_NOT_A_DRAFT = "NOT_A_DRAFT";

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    /** Concurrent tasks never write one order at once: each takes a FlowFile of an order bucket no other task holds. */
    private final OrderClaims claims = new OrderClaims(this::getNodeTypeProvider, this::getLogger);

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        try (OrderClaims.Claim claim = claims.next(context, session)) {
            if (claim != null) {
                onTrigger(context, session, claim.flowFile());
            }
        }
    }

    /** Prices and completes the drafts of one FlowFile whose orders no other task holds. */
    private void onTrigger(final ProcessContext context, final ProcessSession session, final FlowFile flowFile) {
        final ShopifyConnectionService shopify = context.getProperty(SHOPIFY_CONNECTION).asControllerService(ShopifyConnectionService.class);
        final BusinessCentralConnectionService bc = context.getProperty(BC_CONNECTION).asControllerService(BusinessCentralConnectionService.class);
        final RecordReaderFactory readerFactory = context.getProperty(RECORD_READER).asControllerService(RecordReaderFactory.class);
        final RecordSetWriterFactory writerFactory = context.getProperty(RECORD_WRITER).asControllerService(RecordSetWriterFactory.class);

        final List<Record> records = new ArrayList<>();
        RecordSchema readSchema;
        try (InputStream in = session.read(flowFile); RecordReader reader = readerFactory.createRecordReader(flowFile, in, getLogger())) {
            readSchema = reader.getSchema();
            Record record;
            while ((record = reader.nextRecord()) != null) {
                records.add(record);
            }
        } catch (final Exception e) {
            getLogger().error("Cannot read the records of {}", flowFile, e);
            session.transfer(session.penalize(session.putAllAttributes(flowFile, ErrorAttributes.of("INVALID_INPUT", String.valueOf(e.getMessage())))),
                    REL_FAILURE);
            return;
        }

        final ShippingChargeReader charges = new ShippingChargeReader(bc.client(), bc.companyId(), context.getProperty(CHARGE_LINE_TYPE).getValue(),
                context.getProperty(CHARGE_NUMBER).getValue());
        final boolean complete = context.getProperty(COMPLETE_DRAFTS).asBoolean();
        final ErpShippingApplier applier = new ErpShippingApplier(shopify.client(), complete, complete && context.getProperty(PAYMENT_PENDING).asBoolean());
        final String title = context.getProperty(SHIPPING_TITLE).getValue();
        final boolean free = "FREE".equals(context.getProperty(WITHOUT_CHARGE).getValue());

        final RecordSchema schema = ErpShippingFields.extend(readSchema);
        final RecordOutcomeRouter router = new RecordOutcomeRouter(session, flowFile, writerFactory, schema, getLogger());
        boolean retry = false;
        final Map<Relationship, FlowFile> routed;
        try {
            for (final Record record : records) {
                final Map<String, String> values = new HashMap<>();
                final Relationship relationship = price(record, charges, applier, title, free, values);
                retry |= relationship == REL_RETRY;
                router.write(relationship, ErpShippingFields.annotate(record, schema, values), values.get(ErpShippingFields.ERROR_CODE),
                        values.get(ErpShippingFields.ERROR_MESSAGE));
            }
            routed = router.finish(Map.of(FetchShopifyOrders.SHOP_ATTRIBUTE, shopify.shopDomain()), "MIXED");
        } catch (final Exception e) {
            // what was applied is recognised on replay (every step reads Shopify first): keep the input whole
            getLogger().error("Cannot write the results of {}; routing it to retry", flowFile, e);
            router.discard();
            session.transfer(session.penalize(session.putAllAttributes(flowFile, ErrorAttributes.of("OUTPUT_ERROR", String.valueOf(e.getMessage())))),
                    REL_RETRY);
            return;
        }
        for (final Map.Entry<Relationship, FlowFile> entry : routed.entrySet()) {
            FlowFile child = entry.getValue();
            if (entry.getKey() == REL_RETRY) {
                child = session.penalize(child);
            } else if (entry.getKey() == REL_SUCCESS) {
                session.getProvenanceReporter().send(child, "https://" + shopify.shopDomain() + "/admin/draft_orders", "ERP carrier prices");
            }
            session.transfer(child, entry.getKey());
        }
        if (retry) {
            context.yield();
        }
        session.remove(flowFile);
    }

    /** Prices one record's draft; never throws: the outcome goes into {@code values} and the relationship is returned. */
    private Relationship price(final Record record, final ShippingChargeReader charges, final ErpShippingApplier applier, final String title,
                               final boolean free, final Map<String, String> values) {
        final String draftId = ErpShippingFields.text(record, ErpShippingFields.SOURCE_ID);
        if (draftId == null || !draftId.startsWith(ReleaseGate.DRAFT_ORDER_GID)) {
            values.put(ErpShippingFields.OUTCOME, SKIPPED_NOT_A_DRAFT);
            return REL_SUCCESS;
        }
        final String documentType = ErpShippingFields.text(record, ErpShippingFields.BC_DOCUMENT_TYPE);
        final String documentId = ErpShippingFields.text(record, ErpShippingFields.BC_ID);
        if (documentId == null || !ShippingChargeReader.readable(documentType)) {
            return fail(values, "NO_BC_DOCUMENT", "The record carries no Business Central sales order or invoice (bcOutcome "
                    + ErpShippingFields.text(record, ErpShippingFields.BC_OUTCOME) + "): run it through PutBusinessCentralOrder first", REL_FAILURE);
        }
        final String number = ErpShippingFields.text(record, ErpShippingFields.BC_NUMBER);
        try {
            final ShippingCharge charge = charges.read(documentType, documentId, number);
            if (charge.lines() == 0 && !free) {
                return fail(values, "NO_SHIPPING_CHARGE", "Business Central sales order " + number + " has no freight line yet", REL_RETRY);
            }
            final String lineTitle = title != null ? title : charge.description() != null ? charge.description() : "Shipping";
            final ErpShippingApplier.Result result = applier.apply(draftId, taxesIncluded -> new ShippingPrice(lineTitle,
                    charge.lines() == 0 ? BigDecimal.ZERO : charge.price(taxesIncluded)), "Carrier price from Business Central " + number);
            values.put(ErpShippingFields.OUTCOME, result.outcome().name());
            values.put(ErpShippingFields.TITLE, lineTitle);
            values.put(ErpShippingFields.AMOUNT, charge.lines() == 0 ? "0" : charge.amountExcludingTax().toPlainString());
            values.put(ErpShippingFields.ORDER_ID, result.orderId());
            values.put(ErpShippingFields.ORDER_NAME, result.orderName());
            return REL_SUCCESS;
        } catch (final ApiException e) {
            getLogger().warn("Carrier price for {} not applied: {} {}", draftId, e.code(), e.getMessage());
            return fail(values, e.code(), e.getMessage(), e.isTransient() ? REL_RETRY : REL_FAILURE);
        } catch (final RuntimeException e) {
            return fail(values, "UNEXPECTED_ANSWER", e.getClass().getSimpleName() + ": " + e.getMessage(), REL_FAILURE);
        }
    }

    private static Relationship fail(final Map<String, String> values, final String code, final String message, final Relationship relationship) {
        values.put(ErpShippingFields.ERROR_CODE, code);
        values.put(ErpShippingFields.ERROR_MESSAGE, message);
        return relationship;
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
