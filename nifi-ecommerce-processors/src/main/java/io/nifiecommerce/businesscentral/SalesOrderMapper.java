package io.nifiecommerce.businesscentral;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.order.Address;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.order.OrderLine;
import io.nifiecommerce.order.ShippingLine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a canonical {@link Order} to a BC salesOrder with its salesOrderLines, for one deep insert.
 *
 * <p>Amounts are exact to the cent: each line is sent as quantity, unit price and line discount such
 * that {@code quantity x unitPrice - discountAmount} equals the order line's net amount on the basis
 * chosen. Converting to tax-excluded prices uses the line's own tax amount (not a recomputed rate),
 * and puts the cent left over by rounding the unit price into the line discount, which is never
 * negative. An order-level discount not allocated to lines goes to the header's discountAmount.
 * Names and addresses that do not fit BC's fields are truncated and reported, not refused.
 */
public final class SalesOrderMapper {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z]+)}");
    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private final MappingOptions options;

    public SalesOrderMapper(final MappingOptions options) {
        this.options = options;
    }

    public MappingOptions options() {
        return options;
    }

    /** The external document number the template gives for the order, cut to BC's 35 characters. */
    public String externalDocumentNumber(final Order order) {
        return FieldLength.fit(render(order), FieldLength.EXTERNAL_DOCUMENT_NUMBER, "externalDocumentNumber", new ArrayList<>());
    }

    /**
     * @param customerNumber the BC customer resolved for the order
     * @param itemNumbers BC item number of each order line, in line order
     */
    public SalesOrderDraft map(final Order order, final String customerNumber, final List<String> itemNumbers) {
        if (itemNumbers.size() != order.lines().size()) {
            throw new IllegalArgumentException("one item number per line expected");
        }
        final List<String> cut = new ArrayList<>();
        final ObjectNode body = BusinessCentralClient.MAPPER.createObjectNode();
        final String externalDocumentNumber = FieldLength.fit(render(order), FieldLength.EXTERNAL_DOCUMENT_NUMBER, "externalDocumentNumber", cut);
        body.put("externalDocumentNumber", externalDocumentNumber);
        body.put("customerNumber", customerNumber);
        final String date = orderDate(order);
        if (date != null) {
            body.put("orderDate", date);
        }
        body.put("currencyCode", currencyCode(order.currency()));
        final String email = order.email() != null ? order.email() : order.customer() == null ? null : order.customer().email();
        putText(body, "email", email, FieldLength.EMAIL, cut);
        final String phone = firstNonBlank(order.customer() == null ? null : order.customer().phone(),
                order.billingAddress() == null ? null : order.billingAddress().phone(),
                order.shippingAddress() == null ? null : order.shippingAddress().phone());
        putText(body, "phoneNumber", phone, FieldLength.PHONE, cut);
        // billTo* are read-only on BC's salesOrders page (filled from the bill-to customer): sending them is a 400.
        address(body, "sellTo", order.billingAddress(), cut);
        final Address ship = order.shippingAddress();
        if (ship != null) {
            putText(body, "shipToName", firstNonBlank(ship.company(), ship.name()), FieldLength.NAME, cut);
            putText(body, "shipToContact", ship.company() != null && !ship.company().isBlank() ? ship.name() : null, FieldLength.CONTACT, cut);
            address(body, "shipTo", ship, cut);
        }

        final boolean convert = options.priceBasis() == PriceBasis.EXCLUDING_TAX && order.taxesIncluded();
        final ArrayNode lines = body.putArray("salesOrderLines");
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal allocatedDiscount = BigDecimal.ZERO;
        for (int i = 0; i < order.lines().size(); i++) {
            final OrderLine line = order.lines().get(i);
            final BigDecimal gross = money(line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())));
            final BigDecimal discount = money(line.discountAmount());
            allocatedDiscount = allocatedDiscount.add(discount);
            final LineAmounts amounts = convert
                    ? excludingTax(gross, discount, line.taxAmount(), line.taxRate(), line.quantity())
                    : new LineAmounts(line.unitPrice(), discount);
            final ObjectNode node = lines.addObject();
            node.put("lineType", "Item");
            node.put("lineObjectNumber", itemNumbers.get(i));
            putText(node, "description", line.title(), FieldLength.DESCRIPTION, cut, "salesOrderLines[" + i + "].description");
            node.put("quantity", line.quantity());
            node.put("unitPrice", amounts.unitPrice());
            node.put("discountAmount", amounts.discount());
            total = total.add(amounts.net(line.quantity()));
        }
        if (options.shippingLineNumber() != null && !options.shippingLineNumber().isBlank()) {
            for (final ShippingLine shipping : order.shippingLines()) {
                final BigDecimal price = money(shipping.price());
                final BigDecimal discount = money(shipping.discountAmount());
                if (price.signum() == 0 && discount.signum() == 0) {
                    continue;
                }
                allocatedDiscount = allocatedDiscount.add(discount);
                final LineAmounts amounts = convert
                        ? excludingTax(price, discount, shipping.taxAmount(), shipping.taxRate(), 1)
                        : new LineAmounts(price, discount);
                final ObjectNode node = lines.addObject();
                node.put("lineType", options.shippingLineType());
                node.put("lineObjectNumber", options.shippingLineNumber());
                putText(node, "description", firstNonBlank(shipping.title(), shipping.code(), "Shipping"), FieldLength.DESCRIPTION, cut,
                        "salesOrderLines[" + (lines.size() - 1) + "].description");
                node.put("quantity", 1);
                node.put("unitPrice", amounts.unitPrice());
                node.put("discountAmount", amounts.discount());
                total = total.add(amounts.net(1));
            }
        }

        final BigDecimal unallocated = money(order.totalDiscounts()).subtract(allocatedDiscount);
        if (unallocated.signum() > 0) {
            final BigDecimal headerDiscount = convert ? excludingTaxShare(unallocated, order) : unallocated;
            body.put("discountAmount", headerDiscount);
            total = total.subtract(headerDiscount);
        }
        final boolean linesExcludeTax = convert || !order.taxesIncluded();
        final BigDecimal documentTotal = linesExcludeTax ? total.add(money(order.totalTax())) : total;
        final BigDecimal difference = order.totalPrice() == null ? null : money(order.totalPrice()).subtract(money(documentTotal));
        return new SalesOrderDraft(externalDocumentNumber, body, List.copyOf(cut), money(documentTotal), difference);
    }

    /** Unit price and line discount, both in cents, such that quantity x unitPrice - discount is the line's net amount. */
    record LineAmounts(BigDecimal unitPrice, BigDecimal discount) {
        BigDecimal net(final long quantity) {
            return unitPrice.multiply(BigDecimal.valueOf(quantity)).subtract(discount);
        }
    }

    /**
     * Tax-excluded unit price and discount for a line whose gross, discount and tax are given tax-included.
     * The unit price is rounded UP to the cent so that the balancing discount is never negative.
     */
    static LineAmounts excludingTax(final BigDecimal gross, final BigDecimal discount, final BigDecimal taxAmount, final BigDecimal taxRate,
                                    final long quantity) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("a line of quantity " + quantity + " has no unit price excluding tax");
        }
        if (taxRate != null && taxRate.compareTo(BigDecimal.ONE.negate()) <= 0) {
            throw new IllegalArgumentException("tax rate " + taxRate.toPlainString() + " is not a rate");
        }
        final BigDecimal netIncluding = gross.subtract(discount);
        final BigDecimal tax;
        if (taxAmount != null) {
            tax = money(taxAmount);
        } else if (taxRate != null && taxRate.signum() > 0) {
            tax = netIncluding.subtract(netIncluding.divide(BigDecimal.ONE.add(taxRate), 2, RoundingMode.HALF_EVEN));
        } else {
            tax = BigDecimal.ZERO;
        }
        final BigDecimal netExcluding = netIncluding.subtract(tax);
        final BigDecimal discountExcluding;
        if (discount.signum() == 0) {
            discountExcluding = BigDecimal.ZERO;
        } else if (netIncluding.signum() > 0) {
            discountExcluding = discount.multiply(netExcluding).divide(netIncluding, 2, RoundingMode.HALF_UP);
        } else if (taxRate != null) {
            discountExcluding = discount.divide(BigDecimal.ONE.add(taxRate), 2, RoundingMode.HALF_UP);
        } else {
            discountExcluding = discount;
        }
        final BigDecimal units = BigDecimal.valueOf(quantity);
        final BigDecimal unitPrice = netExcluding.add(discountExcluding).divide(units, 2, RoundingMode.CEILING);
        final BigDecimal balancingDiscount = unitPrice.multiply(units).subtract(netExcluding);
        return new LineAmounts(unitPrice, money(balancingDiscount));
    }

    /** The tax-excluded part of an order-level discount, in the proportion of the order's tax. */
    private static BigDecimal excludingTaxShare(final BigDecimal discount, final Order order) {
        final BigDecimal gross = money(order.totalPrice());
        if (gross.signum() <= 0 || order.totalTax() == null) {
            return discount;
        }
        return discount.multiply(gross.subtract(money(order.totalTax()))).divide(gross, 2, RoundingMode.HALF_UP);
    }

    private void address(final ObjectNode body, final String prefix, final Address address, final List<String> cut) {
        if (address == null) {
            return;
        }
        putText(body, prefix + "AddressLine1", address.address1(), FieldLength.ADDRESS_LINE_1, cut);
        putText(body, prefix + "AddressLine2", address.address2(), FieldLength.ADDRESS_LINE_2, cut);
        putText(body, prefix + "City", address.city(), FieldLength.CITY, cut);
        putText(body, prefix + "State", address.province(), FieldLength.STATE, cut);
        putText(body, prefix + "Country", address.countryCode(), FieldLength.COUNTRY, cut);
        putText(body, prefix + "PostCode", address.postalCode(), FieldLength.POST_CODE, cut);
    }

    String currencyCode(final String currency) {
        if (currency == null || currency.isBlank() || currency.trim().equalsIgnoreCase(options.localCurrency())) {
            return "";
        }
        return currency.trim().toUpperCase(Locale.ROOT);
    }

    private static String orderDate(final Order order) {
        final String when = firstNonBlank(order.processedAt(), order.createdAt());
        if (when == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(when).toLocalDate().toString();
        } catch (final DateTimeParseException e) {
            return when.length() >= 10 && when.charAt(4) == '-' ? when.substring(0, 10) : null;
        }
    }

    private String render(final Order order) {
        final Matcher matcher = PLACEHOLDER.matcher(options.externalDocumentTemplate());
        final StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            final String value = switch (matcher.group(1)) {
                case "name" -> order.name();
                case "source" -> order.source();
                case "sourceId" -> order.sourceId();
                case "poNumber" -> order.poNumber();
                case "channel" -> order.channel();
                case "number" -> order.name() == null ? null : order.name().replaceFirst("^#", "");
                default -> null;
            };
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        matcher.appendTail(out);
        final String rendered = out.toString().trim();
        return rendered.isEmpty() ? order.name() : rendered;
    }

    private static void putText(final ObjectNode node, final String field, final String value, final int max, final List<String> cut) {
        putText(node, field, value, max, cut, field);
    }

    private static void putText(final ObjectNode node, final String field, final String value, final int max, final List<String> cut,
                                final String reportAs) {
        if (value == null || value.isBlank()) {
            return;
        }
        node.put(field, FieldLength.fit(value, max, reportAs, cut));
    }

    private static String firstNonBlank(final String... values) {
        for (final String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    static BigDecimal money(final BigDecimal value) {
        return value == null ? ZERO : value.setScale(2, RoundingMode.HALF_EVEN);
    }
}
