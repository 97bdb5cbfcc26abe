package io.nifiecommerce.tracking;

import java.io.IOException;
import java.io.InputStream;

/**
 * Streams the status events of one feed format to a sink, in constant memory (at most one parcel's events are
 * held). Unreadable input raises {@link TrackingFeedException} and nothing else; IOException means the stream
 * itself failed (or the sink did).
 */
public interface TrackingFeedParser {

    SourceFormat format();

    void parse(InputStream in, TrackingEventSink sink) throws IOException, TrackingFeedException;
}
