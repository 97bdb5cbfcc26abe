package io.nifiecommerce.processors.edi;

import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.logging.LogLevel;
import org.apache.nifi.annotation.configuration.DefaultSettings;
import io.nifiecommerce.processors.PropertyRenames;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.edi.ReceiptAdvice;
import io.nifiecommerce.edi.ShipmentPostingException;
import io.nifiecommerce.edi.ThreePlPosting;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.processors.businesscentral.BusinessCentralConnectionService;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.Stateful;
import org.apache.nifi.annotation.behavior.TriggerSerially;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.record.Record;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

@TriggerSerially
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@Stateful(scopes = Scope.CLUSTER, description = "The receipts posted (key receipt.<purchase order>:<3PL receipt id>, value the epoch millis "
        + "of posting), so that each is posted once; entries older than Posted Shipment Memory are dropped.")
@Tags({"business central", "receipt", "recadv", "944", "3pl", "edi", "post", "purchase order"})
@CapabilityDescription("""
        Posts the receipts a 3PL reported (the received-line records of ReadReceiptAdviceEdi) in Business Central, once per \
        receipt: sets each open purchase order line's Qty. to Receive (purchaseOrderLines receiveQuantity) to the \
        quantity available, leaving blocked, damaged and quality-control quantities out of stock and outstanding on the \
        order, then posts with the Posting Action (bc-extension's receive, or API v2.0's receiveAndInvoice). With \
        bc-extension, the 3PL's receipt number goes into the order's Vendor Shipment No. first, BC copies it onto the \
        posted receipt, and every attempt looks for it there first: a receipt whose answer was lost is found, not received \
        twice. A receipt that does not fit its order writes nothing and goes to review.""")
@WritesAttributes({
        @WritesAttribute(attribute = "bc.order.number", description = "The purchase order"),
        @WritesAttribute(attribute = "bc.receipt.quantity", description = "Units received into stock (success)"),
        @WritesAttribute(attribute = "bc.receipt.already.posted", description = "true when BC already held this receipt (an earlier attempt "
                + "posted it and its answer was lost): nothing posted again (success)"),
        @WritesAttribute(attribute = "bc.receipt.number", description = "The posted receipt found, when already posted (success)"),
        @WritesAttribute(attribute = "error.code", description = "ORDER_NOT_FOUND, UNMATCHED_LINE, OVER_RECEIPT, MISMATCHED_ORDER, "
                + "POSTED_QUANTITY_MISMATCH, POSTING_OUTCOME_UNKNOWN (Receive and Invoice got no clear answer and BC shows no new receipt: "
                + "check BC before resending), INVALID_RECORD or BC's error code (review, retry)"),
        @WritesAttribute(attribute = "error.message", description = "Why (review, retry)")
})
// Talks to Business Central, whose rate window and 429s want a patient retry: 10 s yield, 30 s penalty.
@DefaultSettings(yieldDuration = "10 sec", penaltyDuration = "30 sec", bulletinLevel = LogLevel.WARN)
public class PostBusinessCentralReceipt extends AbstractEdiProcessor {

    static final String STATE_PREFIX = "receipt.";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static final Relationship REL_SUCCESS = new Relationship.Builder().name("success").description("A receipt posted in BC (its lines as JSON)").build();
    static final Relationship REL_DUPLICATE = new Relationship.Builder().name("duplicate").description("A receipt already posted").build();
    static final Relationship REL_RETRY = new Relationship.Builder().name("retry")
            .description("BC could not be reached or was busy: the receipt's lines as JSON, penalized; loop back here").build();
    static final Relationship REL_REVIEW = new Relationship.Builder().name("review")
            .description("A receipt that does not fit its order, or refused by BC: nothing posted").build();
    static final Relationship REL_ORIGINAL = new Relationship.Builder().name("original").description("The input, once handled").build();

    private static final List<PropertyDescriptor> PROPERTIES = List.of(PostBusinessCentralShipment.CONNECTION,
            PostBusinessCentralShipment.RECORD_READER, PostBusinessCentralShipment.POSTING_ACTION, PostBusinessCentralShipment.POSTED_MEMORY);
    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_DUPLICATE, REL_RETRY, REL_REVIEW, REL_ORIGINAL);

    public PostBusinessCentralReceipt() {
        super(PROPERTIES, RELATIONSHIPS);
    }

    @Override
    void onTrigger(final ProcessContext context, final ProcessSession session, final FlowFile input) {
        final Map<String, List<Map<String, Object>>> groups = new LinkedHashMap<>();
        final List<ReceiptAdvice> receipts = new ArrayList<>();
        try (InputStream in = session.read(input);
             RecordReader reader = context.getProperty(PostBusinessCentralShipment.RECORD_READER).asControllerService(RecordReaderFactory.class)
                     .createRecordReader(input, in, getLogger())) {
            Record record;
            while ((record = reader.nextRecord()) != null) {
                final Map<String, Object> line = RecordMaps.toMap(record);
                groups.computeIfAbsent(line.get("messageType") + "|" + line.get("receiptId") + "|" + line.get("purchaseOrderNumber"),
                        k -> new ArrayList<>()).add(line);
            }
            groups.values().forEach(lines -> receipts.add(receipt(lines)));
        } catch (final Exception e) {
            EdiReview.review(session, getLogger(), input, REL_REVIEW, "INVALID_RECORD", "Cannot read the received lines: " + e.getMessage(), null);
            return;
        }
        final Map<String, String> state;
        try {
            state = loadMemory(session, STATE_PREFIX, context.getProperty(PostBusinessCentralShipment.POSTED_MEMORY).asTimePeriod(TimeUnit.MILLISECONDS));
        } catch (final IOException e) {
            session.rollback();
            context.yield();
            return;
        }
        final BusinessCentralConnectionService bc = context.getProperty(PostBusinessCentralShipment.CONNECTION)
                .asControllerService(BusinessCentralConnectionService.class);
        final ThreePlPosting poster;
        try {
            poster = new ThreePlPosting(bc.client(), bc.companyId(), context.getProperty(PostBusinessCentralShipment.POSTING_ACTION)
                    .asAllowableValue(PostBusinessCentralShipment.ActionOption.class).action());
        } catch (final ApiException e) {
            session.rollback();
            context.yield();
            return;
        }
        final List<List<Map<String, Object>>> lineGroups = new ArrayList<>(groups.values());
        for (int i = 0; i < receipts.size(); i++) {
            final ReceiptAdvice receipt = receipts.get(i);
            final List<Map<String, Object>> lines = lineGroups.get(i);
            final String key = STATE_PREFIX + receipt.purchaseOrderNumber() + ':' + receipt.receiptId();
            if (state.containsKey(key)) {
                emit(session, input, receipt, lines, REL_DUPLICATE, Map.of());
                continue;
            }
            try {
                final ThreePlPosting.Posted posted = ImmediateRetry.post(() -> poster.post(receipt), getLogger(), key);
                state.put(key, String.valueOf(clock().millis()));
                final Map<String, String> attributes = new HashMap<>();
                attributes.put("bc.receipt.quantity", posted.quantity().stripTrailingZeros().toPlainString());
                if (posted.alreadyPosted()) {
                    attributes.put("bc.receipt.already.posted", "true");
                    attributes.put("bc.receipt.number", posted.documentNumber());
                }
                emit(session, input, receipt, lines, REL_SUCCESS, attributes);
            } catch (final ShipmentPostingException e) {
                emit(session, input, receipt, lines, REL_REVIEW, Map.of("error.code", e.code(), "error.message", e.getMessage()));
            } catch (final ApiException e) {
                emit(session, input, receipt, lines, e.isTransient() ? REL_RETRY : REL_REVIEW,
                        Map.of("error.code", String.valueOf(e.code()), "error.message", String.valueOf(e.getMessage())));
            }
        }
        try {
            session.setState(state, Scope.CLUSTER);
        } catch (final IOException e) {
            getLogger().error("Posted receipts could not be remembered in cluster state for {}", input, e);
        }
        session.transfer(input, REL_ORIGINAL);
    }

    private static ReceiptAdvice receipt(final List<Map<String, Object>> lines) {
        final Map<String, Object> first = lines.get(0);
        final List<ReceiptAdvice.Line> received = new ArrayList<>();
        for (final Map<String, Object> line : lines) {
            final Object lineNumber = line.get("lineNumber");
            received.add(new ReceiptAdvice.Line(lineNumber == null ? null : Integer.valueOf(lineNumber.toString()), text(line, "itemNumber"),
                    text(line, "gtin"), text(line, "lot"), new BigDecimal(text(line, "quantityReceived")), new BigDecimal(text(line, "quantityBlocked"))));
        }
        final String date = text(first, "receiptDate");
        return new ReceiptAdvice(text(first, "messageType"), null, null, text(first, "receiptId"), text(first, "purchaseOrderNumber"),
                date == null ? null : LocalDate.parse(date), received);
    }

    private void emit(final ProcessSession session, final FlowFile input, final ReceiptAdvice receipt, final List<Map<String, Object>> lines,
                      final Relationship relationship, final Map<String, String> extra) {
        FlowFile out = session.create(input);
        out = session.write(out, stream -> MAPPER.writeValue(stream, lines));
        final Map<String, String> attributes = new HashMap<>(extra);
        attributes.put(CoreAttributes.MIME_TYPE.key(), "application/json");
        if (receipt.purchaseOrderNumber() != null) {
            attributes.put("bc.order.number", receipt.purchaseOrderNumber());
        }
        out = session.putAllAttributes(out, attributes);
        if (relationship == REL_RETRY) {
            out = session.penalize(out);
        }
        session.transfer(out, relationship);
    }

    private static String text(final Map<String, Object> values, final String field) {
        final Object value = values.get(field);
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
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
