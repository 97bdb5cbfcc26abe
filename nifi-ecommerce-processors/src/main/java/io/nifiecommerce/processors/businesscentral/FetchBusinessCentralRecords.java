package io.nifiecommerce.processors.businesscentral;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.businesscentral.BusinessCentralClient;
import io.nifiecommerce.businesscentral.BusinessCentralEndpoint;
import io.nifiecommerce.businesscentral.OnDemandReader;
import io.nifiecommerce.businesscentral.ReadCache;
import io.nifiecommerce.businesscentral.RecordQuery;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.processors.ErrorAttributes;
import io.nifiecommerce.processors.PropertyRenames;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.configuration.DefaultSettings;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.MultiProcessorUseCase;
import org.apache.nifi.annotation.documentation.ProcessorConfiguration;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.util.StandardValidators;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

@Tags({"business central", "dynamics 365", "erp", "odata", "fetch", "lookup", "cache", "real-time", "b2b", "price", "availability"})
@CapabilityDescription("""
        Reads Business Central records for each incoming FlowFile, by key (Key Field in Key Values, each value quoted, so a \
        value taken from a web request cannot alter the query) or by filter, and writes them as a JSON array into the \
        FlowFile: a cart's items with their unit price and inventory, a B2B customer's open orders or invoices. Answers are \
        kept in a bounded cache (Cache TTL, Cache Size), so the same question within the TTL costs no request to BC. \
        Requests go through the connection's shared governor and retries. With HandleHttpRequest and HandleHttpResponse it \
        serves a B2B site in real time (flow definition erp-data-on-demand).""")
@SeeAlso(GetBusinessCentralRecords.class)
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@DefaultSettings(yieldDuration = "1 sec", penaltyDuration = "5 sec")
@WritesAttributes({
        @WritesAttribute(attribute = "bc.record.count", description = "The number of records written"),
        @WritesAttribute(attribute = "bc.cache.hit", description = "true when the answer came from the cache, without a BC request"),
        @WritesAttribute(attribute = "bc.entity.set", description = "The entity set read"),
        @WritesAttribute(attribute = "mime.type", description = "application/json"),
        @WritesAttribute(attribute = "error.code", description = "On failure and retry: why (INVALID_QUERY, BadRequest_NotFound, RATE_LIMITED...)"),
        @WritesAttribute(attribute = "error.message", description = "On failure and retry: the explanation")
})
@MultiProcessorUseCase(
        description = "Serve a B2B site the ERP's price and availability of a cart, and a customer's open orders and invoices, in real time.",
        keywords = {"b2b", "real-time", "http", "price", "availability", "open orders", "invoices", "business central"},
        configurations = {
                @ProcessorConfiguration(processorClassName = "org.apache.nifi.processors.standard.HandleHttpRequest", configuration = """
                        Set "Listening Port", an SSL Context Service with "Client Authentication" REQUIRED (the site's backend \
                        holds the client certificate), "Allowed Paths" to `/erp/(items|orders|invoices)` and "Allow GET" only.
                        """),
                @ProcessorConfiguration(processorClass = FetchBusinessCentralRecords.class, configuration = """
                        One per question. Items: "Entity Set" `items`, "Key Field" `number`, "Key Values" `${http.query.param.skus}`, \
                        "Select" `number,displayName,unitPrice,inventory,baseUnitOfMeasureCode`. Open invoices: "Entity Set" \
                        `salesInvoices`, "Key Field" `customerNumber`, "Key Values" `${http.query.param.customer}`, "Filter" \
                        `status eq 'Open'`.
                        """),
                @ProcessorConfiguration(processorClassName = "org.apache.nifi.processors.standard.HandleHttpResponse", configuration = """
                        "HTTP Status Code" 200 after success, 404 after unmatched, 400 after failure (error.code INVALID_QUERY), 502 after retry.
                        """)
        })
public class FetchBusinessCentralRecords extends AbstractProcessor {

    static final PropertyDescriptor CONNECTION_SERVICE = GetBusinessCentralRecords.CONNECTION_SERVICE;
    static final PropertyDescriptor API_ROUTE = GetBusinessCentralRecords.API_ROUTE;

    static final PropertyDescriptor ENTITY_SET = new PropertyDescriptor.Builder()
            .name("Entity Set")
            .description("The entity set to read, e.g. items, salesOrders, salesInvoices, customers.")
            .required(true)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor KEY_FIELD = new PropertyDescriptor.Builder()
            .name("Key Field")
            .description("The field the Key Values are matched against, e.g. number, customerNumber.")
            .required(false)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor KEY_VALUES = new PropertyDescriptor.Builder()
            .name("Key Values")
            .description("""
                    Comma-separated values of the Key Field, e.g. ${http.query.param.skus}. Each is quoted as an OData \
                    literal: this is the place for values that come from outside. Empty: the Filter alone selects.""")
            .required(false)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.ATTRIBUTE_EXPRESSION_LANGUAGE_VALIDATOR)
            .build();

    static final PropertyDescriptor FILTER = new PropertyDescriptor.Builder()
            .name("Filter")
            .description("""
                    An OData $filter joined (and) to the key condition, e.g. status eq 'Open'. It is sent as written: never \
                    build it from request values, put those in Key Values.""")
            .required(false)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor SELECT = new PropertyDescriptor.Builder()
            .name("Select")
            .description("$select: the fields to return, comma-separated (fewer fields, faster answers).")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor EXPAND = new PropertyDescriptor.Builder()
            .name("Expand")
            .description("$expand: navigation properties to include, e.g. salesOrderLines.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor ORDER_BY = new PropertyDescriptor.Builder()
            .name("Order By")
            .description("$orderby, e.g. orderDate desc.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor MAX_RECORDS = new PropertyDescriptor.Builder()
            .name("Max Records")
            .description("$top: the most records returned per request.")
            .required(true)
            .defaultValue("100")
            .addValidator(StandardValidators.createLongValidator(1, 20_000, true))
            .build();

    static final PropertyDescriptor CACHE_TTL = new PropertyDescriptor.Builder()
            .name("Cache TTL")
            .description("""
                    How long an answer is reused for the same question. Prices change rarely; inventory moves with every \
                    posting: keep it short (seconds) for availability. 0 sec: no cache.""")
            .required(true)
            .defaultValue("30 sec")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    static final PropertyDescriptor CACHE_SIZE = new PropertyDescriptor.Builder()
            .name("Cache Size")
            .description("The most answers kept; beyond it the one used longest ago is dropped.")
            .required(true)
            .defaultValue("1000")
            .addValidator(StandardValidators.createLongValidator(1, 1_000_000, true))
            .build();

    static final List<PropertyDescriptor> DESCRIPTORS = List.of(CONNECTION_SERVICE, API_ROUTE, ENTITY_SET, KEY_FIELD, KEY_VALUES, FILTER, SELECT,
            EXPAND, ORDER_BY, MAX_RECORDS, CACHE_TTL, CACHE_SIZE);

    static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("The FlowFile with the records found, as a JSON array")
            .build();

    static final Relationship REL_UNMATCHED = new Relationship.Builder()
            .name("unmatched")
            .description("The FlowFile, content an empty JSON array, when no record matched")
            .build();

    static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("The FlowFile unchanged when the question is invalid or BC refused it (unknown field, bad filter)")
            .build();

    static final Relationship REL_RETRY = new Relationship.Builder()
            .name("retry")
            .description("The FlowFile, penalized, when BC could not answer in time (throttled, unavailable)")
            .build();

    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_UNMATCHED, REL_FAILURE, REL_RETRY);

    /**
     * Former property names of this processor, each with its current name: when a property is renamed, add the pair here so
     * that flows saved with the former name keep their value. None has been renamed so far.
     */
    static final PropertyRenames RENAMED_PROPERTIES = PropertyRenames.none();

    private volatile Clock clock = Clock.systemUTC();
    private volatile OnDemandReader reader;
    private volatile ReadCache<String, List<JsonNode>> cache;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return DESCRIPTORS;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    void setClock(final Clock clock) {
        this.clock = clock;
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) {
        final BusinessCentralClient client = context.getProperty(CONNECTION_SERVICE).asControllerService(BusinessCentralConnectionService.class).client();
        cache = new ReadCache<>(context.getProperty(CACHE_SIZE).asInteger(),
                Duration.ofMillis(context.getProperty(CACHE_TTL).asTimePeriod(TimeUnit.MILLISECONDS)), clock);
        reader = new OnDemandReader(client, cache);
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        FlowFile flowFile = session.get();
        if (flowFile == null) {
            return;
        }
        final BusinessCentralConnectionService service = context.getProperty(CONNECTION_SERVICE).asControllerService(BusinessCentralConnectionService.class);
        final RecordQuery query;
        try {
            query = query(context, flowFile);
        } catch (final IllegalArgumentException e) {
            flowFile = session.putAllAttributes(flowFile, ErrorAttributes.of("INVALID_QUERY", e.getMessage()));
            session.transfer(flowFile, REL_FAILURE);
            return;
        }
        final OnDemandReader.Result result;
        try {
            final BusinessCentralEndpoint endpoint = service.endpoint().withRoute(context.getProperty(API_ROUTE).evaluateAttributeExpressions().getValue());
            result = reader.read(endpoint, service.companyId(), query, context.getProperty(MAX_RECORDS).asInteger());
        } catch (final ApiException e) {
            flowFile = session.putAllAttributes(flowFile, ErrorAttributes.of(String.valueOf(e.code()), String.valueOf(e.getMessage())));
            if (e.isTransient()) {
                getLogger().warn("Business Central could not answer for {} ({}): routing to retry", flowFile, e.getMessage());
                session.transfer(session.penalize(flowFile), REL_RETRY);
            } else {
                getLogger().error("Business Central refused the read for {}: {} {}", flowFile, e.code(), e.getMessage());
                session.transfer(flowFile, REL_FAILURE);
            }
            return;
        }
        flowFile = session.write(flowFile, out -> {
            try (JsonGenerator json = BusinessCentralClient.MAPPER.getFactory().createGenerator(out)) {
                json.writeStartArray();
                for (final JsonNode value : result.values()) {
                    json.writeStartObject();
                    final Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
                    while (fields.hasNext()) {
                        final Map.Entry<String, JsonNode> field = fields.next();
                        // OData control fields (etags, context) mean nothing to a web site
                        if (!field.getKey().startsWith("@odata.")) {
                            json.writeFieldName(field.getKey());
                            json.writeTree(field.getValue());
                        }
                    }
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
        });
        final Map<String, String> attributes = new HashMap<>();
        attributes.put("bc.record.count", Integer.toString(result.values().size()));
        attributes.put("bc.cache.hit", Boolean.toString(result.fromCache()));
        attributes.put("bc.entity.set", query.entitySet());
        attributes.put(CoreAttributes.MIME_TYPE.key(), "application/json");
        flowFile = session.putAllAttributes(flowFile, attributes);
        if (!result.fromCache()) {
            session.getProvenanceReporter().fetch(flowFile, service.endpoint().apiRoot() + "/" + query.entitySet());
        }
        session.transfer(flowFile, result.values().isEmpty() ? REL_UNMATCHED : REL_SUCCESS);
    }

    private static RecordQuery query(final ProcessContext context, final FlowFile flowFile) {
        final String keyValues = context.getProperty(KEY_VALUES).evaluateAttributeExpressions(flowFile).getValue();
        if (context.getProperty(KEY_VALUES).isSet() && (keyValues == null || keyValues.replace(",", "").isBlank())) {
            // a request without its key must not turn into a read of every record the Filter allows
            throw new IllegalArgumentException("Key Values is empty for this FlowFile: the attribute it reads is missing or blank");
        }
        final List<String> keys = keyValues == null ? List.of() : Arrays.asList(keyValues.split(","));
        return new RecordQuery(context.getProperty(ENTITY_SET).evaluateAttributeExpressions(flowFile).getValue(),
                context.getProperty(KEY_FIELD).evaluateAttributeExpressions(flowFile).getValue(), keys,
                context.getProperty(FILTER).evaluateAttributeExpressions(flowFile).getValue(), context.getProperty(SELECT).getValue(),
                context.getProperty(EXPAND).getValue(), context.getProperty(ORDER_BY).getValue(), context.getProperty(MAX_RECORDS).asInteger());
    }

    @Override
    public void migrateProperties(final PropertyConfiguration config) {
        RENAMED_PROPERTIES.applyTo(config);
    }
}
