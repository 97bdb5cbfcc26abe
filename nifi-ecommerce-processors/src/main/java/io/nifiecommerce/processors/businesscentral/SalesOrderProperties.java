package io.nifiecommerce.processors.businesscentral;

import io.nifiecommerce.businesscentral.CustomerMatch;
import io.nifiecommerce.businesscentral.CustomerPolicy;
import io.nifiecommerce.businesscentral.ItemReference;
import io.nifiecommerce.businesscentral.MappingOptions;
import io.nifiecommerce.businesscentral.PriceBasis;
import io.nifiecommerce.businesscentral.SalesOrderSetup;
import io.nifiecommerce.businesscentral.SalesOrderSubmitter;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ErrorClass;
import io.nifiecommerce.http.Sleeper;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.Validator;
import org.apache.nifi.lookup.LookupService;
import org.apache.nifi.processor.ProcessContext;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.nifiecommerce.processors.businesscentral.PutBusinessCentralOrder.B2B_CUSTOMER_MATCHING;
import static io.nifiecommerce.processors.businesscentral.PutBusinessCentralOrder.B2B_DEFAULT_CUSTOMER;
import static io.nifiecommerce.processors.businesscentral.PutBusinessCentralOrder.B2C_CUSTOMER_MATCHING;
import static io.nifiecommerce.processors.businesscentral.PutBusinessCentralOrder.B2C_DEFAULT_CUSTOMER;
import static io.nifiecommerce.processors.businesscentral.PutBusinessCentralOrder.CONNECTION_SERVICE;
import static io.nifiecommerce.processors.businesscentral.PutBusinessCentralOrder.CUSTOMER_TEMPLATE;
import static io.nifiecommerce.processors.businesscentral.PutBusinessCentralOrder.EXTERNAL_DOCUMENT_NUMBER_TEMPLATE;
import static io.nifiecommerce.processors.businesscentral.PutBusinessCentralOrder.FAIL_ON_AMOUNT_MISMATCH;
import static io.nifiecommerce.processors.businesscentral.PutBusinessCentralOrder.ITEM_LOOKUP_SERVICE;
import static io.nifiecommerce.processors.businesscentral.PutBusinessCentralOrder.ITEM_REFERENCE;
import static io.nifiecommerce.processors.businesscentral.PutBusinessCentralOrder.LOCAL_CURRENCY;
import static io.nifiecommerce.processors.businesscentral.PutBusinessCentralOrder.MODE_ATOMIC;
import static io.nifiecommerce.processors.businesscentral.PutBusinessCentralOrder.ORDERS_PER_BATCH;
import static io.nifiecommerce.processors.businesscentral.PutBusinessCentralOrder.PRICE_BASIS;
import static io.nifiecommerce.processors.businesscentral.PutBusinessCentralOrder.SHIPPING_LINE_NUMBER;
import static io.nifiecommerce.processors.businesscentral.PutBusinessCentralOrder.SHIPPING_LINE_TYPE;
import static io.nifiecommerce.processors.businesscentral.PutBusinessCentralOrder.TRANSACTION_MODE;

/** PutBusinessCentralOrder's properties as the plain-Java sales order setup takes them, and their validators. */
final class SalesOrderProperties {

    private SalesOrderProperties() {
    }

    /** The submitter for the configured company, built from the properties. */
    static SalesOrderSubmitter submitter(final ProcessContext context, final Sleeper sleeper) {
        final BusinessCentralConnectionService service = context.getProperty(CONNECTION_SERVICE).asControllerService(BusinessCentralConnectionService.class);
        final MappingOptions options = new MappingOptions(context.getProperty(SHIPPING_LINE_TYPE).getValue(),
                context.getProperty(SHIPPING_LINE_NUMBER).getValue(), PriceBasis.valueOf(context.getProperty(PRICE_BASIS).getValue()),
                context.getProperty(LOCAL_CURRENCY).getValue().toUpperCase(Locale.ROOT), context.getProperty(EXTERNAL_DOCUMENT_NUMBER_TEMPLATE).getValue());
        final CustomerPolicy policy = new CustomerPolicy(CustomerMatch.parseList(context.getProperty(B2C_CUSTOMER_MATCHING).getValue()),
                CustomerMatch.parseList(context.getProperty(B2B_CUSTOMER_MATCHING).getValue()), context.getProperty(B2C_DEFAULT_CUSTOMER).getValue(),
                context.getProperty(B2B_DEFAULT_CUSTOMER).getValue(), CustomerPolicy.template(context.getProperty(CUSTOMER_TEMPLATE).getValue()));
        final ItemReference reference = ItemReference.valueOf(context.getProperty(ITEM_REFERENCE).getValue());
        final LookupService<?> itemLookup = reference == ItemReference.LOOKUP
                ? context.getProperty(ITEM_LOOKUP_SERVICE).asControllerService(LookupService.class) : null;
        final SalesOrderSetup setup = new SalesOrderSetup(options, policy, reference, itemLookup == null ? null : sku -> lookupItem(itemLookup, sku),
                context.getProperty(ORDERS_PER_BATCH).asInteger(), MODE_ATOMIC.getValue().equals(context.getProperty(TRANSACTION_MODE).getValue()),
                context.getProperty(FAIL_ON_AMOUNT_MISMATCH).asBoolean());
        return setup.submitter(service.client(), service.companyId(), sleeper);
    }

    private static Optional<String> lookupItem(final LookupService<?> service, final String sku) {
        try {
            return service.lookup(Map.of("sku", sku)).map(Object::toString);
        } catch (final Exception e) {
            throw new ApiException(ErrorClass.TRANSIENT, 0, "ITEM_LOOKUP_FAILED", "Item lookup service failed: " + e.getMessage());
        }
    }

    /** A comma-separated list of the customer matches allowed. */
    static Validator customerMatches(final Set<CustomerMatch> allowed) {
        return (subject, input, context) -> {
            boolean ok;
            try {
                final List<CustomerMatch> matches = CustomerMatch.parseList(input);
                ok = !matches.isEmpty() && allowed.containsAll(matches);
            } catch (final IllegalArgumentException e) {
                ok = false;
            }
            return new ValidationResult.Builder().subject(subject).input(input).valid(ok)
                    .explanation(ok ? null : "must be a comma-separated list of " + allowed).build();
        };
    }

    /** A JSON object: the Customer Template. */
    static final Validator JSON_OBJECT = jsonObject();

    private static Validator jsonObject() {
        return (subject, input, context) -> {
            boolean ok;
            try {
                ok = CustomerPolicy.template(input) != null;
            } catch (final IllegalArgumentException e) {
                ok = false;
            }
            return new ValidationResult.Builder().subject(subject).input(input).valid(ok).explanation(ok ? null : "must be a JSON object").build();
        };
    }
}
