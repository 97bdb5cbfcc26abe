package io.nifiecommerce.processors.edi;

import io.nifiecommerce.edi.AcknowledgmentWriter;
import io.nifiecommerce.edi.EdiInterchange;
import io.nifiecommerce.edi.EdiWriteException;
import io.nifiecommerce.edi.EdiSyntax;
import io.nifiecommerce.edi.EdiSyntaxException;
import io.nifiecommerce.edi.WrittenInterchange;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the EDI processors share: their property and relationship lists, a clock seam for tests, and the memory of
 * what was processed (cluster state entries {@code <prefix><key>} whose value ends with the epoch millis they were
 * written at, dropped after a retention period).
 */
abstract class AbstractEdiProcessor extends AbstractProcessor {

    private final List<PropertyDescriptor> properties;
    private final Set<Relationship> relationships;
    private volatile Clock clock = Clock.systemUTC();

    AbstractEdiProcessor(final List<PropertyDescriptor> properties, final Set<Relationship> relationships) {
        this.properties = properties;
        this.relationships = relationships;
    }

    @Override
    protected final List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return properties;
    }

    @Override
    public final Set<Relationship> getRelationships() {
        return relationships;
    }

    @Override
    public final void onTrigger(final ProcessContext context, final ProcessSession session) {
        final FlowFile input = session.get();
        if (input != null) {
            onTrigger(context, session, input);
        }
    }

    /** Handles one input FlowFile; bad input goes to a relationship with the reason, never out as an exception. */
    abstract void onTrigger(ProcessContext context, ProcessSession session, FlowFile input);

    /** Parses an input stream; an {@link EdiSyntaxException} names the fault. */
    @FunctionalInterface
    interface Parser<T> {
        List<T> parse(InputStream in) throws IOException;
    }

    /**
     * Parses the input; when it is malformed (EDI_SYNTAX, with segment and position), unreadable (PROCESSING_FAILED) or
     * holds nothing of interest ({@code emptyCode}, unless null), sends it to {@code review} and answers null.
     */
    final <T> List<T> parseOrReview(final ProcessSession session, final FlowFile input, final Relationship review, final Parser<T> parser,
                                    final String emptyCode, final String emptyMessage) {
        final List<T> parsed;
        try (InputStream in = session.read(input)) {
            parsed = parser.parse(in);
        } catch (final EdiSyntaxException e) {
            EdiReview.review(session, getLogger(), input, review, "EDI_SYNTAX", e.getMessage(), e);
            return null;
        } catch (final Exception e) {
            EdiReview.review(session, getLogger(), input, review, "PROCESSING_FAILED", String.valueOf(e.getMessage()), null);
            return null;
        }
        if (parsed.isEmpty() && emptyCode != null) {
            EdiReview.review(session, getLogger(), input, review, emptyCode, emptyMessage, null);
            return null;
        }
        return parsed;
    }

    /** Seam for tests. */
    final void setClock(final Clock clock) {
        this.clock = clock;
    }

    final Clock clock() {
        return clock;
    }

    /** The cluster state as a mutable map, without the entries of {@code prefix} older than {@code retentionMillis}. */
    final Map<String, String> loadMemory(final ProcessSession session, final String prefix, final long retentionMillis) throws IOException {
        final Map<String, String> state = new HashMap<>(session.getState(Scope.CLUSTER).toMap());
        final long oldest = clock.millis() - retentionMillis;
        state.entrySet().removeIf(entry -> entry.getKey().startsWith(prefix) && writtenAt(entry.getValue()) < oldest);
        return state;
    }

    private static long writtenAt(final String value) {
        final int at = value.lastIndexOf('@');
        try {
            return Long.parseLong(at < 0 ? value : value.substring(at + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A CONTRL or 997 for each interchange of the input that the partner's Acknowledgment setting asks one for. */
    final void acknowledgeAsAsked(final ProcessContext context, final ProcessSession session, final FlowFile input,
                                  final List<EdiInterchange> interchanges, final Relationship relationship, final Relationship review) {
        final AcknowledgmentOption acknowledgment = context.getProperty(AcknowledgmentOption.PROPERTY).asAllowableValue(AcknowledgmentOption.class);
        final AcknowledgmentWriter writer = new AcknowledgmentWriter(context.getProperty(EdiPartnerProperties.TEST_INDICATOR).asBoolean());
        for (final EdiInterchange interchange : interchanges) {
            if (acknowledgment.wanted(interchange)) {
                try {
                    acknowledge(session, input, writer, interchange, relationship);
                } catch (final EdiWriteException e) {
                    // the interchange was read and its content emitted, but its envelope cannot be echoed in a valid
                    // CONTRL / 997 (a reference too long for UCI, say): a person answers the partner, the data is not held back
                    EdiReview.review(session, getLogger(), session.putAttribute(session.clone(input), "edi.acknowledged.reference",
                            String.valueOf(interchange.controlReference())), review, "ACKNOWLEDGMENT_NOT_WRITTEN",
                            "Interchange " + interchange.controlReference() + " was read, but no acknowledgment could be written: " + e.getMessage(), null);
                }
            }
        }
    }

    /** Writes a CONTRL / 997 accepting the interchange, as a child of the input, to the given relationship. */
    final void acknowledge(final ProcessSession session, final FlowFile input, final AcknowledgmentWriter writer,
                           final EdiInterchange interchange, final Relationship relationship) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final WrittenInterchange written = writer.write(interchange, LocalDateTime.now(clock), bytes);
        FlowFile ack = session.create(input);
        ack = session.importFrom(new ByteArrayInputStream(bytes.toByteArray()), ack);
        final boolean edifact = interchange.syntax() == EdiSyntax.EDIFACT;
        ack = session.putAllAttributes(ack, Map.of(
                CoreAttributes.FILENAME.key(), (edifact ? "CONTRL_" : "997_") + written.controlReference() + ".edi",
                CoreAttributes.MIME_TYPE.key(), edifact ? "application/EDIFACT" : "application/EDI-X12",
                "edi.control.reference", written.controlReference(),
                "edi.acknowledged.reference", interchange.controlReference()));
        session.getProvenanceReporter().create(ack, "Acknowledgment of interchange " + interchange.controlReference());
        session.transfer(ack, relationship);
    }
}
