package io.nifiecommerce.edi;

import java.util.List;

/**
 * An interchange as read: its envelope identities and its messages.
 *
 * @param syntax EDIFACT or X12
 * @param senderId UNB S002 0004 / ISA06 (trimmed)
 * @param senderQualifier UNB S002 0007 / ISA05
 * @param receiverId UNB S003 0010 / ISA08 (trimmed)
 * @param receiverQualifier UNB S003 0007 / ISA07
 * @param controlReference UNB 0020 / ISA13
 * @param ackRequested UNB 0031 = 1 / ISA14 = 1 (X12: a TA1; a 997 is agreed per partner, not asked in the envelope)
 * @param test UNB 0035 = 1 / ISA15 = T
 * @param groupFunction X12 GS01 (e.g. SW), EDIFACT UNG 0038 when groups are used, else null
 * @param groupReference X12 GS06, EDIFACT UNG 0048, else null
 * @param groupSender X12 GS02, else null
 * @param groupReceiver X12 GS03, else null
 */
public record EdiInterchange(EdiSyntax syntax, String senderId, String senderQualifier, String receiverId, String receiverQualifier,
                             String controlReference, boolean ackRequested, boolean test, String groupFunction, String groupReference,
                             String groupSender, String groupReceiver, List<EdiMessage> messages) {

    public EdiInterchange {
        messages = List.copyOf(messages);
    }
}
