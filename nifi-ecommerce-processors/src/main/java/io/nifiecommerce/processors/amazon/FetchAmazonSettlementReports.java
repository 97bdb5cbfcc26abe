package io.nifiecommerce.processors.amazon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.amazon.ReportsV20210630;
import io.nifiecommerce.amazon.SettlementReportFetch;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.processors.ErrorAttributes;
import io.nifiecommerce.processors.PropertyRenames;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.PrimaryNodeOnly;
import org.apache.nifi.annotation.behavior.Stateful;
import org.apache.nifi.annotation.behavior.TriggerSerially;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.configuration.DefaultSchedule;
import org.apache.nifi.annotation.configuration.DefaultSettings;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.logging.LogLevel;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.util.StandardValidators;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

@PrimaryNodeOnly
@TriggerSerially
@Stateful(scopes = Scope.CLUSTER, description = "The createdSince watermark of the next getReports and the reportIds already fetched (with their "
        + "createdTime, forgotten once the overlap no longer reaches them). Written in the same session commit as the FlowFiles. Clear it to "
        + "fetch again every settlement report Amazon still keeps (90 days) or since the Initial Start Date.")
@InputRequirement(InputRequirement.Requirement.INPUT_FORBIDDEN)
// Amazon publishes a settlement report about every 14 days; getReports refills 0.0222 requests/s (80 an hour): every 30 minutes is ample
@DefaultSchedule(period = "30 min")
@DefaultSettings(yieldDuration = "5 min", penaltyDuration = "30 sec", bulletinLevel = LogLevel.WARN)
@Tags({"amazon", "selling partner api", "sp-api", "reports", "settlement", "marketplace", "payout", "incremental"})
@CapabilityDescription("Fetches the settlement reports Amazon generates for a selling partner (Reports API 2021-06-30: getReports of "
        + "GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2 since a watermark less an overlap, then getReportDocument and its pre-signed URL), each "
        + "DONE report once, decompressed when GZIP, as one FlowFile per report for ParseAmazonSettlementReport. Settlement reports cannot "
        + "be requested: Amazon publishes one per settlement period. Reports still being generated are fetched by a later run. A run that "
        + "meets the end of a usage plan keeps what it fetched and the next run goes on.")
@WritesAttributes({
        @WritesAttribute(attribute = "amazon.report.id", description = "Amazon's reportId"),
        @WritesAttribute(attribute = "amazon.report.type", description = "GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2"),
        @WritesAttribute(attribute = "amazon.report.document.id", description = "Amazon's reportDocumentId"),
        @WritesAttribute(attribute = "amazon.report.created", description = "The report's createdTime (ISO-8601)"),
        @WritesAttribute(attribute = "settlement.period.start", description = "The report's dataStartTime, the settlement's start, when Amazon gives it"),
        @WritesAttribute(attribute = "settlement.period.end", description = "The report's dataEndTime, the settlement's end, when Amazon gives it"),
        @WritesAttribute(attribute = "filename", description = "amazon-settlement-<reportId>.txt"),
        @WritesAttribute(attribute = "mime.type", description = "text/tab-separated-values; application/json on 'failure'"),
        @WritesAttribute(attribute = "error.code", description = "On failure: Amazon's code (e.g. NotFound), BAD_DOCUMENT, UNSUPPORTED_COMPRESSION, "
                + "NO_DOCUMENT or REPORT_FATAL"),
        @WritesAttribute(attribute = "error.message", description = "On failure: the detail")
})
@SeeAlso({StandardAmazonConnectionService.class, ParseAmazonSettlementReport.class})
@UseCase(description = "Book every Amazon settlement in Business Central without downloading reports from Seller Central.",
        configuration = """
                Set "Amazon Connection" to the selling partner's StandardAmazonConnectionService (the Reports API role is needed).
                Connect "success" to ParseAmazonSettlementReport, then to PutBusinessCentralMarketplaceSettlement; connect "failure" to a
                review queue.
                """)
public class FetchAmazonSettlementReports extends AbstractProcessor {

    public static final PropertyDescriptor AMAZON_CONNECTION = new PropertyDescriptor.Builder()
            .name("Amazon Connection")
            .description("The selling partner whose settlement reports are fetched.")
            .required(true)
            .identifiesControllerService(AmazonConnectionService.class)
            .build();

    public static final PropertyDescriptor INITIAL_START_DATE = new PropertyDescriptor.Builder()
            .name("Initial Start Date")
            .description("At the first run, reports created since this ISO-8601 instant are fetched (e.g. 2026-01-01T00:00:00Z); when empty, "
                    + "every report Amazon still keeps (90 days).")
            .required(false)
            .addValidator(StandardValidators.ISO8601_INSTANT_VALIDATOR)
            .build();

    public static final PropertyDescriptor OVERLAP = new PropertyDescriptor.Builder()
            .name("Overlap")
            .description("Each getReports starts this long before the previous run's end, so that a report Amazon listed late is not missed; "
                    + "reports already fetched are not fetched again.")
            .required(true)
            .defaultValue("1 day")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    static final List<PropertyDescriptor> PROPERTIES = List.of(AMAZON_CONNECTION, INITIAL_START_DATE, OVERLAP);

    public static final Relationship REL_SUCCESS = new Relationship.Builder().name("success")
            .description("One settlement report per FlowFile, as Amazon wrote it (tab-separated), decompressed").build();
    public static final Relationship REL_FAILURE = new Relationship.Builder().name("failure")
            .description("Reports that cannot be fetched (document gone, unreadable or FATAL), as getReports' JSON, with error.code and "
                    + "error.message; they are not tried again").build();

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private volatile Clock clock = Clock.systemUTC();

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return Set.of(REL_SUCCESS, REL_FAILURE);
    }

    /** Test seam. */
    void setClock(final Clock clock) {
        this.clock = clock;
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        final Map<String, String> stored;
        try {
            stored = session.getState(Scope.CLUSTER).toMap();
        } catch (final IOException e) {
            getLogger().error("Cannot read the processor's cluster state", e);
            context.yield();
            return;
        }
        try {
            final AmazonConnectionService connection = context.getProperty(AMAZON_CONNECTION).asControllerService(AmazonConnectionService.class);
            final ReportsV20210630 api = new ReportsV20210630(connection.client());
            final String host = api.client().endpointHost();
            final Instant now = clock.instant();
            final String initial = context.getProperty(INITIAL_START_DATE).getValue();
            final SettlementReportFetch.Outcome outcome = new SettlementReportFetch(api,
                    Duration.ofMillis(context.getProperty(OVERLAP).asTimePeriod(TimeUnit.MILLISECONDS)))
                    .run(stored, now, initial == null ? now.minus(SettlementReportFetch.RETENTION) : Instant.parse(initial), new SettlementReportFetch.Sink() {
                        @Override
                        public void report(final ReportsV20210630.Report report, final byte[] content) {
                            FlowFile flowFile = session.write(session.create(), out -> out.write(content));
                            final Map<String, String> attributes = attributes(report);
                            attributes.put(CoreAttributes.FILENAME.key(), "amazon-settlement-" + report.reportId() + ".txt");
                            attributes.put(CoreAttributes.MIME_TYPE.key(), "text/tab-separated-values");
                            flowFile = session.putAllAttributes(flowFile, attributes);
                            session.getProvenanceReporter().receive(flowFile, "https://" + host + "/reports/2021-06-30/documents/"
                                    + report.reportDocumentId());
                            session.transfer(flowFile, REL_SUCCESS);
                        }

                        @Override
                        public void failed(final ReportsV20210630.Report report, final String code, final String message) {
                            FlowFile flowFile = session.write(session.create(), out -> MAPPER.writeValue(out, json(report)));
                            final Map<String, String> attributes = attributes(report);
                            attributes.put(CoreAttributes.MIME_TYPE.key(), "application/json");
                            attributes.putAll(ErrorAttributes.of(code, message));
                            session.transfer(session.putAllAttributes(flowFile, attributes), REL_FAILURE);
                        }
                    });
            session.setState(outcome.state(), Scope.CLUSTER);
            if (outcome.stoppedBy() != null) {
                // what was fetched is committed with its reportIds; the next run lists the window again and goes on
                getLogger().info("Fetching Amazon settlement reports stopped after {} reports ({}); the next run goes on", outcome.emitted(),
                        outcome.stoppedBy());
                context.yield();
            }
        } catch (final ApiException e) {
            session.rollback();
            getLogger().error("Fetching Amazon settlement reports stopped: {} {} ({})", e.errorClass(), e.code(), e.getMessage());
            context.yield();
        } catch (final IOException | RuntimeException e) {
            session.rollback();
            getLogger().error("Fetching Amazon settlement reports failed", e);
            context.yield();
        }
    }

    private static Map<String, String> attributes(final ReportsV20210630.Report report) {
        final Map<String, String> attributes = new HashMap<>();
        attributes.put("amazon.report.id", report.reportId());
        attributes.put("amazon.report.type", report.reportType());
        attributes.put("amazon.report.created", report.createdTime().toString());
        if (report.reportDocumentId() != null) {
            attributes.put("amazon.report.document.id", report.reportDocumentId());
        }
        if (report.dataStartTime() != null) {
            attributes.put("settlement.period.start", report.dataStartTime().toString());
        }
        if (report.dataEndTime() != null) {
            attributes.put("settlement.period.end", report.dataEndTime().toString());
        }
        return attributes;
    }

    private static ObjectNode json(final ReportsV20210630.Report report) {
        final ObjectNode node = MAPPER.createObjectNode();
        node.put("reportId", report.reportId()).put("reportType", report.reportType()).put("processingStatus", report.processingStatus())
                .put("createdTime", report.createdTime().toString()).put("reportDocumentId", report.reportDocumentId());
        node.put("dataStartTime", report.dataStartTime() == null ? null : report.dataStartTime().toString());
        node.put("dataEndTime", report.dataEndTime() == null ? null : report.dataEndTime().toString());
        return node;
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
