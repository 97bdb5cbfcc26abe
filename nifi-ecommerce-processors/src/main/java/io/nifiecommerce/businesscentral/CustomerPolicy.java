package io.nifiecommerce.businesscentral;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.order.Segment;

import java.io.IOException;
import java.util.List;

/**
 * How each segment's orders find their BC customer.
 *
 * @param template fields every created customer starts with (e.g. taxAreaId, paymentTermsId, currencyCode); may be null
 */
public record CustomerPolicy(List<CustomerMatch> b2c, List<CustomerMatch> b2b, String defaultB2cCustomer, String defaultB2bCustomer,
                             ObjectNode template) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public CustomerPolicy {
        b2c = List.copyOf(b2c);
        b2b = List.copyOf(b2b);
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
