package io.nifiecommerce.tracking;

import io.nifiecommerce.edi.EdiStatusStream;

import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * What the EDI status readers (IFTSTA, X12 214) share: the zone of times written without an offset, the sink the
 * events go to, and the interchange sender, the carrier named last: a carrier's own feed names no carrier in its
 * messages, its interchange says who sent it.
 */
abstract class StatusMessageReader extends EdiStatusStream {

    protected final ZoneId zone;
    private TrackingEventSink sink;
    /** UNB sender or ISA06, as read. */
    protected String interchangeSender;

    StatusMessageReader(final ZoneId zone) {
        this.zone = zone;
    }

    public final void read(final InputStream in, final TrackingEventSink eventSink) throws IOException {
        this.sink = eventSink;
        stream(in);
    }

    @Override
    protected void endSegment(final String tag) {
    }

    /** Sends one status event; {@code carrier} is the carrier the message names, else the interchange sender is. */
    protected final void accept(final String orderReference, final String number, final String carrier, final String code,
                                final String label, final OffsetDateTime time, final TrackingLocation location,
                                final OffsetDateTime estimatedDelivery) throws IOException {
        sink.accept(new RawTrackingEvent(orderReference, number, carrier != null ? carrier : interchangeSender, code, label, time,
                location, estimatedDelivery));
    }
}
