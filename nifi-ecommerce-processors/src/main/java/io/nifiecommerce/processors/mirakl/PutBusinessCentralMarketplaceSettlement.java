package io.nifiecommerce.processors.mirakl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.mirakl.MarketplaceBookings;
import io.nifiecommerce.mirakl.PeriodSettlement;
import io.nifiecommerce.mirakl.SettlementJson;
import io.nifiecommerce.processors.ErrorAttributes;
import io.nifiecommerce.processors.PropertyRenames;
import io.nifiecommerce.processors.businesscentral.BusinessCentralConnectionService;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.configuration.DefaultSettings;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
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

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@DefaultSettings(yieldDuration = "30 sec", penaltyDuration = "5 min", bulletinLevel = LogLevel.WARN)
@Tags({"business central", "marketplace", "settlement", "purchase invoice", "journal", "commission", "payout", "bilan"})
@CapabilityDescription("Books a marketplace period settlement (the JSON of FetchMiraklSettlement or ParseAmazonSettlementReport) in Business "
        + "Central, exactly once: each operator invoice of the period becomes a draft purchase invoice from the marketplace as vendor (one "
        + "G/L account line, its vendorInvoiceNumber the document's key, never created twice), each credit note a draft purchase credit "
        + "memo (vendorCreditMemoNumber the key); the period becomes general journal lines in one atomic batch (customer credited with "
        + "the sales, vendor debited with commissions and fees, bank debited with the payout, clearing account for what stays on the "
        + "marketplace), found by their document number on a replay, in the journal or, once posted, in the general ledger entries. "
        + "The output is the settlement with a 'bookings' array saying what was created or found.")
@WritesAttributes({
        @WritesAttribute(attribute = "settlement.document.number", description = "The journal lines' document number of the period"),
        @WritesAttribute(attribute = "settlement.invoices.created", description = "Purchase invoices and credit memos created by this run"),
        @WritesAttribute(attribute = "error.code", description = "On failure or retry: why the settlement was not booked"),
        @WritesAttribute(attribute = "error.message", description = "On failure or retry: the detail")
})
@SeeAlso(FetchMiraklSettlement.class)
public class PutBusinessCentralMarketplaceSettlement extends AbstractProcessor {

    public static final PropertyDescriptor BC_CONNECTION = new PropertyDescriptor.Builder()
            .name("Business Central Connection").description("The company to book in.").required(true)
            .identifiesControllerService(BusinessCentralConnectionService.class).build();

    public static final PropertyDescriptor CUSTOMER = account("Marketplace Customer", "The customer number the marketplace's orders are booked on.");
    public static final PropertyDescriptor VENDOR = account("Marketplace Vendor", "The vendor number of the marketplace operator, who invoices its commissions.");
    public static final PropertyDescriptor COMMISSION_ACCOUNT = account("Commission Account", "The G/L account of the purchase invoice lines (marketplace commissions and fees).");
    public static final PropertyDescriptor BANK_ACCOUNT = account("Bank Account", "The bank account number the marketplace pays out to.");
    public static final PropertyDescriptor CLEARING_ACCOUNT = account("Clearing Account", "The G/L account of what stays on the marketplace balance at the period's end.");
    public static final PropertyDescriptor JOURNAL = account("Journal", "The code of the general journal (batch) the settlement lines go to, for review and posting.");

    static final List<PropertyDescriptor> PROPERTIES = List.of(BC_CONNECTION, CUSTOMER, VENDOR, COMMISSION_ACCOUNT, BANK_ACCOUNT, CLEARING_ACCOUNT, JOURNAL);

    public static final Relationship REL_SUCCESS = new Relationship.Builder().name("success")
            .description("Settlements booked (now or before), with their bookings").build();
    public static final Relationship REL_RETRY = new Relationship.Builder().name("retry")
            .description("Settlements not booked because Business Central could not be reached; nothing is booked twice on a retry").build();
    public static final Relationship REL_FAILURE = new Relationship.Builder().name("failure")
            .description("Settlements that are not valid JSON settlements or that Business Central refused").build();

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static PropertyDescriptor account(final String name, final String description) {
        return new PropertyDescriptor.Builder().name(name).description(description).required(true)
                .addValidator(StandardValidators.NON_BLANK_VALIDATOR).expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES).build();
    }

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return Set.of(REL_SUCCESS, REL_RETRY, REL_FAILURE);
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        FlowFile flowFile = session.get();
        if (flowFile == null) {
            return;
        }
        final ObjectNode json;
        final PeriodSettlement settlement;
        try (InputStream in = session.read(flowFile)) {
            final JsonNode read = MAPPER.readTree(in);
            if (read == null || !read.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            json = (ObjectNode) read;
            settlement = SettlementJson.fromJson(json);
        } catch (final Exception e) {
            session.transfer(session.putAllAttributes(flowFile, ErrorAttributes.of("INVALID_SETTLEMENT", String.valueOf(e.getMessage()))), REL_FAILURE);
            return;
        }
        final BusinessCentralConnectionService bc = context.getProperty(BC_CONNECTION).asControllerService(BusinessCentralConnectionService.class);
        final MarketplaceBookings bookings = new MarketplaceBookings(bc.client(), bc.companyId(), settlement.marketplace(),
                new MarketplaceBookings.Accounts(value(context, CUSTOMER, flowFile), value(context, VENDOR, flowFile),
                        value(context, COMMISSION_ACCOUNT, flowFile), value(context, BANK_ACCOUNT, flowFile),
                        value(context, CLEARING_ACCOUNT, flowFile), value(context, JOURNAL, flowFile)));
        final ArrayNode booked = json.putArray("bookings");
        int created = 0;
        try {
            for (final PeriodSettlement.Document document : settlement.documents()) {
                final MarketplaceBookings.Booking booking = bookings.bookInvoice(document);
                created += booking.result() == MarketplaceBookings.Result.CREATED ? 1 : 0;
                add(booked, "purchaseInvoice", booking);
            }
            add(booked, "journalLines", bookings.bookSettlement(settlement));
        } catch (final ApiException e) {
            // what was created is found by its key on the next attempt
            flowFile = session.putAllAttributes(flowFile, ErrorAttributes.of(e.code(), e.getMessage()));
            if (e.isTransient()) {
                session.transfer(session.penalize(flowFile), REL_RETRY);
                context.yield();
            } else {
                session.transfer(flowFile, REL_FAILURE);
            }
            return;
        }
        flowFile = session.write(flowFile, out -> MAPPER.writeValue(out, json));
        flowFile = session.putAllAttributes(flowFile, Map.of("settlement.document.number", bookings.settlementDocumentNumber(settlement),
                "settlement.invoices.created", Integer.toString(created), "mime.type", "application/json"));
        session.getProvenanceReporter().send(flowFile, bc.client().endpoint().apiRoot() + "/companies(" + bc.companyId() + ")");
        session.transfer(flowFile, REL_SUCCESS);
    }

    private static String value(final ProcessContext context, final PropertyDescriptor property, final FlowFile flowFile) {
        return context.getProperty(property).evaluateAttributeExpressions(flowFile).getValue().trim();
    }

    private static void add(final ArrayNode booked, final String kind, final MarketplaceBookings.Booking booking) {
        booked.addObject().put("kind", kind).put("key", booking.key()).put("result", booking.result().name())
                .put("reference", booking.reference()).put("reason", booking.reason());
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
