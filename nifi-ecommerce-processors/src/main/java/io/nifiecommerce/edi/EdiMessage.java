package io.nifiecommerce.edi;

import java.util.List;

/**
 * One message (EDIFACT UNH..UNT, X12 ST..SE) of an interchange, header and trailer included.
 *
 * @param type UNH S009 0065 (ORDERS, DESADV...) or ST01 (940, 945...)
 * @param reference UNH 0062 or ST02
 * @param version EDIFACT S009 0052 + 0054 (e.g. D96A) or the X12 GS08 version (e.g. 004010)
 * @param association EDIFACT S009 0057 (EANCOM subset, e.g. EAN008), null for X12
 */
public record EdiMessage(String type, String reference, String version, String association, List<EdiSegment> segments) {

    public EdiMessage {
        segments = List.copyOf(segments);
    }

    /** The message's header segment (UNH or ST). */
    public EdiSegment header() {
        return segments.get(0);
    }
}
