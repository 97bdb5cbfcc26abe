package io.nifiecommerce.edi;

/**
 * What a writer wrote: the references a partner's answer (CONTRL, 997, DESADV) will quote.
 *
 * @param controlReference UNB 0020 / ISA13
 * @param groupReference GS06 for X12, null for EDIFACT
 * @param messageReference UNH 0062 / ST02 of the (first) message
 * @param messages the number of messages in the interchange
 */
public record WrittenInterchange(String controlReference, String groupReference, String messageReference, int messages) {
}
