package io.nifiecommerce.tracking;

import java.io.IOException;

/** Receives parsed events one at a time, so a parser never holds a whole feed. */
@FunctionalInterface
public interface TrackingEventSink {

    void accept(RawTrackingEvent event) throws IOException;
}
