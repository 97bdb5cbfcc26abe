package io.nifiecommerce.tracking;

import io.nifiecommerce.edi.EdiSyntaxException;

import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneId;

/** IFTSTA and X12 214 feeds through the StAEDI readers, with EDI errors reported as feed errors. */
public final class EdiFeedParser implements TrackingFeedParser {

    private final SourceFormat format;
    private final ZoneId zone;

    public EdiFeedParser(final SourceFormat format, final ZoneId zone) {
        if (format != SourceFormat.IFTSTA && format != SourceFormat.X12_214) {
            throw new IllegalArgumentException("Not an EDI format: " + format);
        }
        this.format = format;
        this.zone = zone;
    }

    @Override
    public SourceFormat format() {
        return format;
    }

    @Override
    public void parse(final InputStream in, final TrackingEventSink sink) throws IOException, TrackingFeedException {
        try {
            if (format == SourceFormat.IFTSTA) {
                new IftstaReader(zone).read(in, sink);
            } else {
                new X12ShipmentStatusReader(zone).read(in, sink);
            }
        } catch (final EdiSyntaxException e) {
            throw new TrackingFeedException("EDI_SYNTAX", e.getMessage(), e.getSegment(), e.getSegmentPosition(), e);
        }
    }
}
