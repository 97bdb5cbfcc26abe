package io.nifiecommerce.processors.businesscentral;

import io.nifiecommerce.businesscentral.BusinessCentralClient;
import io.nifiecommerce.businesscentral.CustomerMatch;
import io.nifiecommerce.businesscentral.ItemReference;
import io.nifiecommerce.businesscentral.MappingOptions;
import io.nifiecommerce.businesscentral.OrderOutcome;
import io.nifiecommerce.businesscentral.PriceBasis;
import io.nifiecommerce.businesscentral.SalesOrderReadiness;
import io.nifiecommerce.businesscentral.SalesOrderSubmitter;
import io.nifiecommerce.businesscentral.SubmissionTally;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.Sleeper;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.processors.PropertyRenames;
import io.nifiecommerce.processors.order.InvalidOrderRecordException;
import io.nifiecommerce.processors.order.OrderRecords;
import io.nifiecommerce.processors.ErrorAttributes;
import io.nifiecommerce.processors.VerificationResults;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.SupportsBatching;
import org.apache.nifi.annotation.behavior.SystemResource;
import org.apache.nifi.annotation.behavior.SystemResourceConsideration;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.configuration.DefaultSettings;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.MultiProcessorUseCase;
import org.apache.nifi.annotation.documentation.ProcessorConfiguration;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.annotation.lifecycle.OnStopped;
import org.apache.nifi.components.AllowableValue;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.logging.LogLevel;
import org.apache.nifi.lookup.LookupService;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.VerifiableProcessor;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriterFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

@Tags({"business central", "dynamics 365", "erp", "sales order", "order", "record", "put", "idempotent"})
@CapabilityDescription("Creates Business Central sales orders from canonical order records, with their lines, shipping charges, "
        + "discounts, currency and addresses. Idempotent: orders whose external document number already exists in salesOrders, "
        + "salesInvoices or salesShipments are not created again but reported as ALREADY_PRESENT. Lookups and creates are grouped "
        + "into $batch requests of up to 100 orders, so 1,000 orders take a few dozen requests instead of thousands. Records are "
        + "routed by outcome, each with the outcome fields added (bcOutcome, bcId, bcNumber, bcErrorCode, bcErrorMessage...).")
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@SupportsBatching
@SeeAlso({StandardBusinessCentralConnectionService.class, GetBusinessCentralRecords.class})
@WritesAttributes({
        @WritesAttribute(attribute = "record.count", description = "Records in the outgoing FlowFile"),
        @WritesAttribute(attribute = "bc.outcome", description = "CREATED or ALREADY_PRESENT when all success records share one, else MIXED; FAILED; RETRY"),
        @WritesAttribute(attribute = "bc.created.count", description = "Orders created by this run (same on every FlowFile of the input)"),
        @WritesAttribute(attribute = "bc.already.present.count", description = "Orders found already present"),
        @WritesAttribute(attribute = "bc.failed.count", description = "Orders refused for good"),
        @WritesAttribute(attribute = "bc.retry.count", description = "Orders to try again"),
        @WritesAttribute(attribute = "bc.truncated.count", description = "Orders sent with at least one value cut to fit a BC field"),
        @WritesAttribute(attribute = "error.code", description = "On failure and retry: the records' error code (e.g. UNKNOWN_ITEM), ORDER_RECORDS_FAILED when they differ"),
        @WritesAttribute(attribute = "error.message", description = "On failure and retry: the first error message, after the count per code when several failed")
})
@UseCase(
        description = "Create Business Central sales orders from Shopify orders, once each, even when the flow replays them.",
        configuration = """
                Connect the output of the Shopify order source (canonical order records) to this processor.
                Set "Business Central Connection" to the company's connection service, "Record Reader" to a JSON Tree Reader and \
                "Record Writer" to a JSON Record Set Writer.
                Set "B2C Customer Matching" to DEFAULT and "B2C Default Customer" to the customer number consumers are booked on, \
                or to EMAIL,CREATE with a "Customer Template" to create one customer per email.
                Set "Shipping Line Number" to the G/L account (or item charge) that carries shipping revenue.
                Route "success" onwards (records carry bcNumber), "failure" to a review queue and loop "retry" back to this processor.
                """)
@UseCase(
        description = "Book B2B orders on the buying company's customer account.",
        configuration = """
                Set "B2B Customer Matching" to EXTERNAL_ID,TAX_REGISTRATION_NUMBER so the company's external id (the BC customer \
                number) is tried first and its VAT number second (the default). DEFAULT, last in the default list, books the rest \
                on "B2B Default Customer" when it is set; leave that empty so unknown companies go to failure with UNKNOWN_CUSTOMER.
                """)
// A rate-limited sink: it yields when Business Central throttles (429, 503) or is down, and penalizes what goes to retry so
// that a looped-back FlowFile waits 30 s, long enough for BC's request window to recover, before it is sent again.
@DefaultSettings(yieldDuration = "10 sec", penaltyDuration = "30 sec", bulletinLevel = LogLevel.WARN)
@SystemResourceConsideration(resource = SystemResource.MEMORY, description = "Every record of an incoming FlowFile is read into "
        + "memory, as an order with its lines, before the orders are sent in batches: size the FlowFiles (orders per FlowFile of the "
        + "source, or a SplitRecord before) so that one FlowFile's orders fit in the heap.")
@MultiProcessorUseCase(
        description = "Create Business Central sales orders from the order files marketplaces export, exactly once.",
        keywords = {"marketplace", "business central", "orders", "files", "sales order"},
        notes = "The files must hold canonical order records (docs/canonical-order.md). The flow definition "
                + "flow-templates/marketplace-orders-to-business-central.json builds this flow with its parameters.",
        configurations = {
                @ProcessorConfiguration(processorClassName = "org.apache.nifi.processors.standard.ListFile", configuration = """
                        Set "Input Directory" to the folder the marketplace exports land in and "File Filter" to `.*\\.json`.
                        Run it on the primary node and load-balance its "success" connection to FetchFile.
                        """),
                @ProcessorConfiguration(processorClassName = "org.apache.nifi.processors.standard.FetchFile", configuration = """
                        Set "Completion Strategy" to "Delete File" (or "Move File") so a file is read once. Connect "success" to \
                        PutBusinessCentralOrder.
                        """),
                @ProcessorConfiguration(processorClass = PutBusinessCentralOrder.class, configuration = """
                        Set "Record Reader" to a JsonTreeReader, "Record Writer" to a JsonRecordSetWriter, "B2C Customer Matching" \
                        to DEFAULT and "B2C Default Customer" to the customer the marketplace's orders are booked on.
                        Loop "retry" back to the processor; send "failure" to a review queue: its records carry the reason.
                        """)
        })
public class PutBusinessCentralOrder extends AbstractProcessor implements VerifiableProcessor {

    /** Counters (NiFi's Counters page), summed over all inputs. */
    static final String COUNTER_CREATED = "Orders Created";
    static final String COUNTER_ALREADY_PRESENT = "Orders Already Present";
    static final String COUNTER_FAILED = "Orders Failed";

    static final AllowableValue SHIPPING_ACCOUNT = new AllowableValue("Account", "Account", "Shipping booked on a G/L account");
    static final AllowableValue SHIPPING_CHARGE = new AllowableValue("Charge", "Charge (Item)", "Shipping booked as an item charge");

    static final AllowableValue MODE_INDEPENDENT = new AllowableValue("INDEPENDENT", "Independent",
            "Each order of a $batch succeeds or fails alone");
    static final AllowableValue MODE_ATOMIC = new AllowableValue("ATOMIC", "Atomic",
            "Each $batch is one transaction (Isolation: snapshot): one refused order rolls back the others of its batch, which go to failure as BATCH_ROLLED_BACK");

    public static final PropertyDescriptor CONNECTION_SERVICE = new PropertyDescriptor.Builder()
            .name("Business Central Connection")
            .description("The connection to the Business Central company.")
            .required(true)
            .identifiesControllerService(BusinessCentralConnectionService.class)
            .build();

    public static final PropertyDescriptor RECORD_READER = new PropertyDescriptor.Builder()
            .name("Record Reader")
            .description("Reads canonical order records.")
            .required(true)
            .identifiesControllerService(RecordReaderFactory.class)
            .build();

    public static final PropertyDescriptor RECORD_WRITER = new PropertyDescriptor.Builder()
            .name("Record Writer")
            .description("Writes the records of each outcome, with the outcome fields added.")
            .required(true)
            .identifiesControllerService(RecordSetWriterFactory.class)
            .build();

    public static final PropertyDescriptor ITEM_REFERENCE = new PropertyDescriptor.Builder()
            .name("Item Reference")
            .description("How an order line's product is found in Business Central.")
            .required(true)
            .allowableValues(
                    new AllowableValue(ItemReference.SKU_IS_ITEM_NUMBER.name(), "SKU Is Item Number", "The SKU is the BC item number"),
                    new AllowableValue(ItemReference.GTIN.name(), "GTIN", "The line's GTIN (or SKU when it has none) is looked up in items.gtin (batched, cached)"),
                    new AllowableValue(ItemReference.LOOKUP.name(), "Lookup Service", "A Lookup Service maps the SKU (coordinate 'sku') to the item number"))
            .defaultValue(ItemReference.SKU_IS_ITEM_NUMBER.name())
            .build();

    public static final PropertyDescriptor ITEM_LOOKUP_SERVICE = new PropertyDescriptor.Builder()
            .name("Item Lookup Service")
            .description("Maps a SKU (lookup coordinate 'sku') to a Business Central item number, e.g. a SimpleKeyValueLookupService or a CSV lookup.")
            .required(true)
            .identifiesControllerService(LookupService.class)
            .dependsOn(ITEM_REFERENCE, ItemReference.LOOKUP.name())
            .build();

    public static final PropertyDescriptor SHIPPING_LINE_TYPE = new PropertyDescriptor.Builder()
            .name("Shipping Line Type")
            .description("The sales line type shipping charges are booked with.")
            .required(true)
            .allowableValues(SHIPPING_ACCOUNT, SHIPPING_CHARGE)
            .defaultValue(SHIPPING_ACCOUNT.getValue())
            .build();

    public static final PropertyDescriptor SHIPPING_LINE_NUMBER = new PropertyDescriptor.Builder()
            .name("Shipping Line Number")
            .description("The G/L account or item charge number of shipping lines. Empty: shipping is not sent (the order then does not reconcile "
                    + "with its total when it has shipping).")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor PRICE_BASIS = new PropertyDescriptor.Builder()
            .name("Price Basis")
            .description("BC's pricesIncludeTax is read-only: it follows the customer's 'Prices Including VAT'. Send prices as the order gives "
                    + "them when that matches the customers used; convert to tax-excluded (using each line's tax) when the customers "
                    + "book prices excluding VAT and the shop's prices include tax.")
            .required(true)
            .allowableValues(
                    new AllowableValue(PriceBasis.AS_GIVEN.name(), "As Given", "Prices as in the order"),
                    new AllowableValue(PriceBasis.EXCLUDING_TAX.name(), "Excluding Tax", "Tax-included prices converted to tax-excluded"))
            .defaultValue(PriceBasis.AS_GIVEN.name())
            .build();

    public static final PropertyDescriptor LOCAL_CURRENCY = new PropertyDescriptor.Builder()
            .name("Local Currency")
            .description("The company's local currency (LCY). Orders in it are sent with a blank currency code, as BC expects.")
            .required(true)
            .defaultValue("EUR")
            .addValidator(StandardValidators.createRegexMatchingValidator(java.util.regex.Pattern.compile("[A-Za-z]{3}")))
            .build();

    public static final PropertyDescriptor EXTERNAL_DOCUMENT_NUMBER_TEMPLATE = new PropertyDescriptor.Builder()
            .name("External Document Number Template")
            .description("The order's external document number, the idempotency key (35 characters at most, longer is cut). Placeholders: "
                    + "${name} (e.g. #1001), ${number} (name without #), ${source}, ${sourceId}, ${poNumber}, ${channel}. "
                    + "Changing it makes earlier orders unrecognisable: they would be created again.")
            .required(true)
            .defaultValue(MappingOptions.DEFAULT_TEMPLATE)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor B2C_CUSTOMER_MATCHING = new PropertyDescriptor.Builder()
            .name("B2C Customer Matching")
            .description("Comma-separated ways to find a consumer order's customer, tried in order: EMAIL, CREATE (email lookup, else create "
                    + "from the Customer Template), DEFAULT (the B2C Default Customer).")
            .required(true)
            .defaultValue("DEFAULT")
            .addValidator(SalesOrderProperties.customerMatches(Set.of(CustomerMatch.EMAIL, CustomerMatch.CREATE, CustomerMatch.DEFAULT)))
            .build();

    public static final PropertyDescriptor B2C_DEFAULT_CUSTOMER = new PropertyDescriptor.Builder()
            .name("B2C Default Customer")
            .description("Customer number consumer orders are booked on by DEFAULT.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor B2B_CUSTOMER_MATCHING = new PropertyDescriptor.Builder()
            .name("B2B Customer Matching")
            .description("Comma-separated ways to find a company order's customer, tried in order: EXTERNAL_ID (company external id = customer "
                    + "number), TAX_REGISTRATION_NUMBER, EMAIL, CREATE, DEFAULT (the B2B Default Customer, when set).")
            .required(true)
            .defaultValue("EXTERNAL_ID,TAX_REGISTRATION_NUMBER,DEFAULT")
            .addValidator(SalesOrderProperties.customerMatches(Set.of(CustomerMatch.values())))
            .build();

    public static final PropertyDescriptor B2B_DEFAULT_CUSTOMER = new PropertyDescriptor.Builder()
            .name("B2B Default Customer")
            .description("Customer number company orders are booked on by DEFAULT.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor CUSTOMER_TEMPLATE = new PropertyDescriptor.Builder()
            .name("Customer Template")
            .description("JSON object of customer fields every customer created by CREATE starts with, e.g. "
                    + "{\"taxAreaId\":\"...\",\"paymentTermsId\":\"...\",\"currencyCode\":\"\"}. Name, email, phone and address come from the order.")
            .required(false)
            .addValidator(SalesOrderProperties.JSON_OBJECT)
            .build();

    public static final PropertyDescriptor ORDERS_PER_BATCH = new PropertyDescriptor.Builder()
            .name("Orders Per Batch")
            .description("Deep inserts per $batch request (Business Central accepts at most 100 operations).")
            .required(true)
            .defaultValue("100")
            .addValidator(StandardValidators.createLongValidator(1, 100, true))
            .build();

    public static final PropertyDescriptor TRANSACTION_MODE = new PropertyDescriptor.Builder()
            .name("Transaction Mode")
            .description("Whether the orders of one $batch are independent or one transaction.")
            .required(true)
            .allowableValues(MODE_INDEPENDENT, MODE_ATOMIC)
            .defaultValue(MODE_INDEPENDENT.getValue())
            .build();

    public static final PropertyDescriptor FAIL_ON_AMOUNT_MISMATCH = new PropertyDescriptor.Builder()
            .name("Fail On Amount Mismatch")
            .description("When the lines as sent (plus tax when sent without it) do not add up to the order's total price to the cent, "
                    + "route the order to failure (AMOUNT_MISMATCH) instead of creating it with the difference noted in bcAmountDifference.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("true")
            .build();

    public static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("Records of orders created or already present, with bcId and bcNumber")
            .build();

    public static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("Records refused for good (invalid record, unknown item or customer, BC validation), with bcErrorCode and "
                    + "bcErrorMessage; an unreadable FlowFile goes here whole")
            .build();

    public static final Relationship REL_RETRY = new Relationship.Builder()
            .name("retry")
            .description("Records not confirmed after bounded retries (throttling, outage, credentials): safe to send again, nothing is created twice")
            .build();

    private static final List<PropertyDescriptor> PROPERTIES = List.of(CONNECTION_SERVICE, RECORD_READER, RECORD_WRITER, ITEM_REFERENCE,
            ITEM_LOOKUP_SERVICE, SHIPPING_LINE_TYPE, SHIPPING_LINE_NUMBER, PRICE_BASIS, LOCAL_CURRENCY, EXTERNAL_DOCUMENT_NUMBER_TEMPLATE,
            B2C_CUSTOMER_MATCHING, B2C_DEFAULT_CUSTOMER, B2B_CUSTOMER_MATCHING, B2B_DEFAULT_CUSTOMER, CUSTOMER_TEMPLATE, ORDERS_PER_BATCH,
            TRANSACTION_MODE, FAIL_ON_AMOUNT_MISMATCH);

    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_FAILURE, REL_RETRY);

    private volatile SalesOrderSubmitter submitter;
    private volatile Sleeper sleeper = Sleeper.SYSTEM;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    /** Test seam: waits between resends without sleeping. */
    void setSleeper(final Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) {
        submitter = null;
    }

    @OnStopped
    public void onStopped() {
        submitter = null;
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        final FlowFile flowFile = session.get();
        if (flowFile == null) {
            return;
        }
        final SalesOrderSubmitter orders;
        try {
            orders = submitter(context);
        } catch (final ApiException e) {
            if (e.isTransient()) {
                getLogger().warn("Business Central not reachable for {}: {}", flowFile, e.getMessage());
            } else {
                getLogger().error("Business Central connection not usable ({}): {}; {} stays queued", e.code(), e.getMessage(), flowFile);
            }
            session.rollback(true);
            context.yield();
            return;
        }

        final OrderInput input;
        try {
            input = OrderInput.read(session, flowFile, context.getProperty(RECORD_READER).asControllerService(RecordReaderFactory.class), getLogger());
        } catch (final Exception e) {
            getLogger().error("Cannot read the order records of {}", flowFile, e);
            FlowFile failed = session.putAllAttributes(flowFile, ErrorAttributes.of("UNREADABLE_INPUT", e.getMessage()));
            failed = session.penalize(failed);
            session.transfer(failed, REL_FAILURE);
            return;
        }

        if (input.size() == 0) {
            session.transfer(session.putAttribute(flowFile, "record.count", "0"), REL_SUCCESS);
            return;
        }
        final List<OrderOutcome> outcomes = orders.submit(input.validOrders());
        final SubmissionTally tally = new SubmissionTally(outcomes, input.invalidCount());
        try {
            final Map<String, String> common = Map.of(
                    "bc.created.count", String.valueOf(tally.count(OrderOutcome.Status.CREATED)),
                    "bc.already.present.count", String.valueOf(tally.count(OrderOutcome.Status.ALREADY_PRESENT)),
                    "bc.failed.count", String.valueOf(tally.count(OrderOutcome.Status.FAILED)),
                    "bc.retry.count", String.valueOf(tally.count(OrderOutcome.Status.RETRY)),
                    "bc.truncated.count", String.valueOf(tally.truncated()));
            final Map<Relationship, FlowFile> routed = input.route(session, flowFile,
                    context.getProperty(RECORD_WRITER).asControllerService(RecordSetWriterFactory.class), outcomes,
                    PutBusinessCentralOrder::relationship, REL_FAILURE, common, getLogger());
            for (final Map.Entry<Relationship, FlowFile> entry : routed.entrySet()) {
                final String label = entry.getKey() == REL_SUCCESS ? tally.successLabel() : entry.getKey() == REL_FAILURE ? "FAILED" : "RETRY";
                FlowFile out = session.putAttribute(entry.getValue(), "bc.outcome", label);
                if (entry.getKey() == REL_SUCCESS) {
                    session.getProvenanceReporter().send(out, orders.endpointUri().toString(), "created " + tally.count(OrderOutcome.Status.CREATED)
                            + ", already present " + tally.count(OrderOutcome.Status.ALREADY_PRESENT));
                } else if (entry.getKey() == REL_RETRY) {
                    out = session.penalize(out);
                }
                session.transfer(out, entry.getKey());
            }
        } catch (final IOException | RuntimeException e) {
            // Writing our own output failed after BC calls: roll back so the input is replayed; replays create nothing twice.
            getLogger().error("Cannot write the outcome records of {}; the input will be replayed (idempotent)", flowFile, e);
            session.rollback(true);
            context.yield();
            return;
        }
        session.remove(flowFile);
        session.adjustCounter(COUNTER_CREATED, tally.count(OrderOutcome.Status.CREATED), false);
        session.adjustCounter(COUNTER_ALREADY_PRESENT, tally.count(OrderOutcome.Status.ALREADY_PRESENT), false);
        session.adjustCounter(COUNTER_FAILED, tally.count(OrderOutcome.Status.FAILED), false);
        if (tally.count(OrderOutcome.Status.RETRY) > 0) {
            getLogger().warn("{} of {} orders of {} not confirmed by Business Central; routed to retry", tally.count(OrderOutcome.Status.RETRY),
                    input.size(), flowFile);
            if (tally.count(OrderOutcome.Status.RETRY) == input.size()) {
                context.yield();
            }
        }
    }

    private static Relationship relationship(final OrderOutcome.Status status) {
        return switch (status) {
            case CREATED, ALREADY_PRESENT -> REL_SUCCESS;
            case FAILED -> REL_FAILURE;
            case RETRY -> REL_RETRY;
        };
    }

    private synchronized SalesOrderSubmitter submitter(final ProcessContext context) {
        if (submitter == null) {
            submitter = SalesOrderProperties.submitter(context, sleeper);
        }
        return submitter;
    }

    @Override
    public List<ConfigVerificationResult> verify(final ProcessContext context, final ComponentLog verificationLogger, final Map<String, String> attributes) {
        final List<ConfigVerificationResult> results = new ArrayList<>();
        final BusinessCentralConnectionService service = context.getProperty(CONNECTION_SERVICE).asControllerService(BusinessCentralConnectionService.class);
        final BusinessCentralClient client;
        final String companyId;
        try {
            client = service.client();
            client.credentials().authorization();
            companyId = service.companyId();
            results.add(step("Access company", Outcome.SUCCESSFUL, "Token obtained, company id " + companyId));
        } catch (final RuntimeException e) {
            results.add(step("Access company", Outcome.FAILED, e.getMessage()));
            return results;
        }
        new SalesOrderReadiness(client, companyId).checks(context.getProperty(B2C_DEFAULT_CUSTOMER).getValue())
                .forEach(check -> results.add(VerificationResults.of(check)));
        return results;
    }

    private static ConfigVerificationResult step(final String name, final Outcome outcome, final String explanation) {
        return new ConfigVerificationResult.Builder().verificationStepName(name).outcome(outcome).explanation(explanation).build();
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
