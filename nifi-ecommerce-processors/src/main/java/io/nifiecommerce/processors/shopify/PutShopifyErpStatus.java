package io.nifiecommerce.processors.shopify;

import io.nifiecommerce.processors.ErrorAttributes;
import io.nifiecommerce.processors.OrderClaims;
import io.nifiecommerce.processors.PropertyRenames;
import io.nifiecommerce.processors.RecordOutcomeRouter;
import io.nifiecommerce.shopify.erp.ErpState;
import io.nifiecommerce.shopify.erp.ErpStatus;
import io.nifiecommerce.shopify.erp.ErpStatusPublisher;
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
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.expression.ExpressionLanguageScope;
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
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@Tags({"shopify", "business central", "erp", "status", "metafield", "tag", "order", "record"})
@CapabilityDescription("Writes the ERP's view of orders onto them in Shopify, from the Business Central records GetBusinessCentralRecords "
        + "reads (salesOrders, salesShipments, salesInvoices): the BC order number and its state (CREATED, RELEASED, SHIPPED, INVOICED) as "
        + "metafields erp.bc_order_number and erp.status (metafieldsSet), and a tag erp:<state> (tagsAdd) the sales administration can "
        + "filter the orders list on. Orders are found by name (BC's external document number), 50 to a query, with the state written "
        + "last: an order already at that state or a later one is not written again, so replays change nothing and an older document "
        + "never moves an order back. BC orders the shop does not have (marketplaces) go to success as NOT_IN_SHOP. A B2B order BC holds "
        + "under its draft's name (#D12) is written on the order the completed draft became; while the draft is not completed yet, the "
        + "record goes to retry as WAITING (error.code DRAFT_NOT_COMPLETED), to be written once the order exists.")
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@SupportsBatching
@SeeAlso({PutShopifyFulfillment.class, StandardShopifyConnectionService.class})
@WritesAttributes({
        @WritesAttribute(attribute = "record.count", description = "Records in the outgoing FlowFile"),
        @WritesAttribute(attribute = "shopify.erp.updated.count", description = "Orders whose ERP status was written by this run"),
        @WritesAttribute(attribute = "error.code", description = "On failure and retry: the records' error code"),
        @WritesAttribute(attribute = "error.message", description = "On failure and retry: the first error message")
})
@UseCase(
        description = "Show in Shopify where each order stands in Business Central.",
        configuration = """
                Read salesOrders, salesShipments and salesInvoices with GetBusinessCentralRecords (Read Mode INCREMENTAL) and connect \
                their success to this processor. Leave "Entity Set" to ${bc.entity.set}, the attribute GetBusinessCentralRecords writes. \
                Loop "retry" back; route "failure" to a review queue.
                """)
@DefaultSettings(yieldDuration = "10 sec", penaltyDuration = "30 sec", bulletinLevel = LogLevel.WARN)
@Stateful(scopes = Scope.CLUSTER, description = """
        In a cluster, the order buckets this processor is writing on each node, with the node and until when (a lease \
        of a minute, renewed while the node writes): one order is written by one node at a time. An entry lives while \
        one FlowFile is written; clearing the state only lets two nodes write one bucket at once until the next FlowFile.""")
public class PutShopifyErpStatus extends AbstractProcessor {

    public static final Relationship REL_SUCCESS = new Relationship.Builder().name("success")
            .description("Records whose order now shows its ERP status (UPDATED, UNCHANGED) or that the shop does not have (NOT_IN_SHOP)").build();
    public static final Relationship REL_FAILURE = new Relationship.Builder().name("failure")
            .description("Records Shopify refused to update, or that name no order, with erpErrorCode and erpErrorMessage").build();
    public static final Relationship REL_RETRY = new Relationship.Builder().name("retry")
            .description("Records not written for a transient reason (throttling, outage), or whose order is still a draft not "
                    + "completed (WAITING, DRAFT_NOT_COMPLETED): safe to send again, penalized").build();
    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_FAILURE, REL_RETRY);

    static final PropertyDescriptor ENTITY_SET = new PropertyDescriptor.Builder()
            .name("Entity Set")
            .description("The BC entity set the records come from: salesOrders, salesShipments or salesInvoices")
            .required(true)
            .defaultValue("${bc.entity.set}")
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor RECORD_WRITER = GetShopifyRefunds.RECORD_WRITER;

    static final List<PropertyDescriptor> PROPERTIES = List.of(PutShopifyFulfillmentProperties.SHOPIFY_CONNECTION_SERVICE,
            PutShopifyFulfillmentProperties.RECORD_READER, RECORD_WRITER, ENTITY_SET);

    private static final List<RecordField> OUTCOME_FIELDS = List.of(string("erpState"), string("erpOutcome"), string("erpErrorCode"),
            string("erpErrorMessage"));

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

    /** Writes the statuses of one FlowFile whose orders no other task holds. */
    private void onTrigger(final ProcessContext context, final ProcessSession session, final FlowFile flowFile) {
        final String entitySet = context.getProperty(ENTITY_SET).evaluateAttributeExpressions(flowFile).getValue();
        final List<Record> records = new ArrayList<>();
        final RecordSchema schema;
        try (InputStream in = session.read(flowFile);
             RecordReader reader = context.getProperty(PutShopifyFulfillmentProperties.RECORD_READER).asControllerService(RecordReaderFactory.class)
                     .createRecordReader(flowFile, in, getLogger())) {
            Record record;
            while ((record = reader.nextRecord()) != null) {
                records.add(record);
            }
            schema = reader.getSchema();
        } catch (final Exception e) {
            getLogger().error("Cannot read the records of {}", flowFile, e);
            session.transfer(session.penalize(session.putAllAttributes(flowFile, ErrorAttributes.of("UNREADABLE_INPUT", e.getMessage()))), REL_FAILURE);
            return;
        }
        final List<ErpStatus> statuses = records.stream().map(r -> status(entitySet, r)).toList();
        final ShopifyConnectionService shop = context.getProperty(PutShopifyFulfillmentProperties.SHOPIFY_CONNECTION_SERVICE)
                .asControllerService(ShopifyConnectionService.class);
        final List<ErpStatusPublisher.Outcome> outcomes = new ErpStatusPublisher(shop.client()).publish(statuses);
        final RecordSchema outputSchema = RecordOutcomeRouter.withOutcomeFields(schema, OUTCOME_FIELDS);
        final RecordOutcomeRouter router = new RecordOutcomeRouter(session, flowFile,
                context.getProperty(RECORD_WRITER).asControllerService(RecordSetWriterFactory.class), outputSchema, getLogger());
        long updated = 0;
        try {
            for (int i = 0; i < records.size(); i++) {
                final ErpStatusPublisher.Outcome outcome = outcomes.get(i);
                final Map<String, Object> values = new LinkedHashMap<>(records.get(i).toMap());
                values.put("erpState", statuses.get(i).state() == null ? null : statuses.get(i).state().name());
                values.put("erpOutcome", outcome.result().name());
                values.put("erpErrorCode", outcome.errorCode());
                values.put("erpErrorMessage", outcome.errorMessage());
                final Relationship relationship = switch (outcome.result()) {
                    case UPDATED, UNCHANGED, NOT_IN_SHOP -> REL_SUCCESS;
                    case FAILED -> REL_FAILURE;
                    case RETRY, WAITING -> REL_RETRY;
                };
                updated += outcome.result() == ErpStatusPublisher.Result.UPDATED ? 1 : 0;
                router.write(relationship, new MapRecord(outputSchema, values), relationship == REL_SUCCESS ? null : outcome.errorCode(),
                        outcome.errorMessage());
            }
            final Map<Relationship, FlowFile> routed = router.finish(Map.of("shopify.erp.updated.count", String.valueOf(updated)), "ERP_STATUS_FAILED");
            for (final Map.Entry<Relationship, FlowFile> entry : routed.entrySet()) {
                FlowFile out = entry.getValue();
                if (entry.getKey() == REL_SUCCESS) {
                    session.getProvenanceReporter().send(out, "https://" + shop.shopDomain() + "/admin/api/" + shop.apiVersion() + "/graphql.json",
                            "ERP status written on " + updated + " order(s)");
                } else if (entry.getKey() == REL_RETRY) {
                    out = session.penalize(out);
                }
                session.transfer(out, entry.getKey());
            }
        } catch (final Exception e) {
            getLogger().error("Cannot write the outcome records of {}; it will be replayed (writing a status again changes nothing)", flowFile, e);
            router.discard();
            session.rollback(true);
            context.yield();
            return;
        }
        session.remove(flowFile);
    }

    /** The order a BC record is about: the shop's name is BC's external document number; the BC order number is orderNumber on posted documents. */
    static ErpStatus status(final String entitySet, final Record record) {
        final String orderNumber = text(record, "orderNumber");
        final String number = orderNumber != null ? orderNumber : text(record, "number");
        final Object fullyShipped = record.getValue("fullyShipped");
        return new ErpStatus(text(record, "externalDocumentNumber"), number,
                ErpState.of(entitySet, text(record, "status"), Boolean.TRUE.equals(fullyShipped) || "true".equalsIgnoreCase(String.valueOf(fullyShipped))));
    }

    private static String text(final Record record, final String field) {
        final Object value = record.getValue(field);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    private static RecordField string(final String name) {
        return new RecordField(name, RecordFieldType.STRING.getDataType(), true);
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
