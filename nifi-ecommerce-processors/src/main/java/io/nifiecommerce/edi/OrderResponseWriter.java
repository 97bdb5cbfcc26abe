package io.nifiecommerce.edi;

import java.io.OutputStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * Writes an {@link OrderResponse} as an EANCOM ORDRSP D.96A (EAN005): BGM+231 (response number, 29/4/27), DTM+137,
 * RFF+ON (the buyer's order) with DTM+171 (its date), NAD+BY / SU / DP (GLNs, agency 9), then per line LIN (line
 * number, 5/3/7, GTIN), QTY+21 (ordered) and QTY+113 (to be delivered) when the quantity changes; UNS+S, CNT+2.
 * The control number is derived from the buyer, its order and the answer, so answering twice the same way writes the
 * same interchange.
 */
public final class OrderResponseWriter {

    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String MESSAGE_REFERENCE = "0001";

    private final EdiPartner partner;

    /** @param partner our GLN as sender, the buyer's interchange id as receiver (EDIFACT) */
    public OrderResponseWriter(final EdiPartner partner) {
        this.partner = Objects.requireNonNull(partner, "partner");
        if (partner.syntax() != EdiSyntax.EDIFACT) {
            throw new IllegalArgumentException("ORDRSP is an EDIFACT message; the partner's envelope is " + partner.syntax());
        }
    }

    public WrittenInterchange write(final OrderResponse response, final LocalDateTime preparedAt, final OutputStream out) {
        final StringBuilder key = new StringBuilder("ORDRSP|").append(response.buyerGln()).append('|').append(response.orderNumber());
        response.lines().forEach(l -> key.append('|').append(l.status()).append(l.confirmed().stripTrailingZeros().toPlainString()));
        try (InterchangeWriter edi = InterchangeWriter.open(out, partner, ControlNumber.derive(key.toString()), preparedAt, null, false)) {
            edi.startMessage(MESSAGE_REFERENCE, "ORDRSP", "D", "96A", "UN", "EAN005");
            edi.segment("BGM", new String[] {"231"}, Edifact.text("R" + response.orderNumber(), 35, "BGM 1004"), response.responseCode());
            edi.segment("DTM", (Object) new String[] {"137", CCYYMMDD.format(preparedAt), "102"});
            edi.segment("RFF", (Object) new String[] {"ON", Edifact.text(response.orderNumber(), 35, "RFF 1154")});
            if (response.orderDate() != null) {
                edi.segment("DTM", (Object) new String[] {"171", CCYYMMDD.format(response.orderDate()), "102"});
            }
            edi.segment("NAD", "BY", new String[] {response.buyerGln(), null, "9"});
            edi.segment("NAD", "SU", new String[] {partner.senderId(), null, "9"});
            if (response.deliveryGln() != null) {
                edi.segment("NAD", "DP", new String[] {response.deliveryGln(), null, "9"});
            }
            for (final OrderResponse.Line line : response.lines()) {
                edi.segment("LIN", Edifact.text(line.lineNumber(), 6, "LIN 1082"), line.status().code(),
                        line.gtin() == null ? null : new String[] {line.gtin(), "EN"});
                edi.segment("QTY", (Object) new String[] {"21", ShippingOrderWriter.decimal(line.ordered())});
                if (line.status() != OrderResponse.Status.ACCEPTED) {
                    edi.segment("QTY", (Object) new String[] {"113", ShippingOrderWriter.decimal(line.confirmed())});
                }
            }
            edi.segment("UNS", "S");
            edi.segment("CNT", (Object) new String[] {"2", Integer.toString(response.lines().size())});
            edi.endMessage();
            edi.close();
            return new WrittenInterchange(edi.interchangeReference(), null, MESSAGE_REFERENCE, edi.messages());
        }
    }
}
