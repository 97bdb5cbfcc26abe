package io.nifiecommerce.processors.edi;

import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.logging.LogLevel;
import org.apache.nifi.annotation.configuration.DefaultSettings;
import io.nifiecommerce.processors.PropertyRenames;
import io.nifiecommerce.processors.RecordDescriptors;
import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.businesscentral.BusinessCentralClient;
import io.nifiecommerce.businesscentral.BusinessCentralEndpoint;
import io.nifiecommerce.edi.EdiStockReader;
import io.nifiecommerce.edi.StockAdjustments;
import io.nifiecommerce.edi.StockReadOptions;
import io.nifiecommerce.edi.StockReconciliation;
import io.nifiecommerce.edi.StockRecord;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.processors.businesscentral.BusinessCentralConnectionService;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.components.AllowableValue;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@Tags({"edi", "invrpt", "846", "3pl", "stock", "reconciliation", "business central", "inventory"})
@CapabilityDescription("""
        Reconciles a 3PL's inventory report (EDIFACT INVRPT or X12 846) with Business Central: reads the report's stock \
        (actual stock 145 / available 33, summed per item over the 3PL's warehouses), reads BC's items (number, gtin, \
        inventory) and writes one record per item whose quantities differ (bcQuantity, reportedQuantity, difference = \
        the adjustment BC needs) and one per report line that matches no BC item (status UNMATCHED). With Differences \
        set to item journal adjustments, each difference is also posted into BC through bc-extension's \
        itemJournalAdjustments page (API v2.0 has no item journal), keyed by the report's number so that a redelivered \
        report posts nothing twice; otherwise the records are the reconciliation report (see docs/edi.md).""")
@WritesAttributes({
        @WritesAttribute(attribute = "stock.items.compared", description = "BC items compared (success)"),
        @WritesAttribute(attribute = "stock.differences", description = "Items whose quantities differ (success)"),
        @WritesAttribute(attribute = "stock.unmatched", description = "Report lines matching no BC item (success)"),
        @WritesAttribute(attribute = "stock.adjustments.posted", description = "Adjustments that moved BC's inventory, with item journal "
                + "adjustments on; the others were posted by an earlier delivery of the same report (success)"),
        @WritesAttribute(attribute = "stock.report.reference", description = "The document number the adjustments carry (success)"),
        @WritesAttribute(attribute = "record.count", description = "Records written (success)"),
        @WritesAttribute(attribute = "error.code", description = "EDI_SYNTAX or PROCESSING_FAILED (review), BC's error code (retry)"),
        @WritesAttribute(attribute = "error.message", description = "Why (review, retry)"),
        @WritesAttribute(attribute = "error.segment", description = "The segment at fault (review)"),
        @WritesAttribute(attribute = "error.position", description = "Its position (review)")
})
// Talks to Business Central, whose rate window and 429s want a patient retry: 10 s yield, 30 s penalty.
@DefaultSettings(yieldDuration = "10 sec", penaltyDuration = "30 sec", bulletinLevel = LogLevel.WARN)
public class ReconcileThreePlStock extends AbstractEdiProcessor {

    static final RecordSchema SCHEMA = new SimpleRecordSchema(List.of(
            new RecordField("status", RecordFieldType.STRING.getDataType(), false),
            new RecordField("itemNumber", RecordFieldType.STRING.getDataType(), true),
            new RecordField("gtin", RecordFieldType.STRING.getDataType(), true),
            new RecordField("bcQuantity", RecordFieldType.STRING.getDataType(), true),
            new RecordField("reportedQuantity", RecordFieldType.STRING.getDataType(), true),
            new RecordField("difference", RecordFieldType.STRING.getDataType(), true)));

    static final PropertyDescriptor CONNECTION = EdiDescriptors.businessCentral("The BC company whose items are compared.");

    static final PropertyDescriptor RECORD_WRITER = RecordDescriptors.recordWriter("Writes the reconciliation records.");

    static final PropertyDescriptor COMPLETE_REPORT = new PropertyDescriptor.Builder()
            .name("Complete Report")
            .description("Whether the 3PL's report lists every item it holds: then BC items it does not mention count as 0 at the 3PL.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .build();

    static final AllowableValue REPORT_ONLY = new AllowableValue("report-only", "Report only",
            "The differences are written as records for someone to work through; BC is not changed.");
    static final AllowableValue ITEM_JOURNAL = new AllowableValue("item-journal-adjustments", "Item journal adjustments",
            "Each difference is posted as a positive or negative adjustment through bc-extension's itemJournalAdjustments page, "
                    + "so that BC's inventory is what the 3PL reports; the records say ADJUSTED.");

    static final PropertyDescriptor DIFFERENCES = new PropertyDescriptor.Builder()
            .name("Differences")
            .description("What becomes of the differences: a report only, or item journal adjustments posted in BC (needs bc-extension).")
            .required(true)
            .allowableValues(REPORT_ONLY, ITEM_JOURNAL)
            .defaultValue(REPORT_ONLY.getValue())
            .build();

    static final Relationship REL_SUCCESS = new Relationship.Builder().name("success").description("The reconciliation records").build();
    static final Relationship REL_ORIGINAL = new Relationship.Builder().name("original").description("The report, once reconciled").build();
    static final Relationship REL_RETRY = new Relationship.Builder().name("retry")
            .description("BC could not be read, or an adjustment not posted; the report, penalized").build();
    static final Relationship REL_REVIEW = new Relationship.Builder().name("review")
            .description("A malformed report, untouched, with the segment and its position").build();

    private static final List<PropertyDescriptor> PROPERTIES = List.of(CONNECTION, RECORD_WRITER, COMPLETE_REPORT, DIFFERENCES);
    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_ORIGINAL, REL_RETRY, REL_REVIEW);

    public ReconcileThreePlStock() {
        super(PROPERTIES, RELATIONSHIPS);
    }

    @Override
    void onTrigger(final ProcessContext context, final ProcessSession session, final FlowFile input) {
        final String[] reference = new String[1];
        final List<StockRecord> report = parseOrReview(session, input, REL_REVIEW, in -> {
            final MessageDigest digest = StockAdjustments.contentDigest();
            final List<StockRecord> records = new ArrayList<>();
            try (EdiStockReader reader = EdiStockReader.open(new DigestInputStream(in, digest), StockReadOptions.defaults())) {
                reader.forEachRemaining(records::add);
                reference[0] = StockAdjustments.documentNumber(reader.documentNumber(), digest.digest());
            }
            return records;
        }, null, null);
        if (report == null) {
            return;
        }
        final boolean adjust = ITEM_JOURNAL.getValue().equals(context.getProperty(DIFFERENCES).getValue());
        final BusinessCentralConnectionService bc = context.getProperty(CONNECTION).asControllerService(BusinessCentralConnectionService.class);
        final List<Map<String, Object>> items = new ArrayList<>();
        try {
            final BusinessCentralClient client = bc.client();
            for (final JsonNode item : client.getAll(client.endpoint().resolve(BusinessCentralEndpoint.companyPath(bc.companyId(), "items")
                    + "?$select=number,gtin,inventory"), 0)) {
                final Map<String, Object> values = new HashMap<>();
                values.put("number", item.path("number").asText(null));
                values.put("gtin", item.path("gtin").asText(null));
                values.put("inventory", item.path("inventory").asText("0"));
                items.add(values);
            }
        } catch (final ApiException e) {
            retry(session, input, "Business Central items not read", e);
            return;
        }
        final StockReconciliation.Result result = StockReconciliation.reconcile(report, items, context.getProperty(COMPLETE_REPORT).asBoolean());
        int posted = 0;
        if (adjust) {
            try {
                posted = StockAdjustments.post(bc.client(), bc.companyId(), result.differences(), reference[0]);
            } catch (final ApiException e) {
                // BC posts once per item and document number: the retry re-reads BC and posts only what is still missing
                retry(session, input, "Adjustments not all posted", e);
                return;
            }
        }
        final RecordSetWriterFactory writerFactory = context.getProperty(RECORD_WRITER).asControllerService(RecordSetWriterFactory.class);
        FlowFile output = session.create(input);
        final Map<String, String> attributes = new HashMap<>();
        try (OutputStream out = session.write(output);
             RecordSetWriter writer = writerFactory.createWriter(getLogger(), writerFactory.getSchema(input.getAttributes(), SCHEMA), out, input)) {
            writer.beginRecordSet();
            for (final StockReconciliation.Difference difference : result.differences()) {
                final Map<String, Object> values = new HashMap<>();
                values.put("status", adjust ? "ADJUSTED" : "DIFFERENCE");
                values.put("itemNumber", difference.itemNumber());
                values.put("gtin", difference.gtin());
                values.put("bcQuantity", difference.bcQuantity().toPlainString());
                values.put("reportedQuantity", difference.reportedQuantity().toPlainString());
                values.put("difference", difference.difference().toPlainString());
                writer.write(new MapRecord(SCHEMA, values));
            }
            for (final String unmatched : result.unmatched()) {
                final Map<String, Object> values = new HashMap<>();
                values.put("status", "UNMATCHED");
                values.put("itemNumber", unmatched);
                writer.write(new MapRecord(SCHEMA, values));
            }
            attributes.put("record.count", String.valueOf(writer.finishRecordSet().getRecordCount()));
            attributes.put(CoreAttributes.MIME_TYPE.key(), writer.getMimeType());
        } catch (final Exception e) {
            session.remove(output);
            EdiReview.review(session, getLogger(), input, REL_REVIEW, "PROCESSING_FAILED", "Cannot write the records: " + e.getMessage(), null);
            return;
        }
        attributes.put("stock.items.compared", String.valueOf(result.itemsCompared()));
        attributes.put("stock.differences", String.valueOf(result.differences().size()));
        attributes.put("stock.unmatched", String.valueOf(result.unmatched().size()));
        if (adjust) {
            attributes.put("stock.adjustments.posted", String.valueOf(posted));
            attributes.put("stock.report.reference", reference[0]);
        }
        output = session.putAllAttributes(output, attributes);
        session.transfer(output, REL_SUCCESS);
        session.transfer(input, REL_ORIGINAL);
    }

    private void retry(final ProcessSession session, final FlowFile input, final String what, final ApiException e) {
        getLogger().warn("{} for {}: {}", what, input, e.getMessage());
        FlowFile retry = session.putAllAttributes(input, Map.of("error.code", String.valueOf(e.code()), "error.message", String.valueOf(e.getMessage())));
        retry = session.penalize(retry);
        session.transfer(retry, REL_RETRY);
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
