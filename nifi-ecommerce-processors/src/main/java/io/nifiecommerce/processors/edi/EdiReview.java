package io.nifiecommerce.processors.edi;

import io.nifiecommerce.edi.EdiSyntaxException;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;

import java.util.HashMap;
import java.util.Map;

/** Sends an input someone must look at to the review relationship, untouched, with the reason in attributes. */
final class EdiReview {

    private EdiReview() {
    }

    static void review(final ProcessSession session, final ComponentLog logger, final FlowFile input, final Relationship review,
                       final String code, final String message, final EdiSyntaxException syntax) {
        final Map<String, String> attributes = new HashMap<>();
        attributes.put("error.code", code);
        attributes.put("error.message", message == null ? code : message);
        if (syntax != null) {
            if (syntax.segment() != null && !syntax.segment().isEmpty()) {
                attributes.put("error.segment", syntax.segment());
            }
            if (syntax.segmentPosition() >= 0) {
                attributes.put("error.position", String.valueOf(syntax.segmentPosition()));
            }
        }
        logger.warn("{} sent to review: {} {}", input, code, message);
        session.transfer(session.putAllAttributes(input, attributes), review);
    }
}
