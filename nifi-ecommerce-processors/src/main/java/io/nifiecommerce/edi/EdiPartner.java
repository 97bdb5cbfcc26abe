package io.nifiecommerce.edi;

import java.util.Objects;

/**
 * The envelope identities of one trading relationship, seen from the side that writes: who sends (us) and who
 * receives (the 3PL, a retail buyer).
 *
 * @param syntax EDIFACT or X12
 * @param senderId our interchange id (EDIFACT UNB S002 0004, X12 ISA06); a GLN in EANCOM
 * @param senderQualifier EDIFACT 0007 (14 = GLN, ZZ = mutually defined), X12 ISA05 (ZZ, 01, 12...)
 * @param receiverId the partner's interchange id (UNB S003 0010, ISA08)
 * @param receiverQualifier as senderQualifier, for the partner
 * @param test whether the interchange is a test (UNB 0035 = 1, ISA15 = T)
 */
public record EdiPartner(EdiSyntax syntax, String senderId, String senderQualifier, String receiverId, String receiverQualifier,
                         boolean test) {

    public EdiPartner {
        Objects.requireNonNull(syntax, "syntax");
        senderId = required(senderId, "senderId");
        receiverId = required(receiverId, "receiverId");
        senderQualifier = blankToDefault(senderQualifier, syntax == EdiSyntax.EDIFACT ? "14" : "ZZ");
        receiverQualifier = blankToDefault(receiverQualifier, syntax == EdiSyntax.EDIFACT ? "14" : "ZZ");
        if (syntax == EdiSyntax.X12) {
            if (senderId.length() > 15 || receiverId.length() > 15) {
                throw new IllegalArgumentException("X12 interchange ids have at most 15 characters");
            }
            if (senderQualifier.length() != 2 || receiverQualifier.length() != 2) {
                throw new IllegalArgumentException("X12 interchange id qualifiers have 2 characters");
            }
        } else if (senderId.length() > 35 || receiverId.length() > 35) {
            throw new IllegalArgumentException("EDIFACT interchange ids have at most 35 characters");
        }
    }

    /** The same relationship seen from the other side: the partner sends, we receive. */
    public EdiPartner reversed() {
        return new EdiPartner(syntax, receiverId, receiverQualifier, senderId, senderQualifier, test);
    }

    private static String required(final String value, final String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value.trim();
    }

    private static String blankToDefault(final String value, final String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
