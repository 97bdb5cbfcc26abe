package io.nifiecommerce.processors.amazon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.amazon.settlement.SettlementReport;
import io.nifiecommerce.amazon.settlement.SettlementReportException;
import io.nifiecommerce.amazon.settlement.SettlementReportParser;
import io.nifiecommerce.amazon.settlement.SettlementSummary;
import io.nifiecommerce.mirakl.SettlementJson;
import io.nifiecommerce.processors.ErrorAttributes;
import io.nifiecommerce.processors.PropertyRenames;
import io.nifiecommerce.processors.mirakl.PutBusinessCentralMarketplaceSettlement;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.SupportsBatching;
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

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

@SupportsBatching
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@DefaultSettings(yieldDuration = "1 sec", penaltyDuration = "30 sec", bulletinLevel = LogLevel.WARN)
@Tags({"amazon", "selling partner", "settlement", "flat file", "marketplace", "payout", "reconciliation", "bilan"})
@CapabilityDescription("Reads an Amazon settlement report (GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2, or the older flat file; tab-separated, "
        + "GZIP-compressed as Amazon's report documents may be, UTF-8 or ISO-8859-1) and writes its « bilan » as the JSON settlement "
        + "PutBusinessCentralMarketplaceSettlement books: sales, refunds, Amazon's commissions and fees, the payout (total-amount), the "
        + "reserve kept on Amazon, the net per order, the settlement id as its reference. A settlement whose amounts do not add up to "
        + "its total-amount goes to review with the difference, never to booking; a report that cannot be read whole goes to failure "
        + "unchanged, with the row and the reason.")
@WritesAttributes({
        @WritesAttribute(attribute = "settlement.id", description = "Amazon's settlement-id"),
        @WritesAttribute(attribute = "settlement.period.start", description = "The settlement's start (ISO-8601)"),
        @WritesAttribute(attribute = "settlement.period.end", description = "The settlement's end (ISO-8601)"),
        @WritesAttribute(attribute = "settlement.total.amount", description = "Amazon's total-amount (the deposit)"),
        @WritesAttribute(attribute = "settlement.difference", description = "The report's amounts less the total-amount: 0 when reconciled"),
        @WritesAttribute(attribute = "error.code", description = "On review: SETTLEMENT_MISMATCH; on failure: NOT_A_SETTLEMENT_REPORT, BAD_ROW, "
                + "BAD_AMOUNT, BAD_DATE or OTHER_SETTLEMENT"),
        @WritesAttribute(attribute = "error.message", description = "On review or failure: the detail, with the row of the report"),
        @WritesAttribute(attribute = "mime.type", description = "application/json")
})
@SeeAlso(PutBusinessCentralMarketplaceSettlement.class)
public class ParseAmazonSettlementReport extends AbstractProcessor {

    public static final PropertyDescriptor MARKETPLACE = new PropertyDescriptor.Builder()
            .name("Marketplace")
            .description("The marketplace's code in the ERP bookings (e.g. amazon-fr): the prefix of the journal lines' document number.")
            .required(true)
            .defaultValue("amazon")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .build();

    static final List<PropertyDescriptor> PROPERTIES = List.of(MARKETPLACE);

    public static final Relationship REL_SUCCESS = new Relationship.Builder().name("success")
            .description("Reconciled settlements, as JSON settlements to book").build();
    public static final Relationship REL_REVIEW = new Relationship.Builder().name("review")
            .description("Settlements whose amounts do not add up to their total-amount, as JSON with the reconciliation, not to be booked").build();
    public static final Relationship REL_FAILURE = new Relationship.Builder().name("failure")
            .description("Reports that cannot be read whole, unchanged, with the row and the reason").build();

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return Set.of(REL_SUCCESS, REL_REVIEW, REL_FAILURE);
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        FlowFile flowFile = session.get();
        if (flowFile == null) {
            return;
        }
        final SettlementReport report;
        try (InputStream in = session.read(flowFile)) {
            report = SettlementReportParser.parse(new StringReader(text(in.readAllBytes())));
        } catch (final SettlementReportException e) {
            session.transfer(session.putAllAttributes(flowFile, ErrorAttributes.of(e.code(), e.getMessage())), REL_FAILURE);
            return;
        } catch (final IOException e) {
            session.transfer(session.putAllAttributes(flowFile, ErrorAttributes.of("NOT_A_SETTLEMENT_REPORT", String.valueOf(e.getMessage()))), REL_FAILURE);
            return;
        }
        final String marketplace = context.getProperty(MARKETPLACE).evaluateAttributeExpressions(flowFile).getValue().trim();
        final SettlementSummary summary = SettlementSummary.of(marketplace, report);
        final ObjectNode json = SettlementJson.toJson(summary.settlement());
        json.put("source", "amazon-settlement-report").put("depositDate", report.depositDate() == null ? null : report.depositDate().toString())
                .put("lineCount", report.lines().size());
        json.putObject("reconciliation").put("totalAmount", summary.totalAmount().toPlainString())
                .put("sumOfLines", summary.sumOfLines().toPlainString()).put("difference", summary.difference().toPlainString())
                .put("reserve", summary.reserve().toPlainString()).put("reconciled", summary.reconciled());
        flowFile = session.write(flowFile, out -> MAPPER.writeValue(out, json));
        final Map<String, String> attributes = new HashMap<>();
        attributes.put("settlement.id", report.settlementId());
        attributes.put("settlement.period.start", report.start().toString());
        attributes.put("settlement.period.end", report.end().toString());
        attributes.put("settlement.total.amount", report.totalAmount().toPlainString());
        attributes.put("settlement.difference", summary.difference().toPlainString());
        attributes.put("mime.type", "application/json");
        if (!summary.reconciled()) {
            attributes.putAll(ErrorAttributes.of("SETTLEMENT_MISMATCH", "The report's " + report.lines().size() + " amounts add up to "
                    + summary.sumOfLines().toPlainString() + " " + report.currency() + ", its total-amount is " + summary.totalAmount().toPlainString()
                    + ": a difference of " + summary.difference().toPlainString()));
        }
        flowFile = session.putAllAttributes(flowFile, attributes);
        session.transfer(flowFile, summary.reconciled() ? REL_SUCCESS : REL_REVIEW);
    }

    /** Amazon's report documents may come GZIP-compressed, and in ISO-8859-1 rather than UTF-8 (European marketplaces). */
    static String text(final byte[] content) throws IOException {
        byte[] bytes = content;
        if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = gzip.readAllBytes();
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (final CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
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
