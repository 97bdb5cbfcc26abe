package io.nifiecommerce.businesscentral;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.order.Segment;

import java.util.List;

/**
 * How each segment's orders find their BC customer.
 *
 * @param template fields every created customer starts with (e.g. taxAreaId, paymentTermsId, currencyCode); may be null
 */
public record CustomerPolicy(List<CustomerMatch> b2c, List<CustomerMatch> b2b, String defaultB2cCustomer, String defaultB2bCustomer,
                             ObjectNode template) {

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

    public static CustomerPolicy defaultCustomers(final String b2c, final String b2b) {
        return new CustomerPolicy(List.of(CustomerMatch.DEFAULT), List.of(CustomerMatch.EXTERNAL_ID, CustomerMatch.DEFAULT), b2c, b2b, null);
    }
}
