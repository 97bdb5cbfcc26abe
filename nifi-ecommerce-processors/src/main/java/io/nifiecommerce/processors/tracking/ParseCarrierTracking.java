package io.nifiecommerce.processors.tracking;

import io.nifiecommerce.processors.PropertyRenames;
import io.nifiecommerce.processors.ErrorAttributes;
import io.nifiecommerce.processors.RecordDescriptors;
import io.nifiecommerce.tracking.CarrierRegistry;
import io.nifiecommerce.tracking.CsvColumnMapping;
import io.nifiecommerce.tracking.FeedFormatDetector;
import io.nifiecommerce.tracking.SourceFormat;
import io.nifiecommerce.tracking.StatusMapping;
import io.nifiecommerce.tracking.TrackingEventAssembler;
import io.nifiecommerce.tracking.TrackingFeedException;
import io.nifiecommerce.tracking.TrackingFeedParser;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.Restricted;
import org.apache.nifi.annotation.behavior.Restriction;
import org.apache.nifi.annotation.behavior.SupportsBatching;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.configuration.DefaultSettings;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.MultiProcessorUseCase;
import org.apache.nifi.annotation.documentation.ProcessorConfiguration;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.components.AllowableValue;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.RequiredPermission;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.resource.ResourceCardinality;
import org.apache.nifi.components.resource.ResourceType;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.logging.LogLevel;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.WriteResult;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@SupportsBatching
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@Tags({"tracking", "carrier", "shipment", "edi", "iftsta", "x12", "214", "colissimo", "la poste", "gls", "dpd", "ups", "dhl", "chronopost", "csv", "shopify"})
@CapabilityDescription("Parses a carrier or 3PL tracking feed (EDIFACT IFTSTA, X12 214, La Poste Suivi v2 JSON, GLS Track & Trace "
        + "JSON, DPD status JSON, UPS Track API JSON, DHL Shipment Tracking JSON, Chronopost tracking SOAP or CSV) into tracking event "
        + "records: the carrier is detected from the tracking number's format and check digit (with the name Shopify recognises and a "
        + "tracking URL) and the carrier's event code is mapped to a canonical status and to Shopify's FulfillmentEventStatus; the "
        + "delivery date the carrier announces, when the feed carries one, is written as estimatedDeliveryAt. The feed is streamed: "
        + "memory does not grow with its size. Numbers that match no carrier keep their event with carrierValid=false; a number "
        + "several carriers' formats fit, with nothing in the feed to decide, is written with carrierCandidates and no carrier.")
@WritesAttributes({
        @WritesAttribute(attribute = "record.count", description = "Number of tracking events written (success)"),
        @WritesAttribute(attribute = "mime.type", description = "MIME type of the Record Writer (success)"),
        @WritesAttribute(attribute = "tracking.format", description = "Feed format read: IFTSTA, X12_214, LAPOSTE_JSON, GLS_JSON, DPD_JSON, CSV, "
                + "UPS_JSON, DHL_JSON or CHRONOPOST_XML"),
        @WritesAttribute(attribute = "error.code", description = "Why the feed was not read (failure): EDI_SYNTAX, JSON_SYNTAX, CSV_SYNTAX, "
                + "CSV_MISSING_COLUMN, INVALID_CONTENT, UNRECOGNISED_CONTENT, UNSUPPORTED_FORMAT, EMPTY_INPUT, WRITE_FAILED"),
        @WritesAttribute(attribute = "error.message", description = "Human-readable reason (failure)"),
        @WritesAttribute(attribute = "error.segment", description = "EDI segment tag, JSON field or CSV column at fault, when known (failure)"),
        @WritesAttribute(attribute = "error.position", description = "EDI segment position in the interchange, or line number, when known (failure)")
})
@UseCase(
        description = "Turn the tracking status files a 3PL or carrier drops on SFTP (IFTSTA, 214, CSV) into tracking records for Shopify fulfillments.",
        configuration = """
                Fetch the files (for example with ListSFTP and FetchSFTP) and connect them to this processor.
                Leave Input Format on auto-detect unless a partner sends CSV with other column names: then set the CSV column properties.
                Set Record Writer to a JsonRecordSetWriter and connect 'success' to the processor that posts fulfillments to Shopify.
                Route 'failure' to a place someone watches: error.code, error.message, error.segment and error.position say what to fix.
                """
)
// Local work only (parsing a feed, reading two optional files): NiFi's usual 1 s yield; a FlowFile sent to failure is
// penalized 30 s so that a flow looping failures back does not spin on a feed that cannot be parsed.
@DefaultSettings(yieldDuration = "1 sec", penaltyDuration = "30 sec", bulletinLevel = LogLevel.WARN)
@Restricted(restrictions = {
        @Restriction(requiredPermission = RequiredPermission.READ_FILESYSTEM,
                explanation = "Reads the files named in Carrier Definitions File and Status Mapping File from the NiFi node's file system.")
})
@MultiProcessorUseCase(
        description = "Turn carrier and 3PL tracking feeds (IFTSTA, X12 214, La Poste, GLS, DPD, CSV) into Shopify fulfillments with tracking numbers.",
        keywords = {"tracking", "carrier", "fulfillment", "shopify", "edi", "iftsta", "214"},
        notes = "The flow definition flow-templates/tracking-to-shopify.json builds this flow, with a second source reading shipment "
                + "tracking numbers from Business Central (GetBusinessCentralRecords) into the same PutShopifyFulfillment.",
        configurations = {
                @ProcessorConfiguration(processorClassName = "org.apache.nifi.processors.standard.ListFile", configuration = """
                        Set "Input Directory" to the folder carriers and the 3PL drop their tracking feeds in (or use ListSFTP). \
                        Connect "success" to FetchFile.
                        """),
                @ProcessorConfiguration(processorClassName = "org.apache.nifi.processors.standard.FetchFile", configuration = """
                        Set "Completion Strategy" to "Delete File" (or "Move File"). Connect "success" to ParseCarrierTracking.
                        """),
                @ProcessorConfiguration(processorClass = ParseCarrierTracking.class, configuration = """
                        Leave "Input Format" on auto-detect and set "Record Writer" to a JsonRecordSetWriter. Connect "success" to \
                        PutShopifyFulfillment and "failure" to a review queue.
                        """),
                @ProcessorConfiguration(processorClassName = "io.nifiecommerce.processors.shopify.PutShopifyFulfillment", configuration = """
                        Set "Shopify Connection Service", "Record Reader" to a JsonTreeReader and "Record Writer" to a \
                        JsonRecordSetWriter; choose "Notify Customer". Loop "retry" back; send "failure" to a review queue.
                        """)
        })
public class ParseCarrierTracking extends AbstractProcessor {

    /** Counter (NiFi's Counters page): tracking events parsed from feeds. */
    static final String COUNTER_EVENTS_PARSED = "Tracking Events Parsed";


    static final String AUTO = "auto";

    static final PropertyDescriptor INPUT_FORMAT = new PropertyDescriptor.Builder()
            .name("Input Format")
            .description("Format of the incoming feed. Auto-detect reads the first bytes: UNA/UNB is IFTSTA, ISA is X12 214, "
                    + "JSON is told apart by its fields, anything else is CSV.")
            .required(true)
            .allowableValues(inputFormats())
            .defaultValue(AUTO)
            .build();

    static final PropertyDescriptor RECORD_WRITER = RecordDescriptors.recordWriter(
            "Writes the tracking event records (schema: orderReference, trackingNumber, carrier, carrierValid, "
                    + "shopifyCarrierName, trackingUrl, status, statusFinal, shopifyEventStatus, rawCode, rawLabel, eventTime, "
                    + "location {city, postalCode, country}, sourceFormat, carrierCandidates, estimatedDeliveryAt).");

    static final PropertyDescriptor FEED_TIME_ZONE = new PropertyDescriptor.Builder()
            .name("Feed Time Zone")
            .description("Time zone of feed times written without an offset (EDI DTM 203, X12 local time LT, CSV/JSON times without offset).")
            .required(true)
            .defaultValue("Europe/Paris")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor CSV_DELIMITER = csvProperty("CSV Delimiter", "Character separating CSV fields.", ",");
    static final PropertyDescriptor CSV_TRACKING_NUMBER_COLUMN = csvProperty("CSV Tracking Number Column",
            "Header name of the tracking number column (required in the file).", "tracking_number");
    static final PropertyDescriptor CSV_STATUS_COLUMN = csvProperty("CSV Status Column",
            "Header name of the status code column (required in the file). Codes are mapped through the CSV table of the "
                    + "status mapping; a canonical status name is taken as is.", "status");
    static final PropertyDescriptor CSV_STATUS_LABEL_COLUMN = optionalCsvProperty("CSV Status Label Column", "status_label");
    static final PropertyDescriptor CSV_EVENT_TIME_COLUMN = optionalCsvProperty("CSV Event Time Column", "event_time");
    static final PropertyDescriptor CSV_ORDER_REFERENCE_COLUMN = optionalCsvProperty("CSV Order Reference Column", "order_reference");
    static final PropertyDescriptor CSV_CARRIER_COLUMN = optionalCsvProperty("CSV Carrier Column", "carrier");
    static final PropertyDescriptor CSV_CITY_COLUMN = optionalCsvProperty("CSV City Column", "city");
    static final PropertyDescriptor CSV_POSTAL_CODE_COLUMN = optionalCsvProperty("CSV Postal Code Column", "postal_code");
    static final PropertyDescriptor CSV_COUNTRY_COLUMN = optionalCsvProperty("CSV Country Column", "country");

    static final PropertyDescriptor CARRIER_DEFINITIONS_FILE = new PropertyDescriptor.Builder()
            .name("Carrier Definitions File")
            .description("Optional JSON file of carrier definitions added to the bundled ones or replacing them by id "
                    + "(see the processor's additional details for the format). Read when the processor starts.")
            .required(false)
            .addValidator(StandardValidators.FILE_EXISTS_VALIDATOR)
            .identifiesExternalResource(ResourceCardinality.SINGLE, ResourceType.FILE)
            .build();

    static final PropertyDescriptor STATUS_MAPPING_FILE = new PropertyDescriptor.Builder()
            .name("Status Mapping File")
            .description("Optional JSON file of raw code to canonical status mappings per format, applied over the bundled tables.")
            .required(false)
            .addValidator(StandardValidators.FILE_EXISTS_VALIDATOR)
            .identifiesExternalResource(ResourceCardinality.SINGLE, ResourceType.FILE)
            .build();

    static final PropertyDescriptor DEFAULT_CARRIER = new PropertyDescriptor.Builder()
            .name("Default Carrier")
            .description("Carrier given to numbers that match no carrier definition (a carrier id, alias or Shopify name, or any "
                    + "name). Such events keep carrierValid=false.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("One FlowFile of tracking event records per feed read")
            .build();

    static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("Feeds that could not be read, with error.code, error.message, error.segment and error.position")
            .build();

    static final Relationship REL_ORIGINAL = new Relationship.Builder()
            .name("original")
            .description("The feed, once its records were written to success")
            .build();

    private static final List<PropertyDescriptor> PROPERTIES = List.of(
            INPUT_FORMAT, RECORD_WRITER, FEED_TIME_ZONE, CSV_DELIMITER, CSV_TRACKING_NUMBER_COLUMN, CSV_STATUS_COLUMN,
            CSV_STATUS_LABEL_COLUMN, CSV_EVENT_TIME_COLUMN, CSV_ORDER_REFERENCE_COLUMN, CSV_CARRIER_COLUMN, CSV_CITY_COLUMN,
            CSV_POSTAL_CODE_COLUMN, CSV_COUNTRY_COLUMN, CARRIER_DEFINITIONS_FILE, STATUS_MAPPING_FILE, DEFAULT_CARRIER);

    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_FAILURE, REL_ORIGINAL);

    private volatile CarrierRegistry carrierRegistry;
    private volatile StatusMapping statusMapping;
    private volatile ZoneId feedZone;
    private volatile CsvColumnMapping csvMapping;

    private static AllowableValue[] inputFormats() {
        final List<AllowableValue> values = new ArrayList<>();
        values.add(new AllowableValue(AUTO, "Auto-detect", "Detect the format from the first bytes of the content"));
        for (final SourceFormat format : SourceFormat.values()) {
            values.add(inputFormat(format));
        }
        return values.toArray(new AllowableValue[0]);
    }

    // every format the parsers read can be chosen: a new SourceFormat does not compile until it is named here
    private static AllowableValue inputFormat(final SourceFormat format) {
        return switch (format) {
            case IFTSTA -> new AllowableValue(format.name(), "EDIFACT IFTSTA", "UN/EDIFACT IFTSTA status report (any directory, D.96A to D.21B)");
            case X12_214 -> new AllowableValue(format.name(), "X12 214", "ANSI X12 214 shipment status message (004010 to 008010)");
            case LAPOSTE_JSON -> new AllowableValue(format.name(), "La Poste Suivi v2 JSON", "Colissimo / Chronopost / La Poste tracking API responses");
            case GLS_JSON -> new AllowableValue(format.name(), "GLS Track & Trace JSON", "GLS parcels with events");
            case DPD_JSON -> new AllowableValue(format.name(), "DPD status JSON", "DPD parcel lifecycle data");
            case CSV -> new AllowableValue(format.name(), "CSV", "CSV with a header row, columns named by the CSV properties");
            case UPS_JSON -> new AllowableValue(format.name(), "UPS Track API JSON", "UPS Track API (v1) answers: trackResponse.shipment[].package[]");
            case DHL_JSON -> new AllowableValue(format.name(), "DHL Shipment Tracking JSON", "DHL Shipment Tracking - Unified API answers (Express, Paket, eCommerce)");
            case CHRONOPOST_XML -> new AllowableValue(format.name(), "Chronopost tracking SOAP", "Chronopost tracking web service answers (trackSkybillV2 SOAP XML)");
        };
    }

    private static PropertyDescriptor csvProperty(final String name, final String description, final String defaultValue) {
        return new PropertyDescriptor.Builder()
                .name(name)
                .description(description)
                .required(true)
                .defaultValue(defaultValue)
                .addValidator(StandardValidators.NON_EMPTY_VALIDATOR)
                .dependsOn(INPUT_FORMAT, AUTO, SourceFormat.CSV.name())
                .build();
    }

    private static PropertyDescriptor optionalCsvProperty(final String name, final String defaultValue) {
        return new PropertyDescriptor.Builder()
                .name(name)
                .description("Header name of the CSV column holding this field; the column may be absent from the file.")
                .required(false)
                .defaultValue(defaultValue)
                .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
                .dependsOn(INPUT_FORMAT, AUTO, SourceFormat.CSV.name())
                .build();
    }

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    @Override
    protected Collection<ValidationResult> customValidate(final ValidationContext context) {
        final List<ValidationResult> results = new ArrayList<>();
        try {
            ZoneId.of(context.getProperty(FEED_TIME_ZONE).getValue());
        } catch (final DateTimeException e) {
            results.add(invalid(FEED_TIME_ZONE, "not a time zone id: " + e.getMessage()));
        }
        if (context.getProperty(CSV_DELIMITER).isSet() && context.getProperty(CSV_DELIMITER).getValue().length() != 1) {
            results.add(invalid(CSV_DELIMITER, "must be a single character"));
        }
        final String carriers = context.getProperty(CARRIER_DEFINITIONS_FILE).getValue();
        if (carriers != null) {
            try {
                CarrierRegistry.withOverrides(Path.of(carriers));
            } catch (final IOException | RuntimeException e) {
                results.add(invalid(CARRIER_DEFINITIONS_FILE, e.getMessage()));
            }
        }
        final String mapping = context.getProperty(STATUS_MAPPING_FILE).getValue();
        if (mapping != null) {
            try {
                StatusMapping.withOverrides(Path.of(mapping));
            } catch (final IOException | RuntimeException e) {
                results.add(invalid(STATUS_MAPPING_FILE, e.getMessage()));
            }
        }
        return results;
    }

    private static ValidationResult invalid(final PropertyDescriptor property, final String explanation) {
        return new ValidationResult.Builder().subject(property.getName()).valid(false).explanation(explanation).build();
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) throws IOException {
        final String carriers = context.getProperty(CARRIER_DEFINITIONS_FILE).getValue();
        carrierRegistry = carriers == null ? CarrierRegistry.builtIn() : CarrierRegistry.withOverrides(Path.of(carriers));
        final String mapping = context.getProperty(STATUS_MAPPING_FILE).getValue();
        statusMapping = mapping == null ? StatusMapping.builtIn() : StatusMapping.withOverrides(Path.of(mapping));
        feedZone = ZoneId.of(context.getProperty(FEED_TIME_ZONE).getValue());
        final String delimiter = context.getProperty(CSV_DELIMITER).getValue();
        csvMapping = new CsvColumnMapping(
                context.getProperty(CSV_TRACKING_NUMBER_COLUMN).getValue(),
                context.getProperty(CSV_STATUS_COLUMN).getValue(),
                context.getProperty(CSV_STATUS_LABEL_COLUMN).getValue(),
                context.getProperty(CSV_EVENT_TIME_COLUMN).getValue(),
                context.getProperty(CSV_ORDER_REFERENCE_COLUMN).getValue(),
                context.getProperty(CSV_CARRIER_COLUMN).getValue(),
                context.getProperty(CSV_CITY_COLUMN).getValue(),
                context.getProperty(CSV_POSTAL_CODE_COLUMN).getValue(),
                context.getProperty(CSV_COUNTRY_COLUMN).getValue(),
                delimiter == null || delimiter.isEmpty() ? ',' : delimiter.charAt(0));
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        final FlowFile original = session.get();
        if (original == null) {
            return;
        }
        final RecordSetWriterFactory writerFactory = context.getProperty(RECORD_WRITER).asControllerService(RecordSetWriterFactory.class);
        final String configuredFormat = context.getProperty(INPUT_FORMAT).getValue();
        final TrackingEventAssembler assembler = new TrackingEventAssembler(carrierRegistry, statusMapping,
                context.getProperty(DEFAULT_CARRIER).getValue());

        FlowFile output = session.create(original);
        SourceFormat format = null;
        final Map<String, String> attributes = new HashMap<>();
        try (InputStream content = session.read(original);
             BufferedInputStream in = new BufferedInputStream(content, FeedFormatDetector.PEEK_BYTES + 1)) {
            format = AUTO.equals(configuredFormat) ? FeedFormatDetector.detect(in) : SourceFormat.valueOf(configuredFormat);
            final SourceFormat feedFormat = format;
            final TrackingFeedParser parser = FeedFormatDetector.parserFor(feedFormat, feedZone, csvMapping);
            final RecordSchema schema = writerFactory.getSchema(original.getAttributes(), TrackingEventRecords.SCHEMA);
            try (OutputStream out = session.write(output);
                 RecordSetWriter writer = writerFactory.createWriter(getLogger(), schema, out, original)) {
                writer.beginRecordSet();
                parser.parse(in, raw -> writer.write(TrackingEventRecords.toRecord(assembler.assemble(feedFormat, raw), schema)));
                final WriteResult result = writer.finishRecordSet();
                attributes.putAll(result.getAttributes());
                attributes.put("record.count", String.valueOf(result.getRecordCount()));
                attributes.put(CoreAttributes.MIME_TYPE.key(), writer.getMimeType());
            }
        } catch (final TrackingFeedException e) {
            fail(session, original, output, format, e.getErrorCode(), e.getMessage(), e.getSegment(), e.getPosition());
            return;
        } catch (final Exception e) {
            // the writer, the content repository or an unforeseen parser fault: the feed stays intact on failure
            final String code = e instanceof IOException ? "READ_WRITE_FAILED" : "PROCESSING_FAILED";
            getLogger().error("Failed to parse tracking feed {}", original, e);
            fail(session, original, output, format, code, String.valueOf(e.getMessage()), null, -1);
            return;
        }
        attributes.put("tracking.format", format.name());
        output = session.putAllAttributes(output, attributes);
        session.transfer(output, REL_SUCCESS);
        session.getProvenanceReporter().modifyContent(output, "Parsed " + format.name() + " tracking feed into "
                + attributes.get("record.count") + " events");
        session.transfer(original, REL_ORIGINAL);
        session.adjustCounter(COUNTER_EVENTS_PARSED, Long.parseLong(attributes.get("record.count")), false);
    }

    private void fail(final ProcessSession session, final FlowFile original, final FlowFile output, final SourceFormat format,
                      final String code, final String message, final String segment, final int position) {
        session.remove(output);
        final Map<String, String> attributes = new HashMap<>();
        attributes.putAll(ErrorAttributes.of(code, message));
        if (segment != null) {
            attributes.put("error.segment", segment);
        }
        if (position >= 0) {
            attributes.put("error.position", String.valueOf(position));
        }
        if (format != null) {
            attributes.put("tracking.format", format.name());
        }
        getLogger().warn("Tracking feed {} not parsed: {} {}", original, code, message);
        FlowFile failed = session.putAllAttributes(original, attributes);
        failed = session.penalize(failed);
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
