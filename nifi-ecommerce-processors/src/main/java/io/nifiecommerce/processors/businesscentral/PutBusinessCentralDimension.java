package io.nifiecommerce.processors.businesscentral;

import io.nifiecommerce.businesscentral.DocumentDimensions;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.processors.ErrorAttributes;
import io.nifiecommerce.processors.FlowFileRecords;
import io.nifiecommerce.processors.PropertyRenames;
import io.nifiecommerce.processors.RecordDescriptors;
import io.nifiecommerce.processors.RecordOutcomeRouter;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.SupportsBatching;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.configuration.DefaultSettings;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.LogLevel;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@SupportsBatching
@DefaultSettings(yieldDuration = "30 sec", penaltyDuration = "1 min", bulletinLevel = LogLevel.WARN)
@Tags({"business central", "dimension", "channel", "sales order", "analytics", "records"})
@CapabilityDescription("Sets a dimension (e.g. the sales channel) on the Business Central sales orders that PutBusinessCentralOrder created, "
        + "from a field of each record (the canonical order's channel by default): POST salesOrders({bcId})/dimensionSetLines with the "
        + "dimension code and the value, once. A document that already has the dimension with that value is left alone; with another "
        + "value it goes to failure rather than being overwritten. Records of documents already posted (bcDocumentType other than "
        + "salesOrders) pass through unchanged: a posted document's dimensions cannot be changed.")
@WritesAttributes({
        @WritesAttribute(attribute = "record.count", description = "Records in the FlowFile"),
        @WritesAttribute(attribute = "error.code", description = "On failure or retry: why the dimension was not set"),
        @WritesAttribute(attribute = "error.message", description = "On failure or retry: the detail")
})
@SeeAlso(PutBusinessCentralOrder.class)
public class PutBusinessCentralDimension extends AbstractProcessor {

    public static final PropertyDescriptor CONNECTION_SERVICE = new PropertyDescriptor.Builder()
            .name("Business Central Connection").description("The company the orders are in.").required(true)
            .identifiesControllerService(BusinessCentralConnectionService.class).build();
    public static final PropertyDescriptor RECORD_READER = RecordDescriptors.recordReader("Reads PutBusinessCentralOrder's result records.");
    public static final PropertyDescriptor RECORD_WRITER = RecordDescriptors.recordWriter("Writes the records with their outcome.");
    public static final PropertyDescriptor DIMENSION_CODE = new PropertyDescriptor.Builder()
            .name("Dimension Code").description("The BC dimension to set, e.g. CANAL or CHANNEL (it and its values must exist in BC).")
            .required(true).addValidator(StandardValidators.NON_BLANK_VALIDATOR).build();
    public static final PropertyDescriptor VALUE_FIELD = new PropertyDescriptor.Builder()
            .name("Value Field").description("The record field holding the dimension value; upper-cased as BC codes are.")
            .required(true).defaultValue("channel").addValidator(StandardValidators.NON_BLANK_VALIDATOR).build();

    static final List<PropertyDescriptor> PROPERTIES = List.of(CONNECTION_SERVICE, RECORD_READER, RECORD_WRITER, DIMENSION_CODE, VALUE_FIELD);

    public static final Relationship REL_SUCCESS = new Relationship.Builder().name("success")
            .description("Records whose order has the dimension (set now or before), and records of posted documents").build();
    public static final Relationship REL_RETRY = new Relationship.Builder().name("retry")
            .description("Records not handled because Business Central could not be reached").build();
    public static final Relationship REL_FAILURE = new Relationship.Builder().name("failure")
            .description("Records without a value or a BC id, or whose order has the dimension with another value, or refused by BC").build();

    static final List<RecordField> OUTCOME_FIELDS = List.of(new RecordField("bcDimensionResult", RecordFieldType.STRING.getDataType(), true));

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
        final FlowFile flowFile = session.get();
        if (flowFile == null) {
            return;
        }
        final FlowFileRecords input;
        try {
            input = FlowFileRecords.read(session, flowFile, context.getProperty(RECORD_READER).asControllerService(RecordReaderFactory.class), getLogger());
        } catch (final Exception e) {
            session.transfer(session.penalize(session.putAllAttributes(flowFile, ErrorAttributes.of("INVALID_INPUT", String.valueOf(e.getMessage())))), REL_FAILURE);
            return;
        }
        final List<Record> records = input.records();
        final RecordSchema schema = input.schema();
        final BusinessCentralConnectionService bc = context.getProperty(CONNECTION_SERVICE).asControllerService(BusinessCentralConnectionService.class);
        final DocumentDimensions dimensions = new DocumentDimensions(bc.client(), bc.companyId());
        final String dimension = context.getProperty(DIMENSION_CODE).getValue();
        final String valueField = context.getProperty(VALUE_FIELD).getValue();
        final String[] results = new String[records.size()];
        final Relationship[] routes = new Relationship[records.size()];
        try {
            for (int i = 0; i < records.size(); i++) {
                final Record record = records.get(i);
                final String id = record.getAsString("bcId");
                final String value = record.getAsString(valueField);
                if (!"salesOrders".equals(record.getAsString("bcDocumentType"))) {
                    results[i] = "NOT_AN_OPEN_ORDER";
                    routes[i] = REL_SUCCESS;
                } else if (id == null || id.isBlank() || value == null || value.isBlank()) {
                    results[i] = "MISSING_VALUE";
                    routes[i] = REL_FAILURE;
                } else {
                    final DocumentDimensions.Result result = dimensions.ensure("salesOrders", id, dimension, value);
                    results[i] = result.name();
                    routes[i] = result == DocumentDimensions.Result.CONFLICT ? REL_FAILURE : REL_SUCCESS;
                }
            }
        } catch (final ApiException e) {
            // dimensions set before the error are found on the replay
            final FlowFile failed = session.putAllAttributes(flowFile, ErrorAttributes.of(e.code(), e.getMessage()));
            session.transfer(e.isTransient() ? session.penalize(failed) : failed, e.isTransient() ? REL_RETRY : REL_FAILURE);
            return;
        }
        final RecordSchema outSchema = RecordOutcomeRouter.withOutcomeFields(schema, OUTCOME_FIELDS);
        final RecordOutcomeRouter router = new RecordOutcomeRouter(session, flowFile,
                context.getProperty(RECORD_WRITER).asControllerService(RecordSetWriterFactory.class), outSchema, getLogger());
        try {
            for (int i = 0; i < records.size(); i++) {
                final Map<String, Object> values = new LinkedHashMap<>(records.get(i).toMap());
                values.put("bcDimensionResult", results[i]);
                router.write(routes[i], new MapRecord(outSchema, values), routes[i] == REL_SUCCESS ? null : results[i],
                        routes[i] == REL_SUCCESS ? null : "Dimension " + dimension + ": " + results[i]);
            }
            router.finish(Map.of(), "MIXED").forEach((relationship, child) -> session.transfer(child, relationship));
        } catch (final Exception e) {
            router.discard();
            session.transfer(session.penalize(session.putAllAttributes(flowFile, ErrorAttributes.of("OUTPUT_ERROR", String.valueOf(e.getMessage())))), REL_RETRY);
            return;
        }
        session.remove(flowFile);
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
