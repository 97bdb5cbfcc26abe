package io.nifiecommerce.processors.company;

import io.nifiecommerce.processors.RecordOutcomeRouter;
import io.nifiecommerce.company.CompanyAccount;
import io.nifiecommerce.company.CompanyAddress;
import io.nifiecommerce.company.CompanyContact;
import io.nifiecommerce.company.CompanyOutcome;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.schema.access.SchemaNotFoundException;
import org.apache.nifi.serialization.MalformedRecordException;
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The BC customer records of one FlowFile as Shopify B2B accounts. Field names are those of Business Central's API v2.0
 * {@code customers} page (number, displayName, addressLine1, addressLine2, city, state, postalCode, country, phoneNumber,
 * email, taxRegistrationNumber, paymentTermsId, blocked); a record may also carry a separate ship-to address
 * (shipToName, shipToAddressLine1, shipToAddressLine2, shipToCity, shipToState, shipToPostCode, shipToCountry) and
 * contactFirstName / contactLastName, e.g. from a custom API page. Each record is written back with its outcome.
 */
final class CustomerRecords {

    static final String OUTCOME = "company_outcome";
    static final String REASON = "company_reason";
    static final String MESSAGE = "company_message";
    static final String COMPANY_ID = "shopify_company_id";

    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern ZONE = Pattern.compile("[A-Z0-9]{1,3}");

    /** How record values become account fields: the mapping tables of the processor. */
    record Mapping(Map<String, String> paymentTerms, String catalogField, String catalogTitlePrefix, Map<String, String> catalogs) {
    }

    /** A record read: its account, or why it cannot be one, or why it is left out (blocked). */
    record Entry(Record record, CompanyAccount account, String problemCode, String problem, boolean blocked) {
    }

    private final RecordSchema schema;
    private final List<Entry> entries;

    private CustomerRecords(final RecordSchema schema, final List<Entry> entries) {
        this.schema = schema;
        this.entries = entries;
    }

    static CustomerRecords read(final ProcessSession session, final FlowFile flowFile, final RecordReaderFactory readerFactory, final Mapping mapping,
                                final ComponentLog logger) throws IOException, MalformedRecordException, SchemaNotFoundException {
        final List<Entry> entries = new ArrayList<>();
        try (InputStream in = session.read(flowFile); RecordReader reader = readerFactory.createRecordReader(flowFile, in, logger)) {
            Record record;
            while ((record = reader.nextRecord()) != null) {
                entries.add(entry(record, mapping));
            }
            return new CustomerRecords(reader.getSchema(), entries);
        }
    }

    static Entry entry(final Record record, final Mapping mapping) {
        final String number = text(record, "number");
        if (number == null) {
            return new Entry(record, null, "NO_CUSTOMER_NUMBER", "The record has no number field", false);
        }
        if ("All".equalsIgnoreCase(text(record, "blocked"))) {
            return new Entry(record, null, null, null, true);
        }
        for (final String field : List.of("country", "shipToCountry")) {
            final String country = text(record, field);
            if (country != null && !COUNTRY.matcher(country).matches()) {
                return new Entry(record, null, "INVALID_COUNTRY", field + " '" + country
                        + "' is not an ISO 3166 two-letter code, which Shopify requires; use ISO codes for BC's countries/regions", false);
            }
        }
        final String name = text(record, "displayName");
        final CompanyAddress billing = new CompanyAddress(text(record, "addressLine1"), text(record, "addressLine2"), text(record, "city"),
                text(record, "postalCode"), zone(text(record, "state")), text(record, "country"), name, text(record, "phoneNumber"));
        final CompanyAddress shipping = new CompanyAddress(text(record, "shipToAddressLine1"), text(record, "shipToAddressLine2"),
                text(record, "shipToCity"), text(record, "shipToPostCode"), zone(text(record, "shipToState")), text(record, "shipToCountry"),
                text(record, "shipToName") == null ? name : text(record, "shipToName"), text(record, "phoneNumber"));
        final String terms = text(record, "paymentTermsId");
        // an unmapped BC id (a GUID) means nothing to Shopify: no terms; an unmapped name ("Net 30") is matched as it is
        final String mappedTerms = terms == null ? null : mapping.paymentTerms().getOrDefault(terms, GUID.matcher(terms).matches() ? null : terms);
        final String catalogValue = mapping.catalogField() == null ? null : text(record, mapping.catalogField());
        final String catalog = catalogValue == null ? null : mapping.catalogs().getOrDefault(catalogValue,
                (mapping.catalogTitlePrefix() == null ? "" : mapping.catalogTitlePrefix()) + catalogValue);
        final String email = text(record, "email");
        final CompanyContact contact = email == null ? null
                : new CompanyContact(email, text(record, "contactFirstName"), text(record, "contactLastName"), text(record, "phoneNumber"), null);
        final CompanyAccount account = new CompanyAccount(number, name, null, null, text(record, "phoneNumber"), billing,
                shipping.isEmpty() ? null : shipping, text(record, "taxRegistrationNumber"), mappedTerms, catalog, contact);
        return new Entry(record, account, null, null, false);
    }

    /** BC's state/county is free text: only a short code can be a Shopify zone code. */
    private static String zone(final String state) {
        if (state == null) {
            return null;
        }
        final String code = state.trim().toUpperCase(Locale.ROOT);
        return ZONE.matcher(code).matches() ? code : null;
    }

    private static String text(final Record record, final String field) {
        final String value = record.getAsString(field);
        return value == null || value.isBlank() ? null : value.trim();
    }

    List<Entry> entries() {
        return entries;
    }

    List<CompanyAccount> accounts() {
        return entries.stream().filter(e -> e.account() != null).map(Entry::account).toList();
    }

    /**
     * Writes each record with its outcome (the accounts' outcomes in order): failed ones to failure, the others (blocked
     * ones as "skipped") to success, which exists even empty when nothing failed.
     */
    Map<Relationship, FlowFile> route(final ProcessSession session, final FlowFile original, final RecordSetWriterFactory writerFactory,
                                      final List<CompanyOutcome> outcomes, final Map<String, String> attributes, final Relationship success,
                                      final Relationship failure, final ComponentLog logger) throws IOException {
        final RecordSchema output = RecordOutcomeRouter.withOutcomeFields(schema, List.of(
                new RecordField(OUTCOME, RecordFieldType.STRING.getDataType(), false),
                new RecordField(REASON, RecordFieldType.STRING.getDataType(), true),
                new RecordField(MESSAGE, RecordFieldType.STRING.getDataType(), true),
                new RecordField(COMPANY_ID, RecordFieldType.STRING.getDataType(), true)));
        final RecordOutcomeRouter router = new RecordOutcomeRouter(session, original, writerFactory, output, logger);
        final boolean anyFailed = outcomes.stream().anyMatch(CompanyOutcome::failed) || entries.stream().anyMatch(e -> e.problemCode() != null);
        if (!anyFailed) {
            router.open(success);
        }
        int next = 0;
        for (final Entry entry : entries) {
            final Map<String, Object> values = new LinkedHashMap<>(entry.record().toMap());
            if (entry.account() == null) {
                values.put(OUTCOME, entry.blocked() ? "skipped" : "failed");
                values.put(REASON, entry.blocked() ? "BLOCKED" : entry.problemCode());
                values.put(MESSAGE, entry.blocked() ? "The customer is blocked for all documents in BC: not sent" : entry.problem());
                if (entry.blocked()) {
                    router.write(success, new MapRecord(output, values));
                } else {
                    router.write(failure, new MapRecord(output, values), entry.problemCode(), entry.problem());
                }
                continue;
            }
            final CompanyOutcome outcome = outcomes.get(next++);
            values.put(OUTCOME, outcome.status().name().toLowerCase(Locale.ROOT));
            values.put(REASON, outcome.code());
            values.put(MESSAGE, outcome.message());
            values.put(COMPANY_ID, outcome.companyId());
            if (outcome.failed()) {
                router.write(failure, new MapRecord(output, values), outcome.code(), outcome.message());
            } else {
                router.write(success, new MapRecord(output, values));
            }
        }
        return router.finish(attributes, "COMPANY_RECORDS_FAILED");
    }
}
