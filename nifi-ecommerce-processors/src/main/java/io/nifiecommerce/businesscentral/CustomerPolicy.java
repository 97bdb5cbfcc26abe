package io.nifiecommerce.businesscentral;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.order.Customer;
import io.nifiecommerce.order.Segment;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * How each segment's orders find their BC customer.
 *
 * @param template fields every created customer starts with (e.g. taxAreaId, paymentTermsId, currencyCode); may be null
 * @param numberPrefix when set, a customer created for a Shopify customer is numbered this prefix + the Shopify customer's
 *                     id (so that BC refuses a second card for it, whichever node creates it); null: BC's number series
 */
public record CustomerPolicy(List<CustomerMatch> b2c, List<CustomerMatch> b2b, String defaultB2cCustomer, String defaultB2bCustomer,
                             ObjectNode template, String numberPrefix) {

    /** BC's Customer."No." is a Code[20]. */
    public static final int NUMBER_LENGTH = 20;
    /** Shopify's customer ids have up to 14 digits: a longer prefix could not fit them in a customer number. */
    public static final int MAX_NUMBER_PREFIX = NUMBER_LENGTH - 14;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SHOPIFY_CUSTOMER = "gid://shopify/Customer/";

    public CustomerPolicy {
        b2c = List.copyOf(b2c);
        b2b = List.copyOf(b2b);
        numberPrefix = numberPrefix == null || numberPrefix.isBlank() ? null : numberPrefix.trim().toUpperCase(Locale.ROOT);
    }

    /** Created customers numbered by BC's number series. */
    public CustomerPolicy(final List<CustomerMatch> b2c, final List<CustomerMatch> b2b, final String defaultB2cCustomer,
                          final String defaultB2bCustomer, final ObjectNode template) {
        this(b2c, b2b, defaultB2cCustomer, defaultB2bCustomer, template, null);
    }

    /**
     * The number a customer created for this Shopify customer gets: the prefix and the customer's numeric id (BC upper-cases
     * Code fields); null when numbers come from BC's series, or the order has no Shopify customer (a marketplace or EDI buyer).
     */
    public String customerNumber(final Customer customer) {
        if (numberPrefix == null || customer == null || customer.id() == null || !customer.id().startsWith(SHOPIFY_CUSTOMER)) {
            return null;
        }
        final String id = customer.id().substring(SHOPIFY_CUSTOMER.length());
        return id.isEmpty() || !id.chars().allMatch(Character::isDigit) ? null : numberPrefix + id;
    }

    public List<CustomerMatch> matches(final Segment segment) {
        return segment == Segment.B2B ? b2b : b2c;
    }

    public String defaultCustomer(final Segment segment) {
        return segment == Segment.B2B ? defaultB2bCustomer : defaultB2cCustomer;
    }

    /** A customer template given as JSON text; null when blank, IllegalArgumentException when not a JSON object. */
    public static ObjectNode template(final String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            if (MAPPER.readTree(json) instanceof ObjectNode template) {
                return template;
            }
        } catch (final IOException e) {
            throw new IllegalArgumentException("Customer Template is not a JSON object", e);
        }
        throw new IllegalArgumentException("Customer Template is not a JSON object");
    }

    public static CustomerPolicy defaultCustomers(final String b2c, final String b2b) {
        return new CustomerPolicy(List.of(CustomerMatch.DEFAULT), List.of(CustomerMatch.EXTERNAL_ID, CustomerMatch.DEFAULT), b2c, b2b, null);
    }
}
