package io.nifiecommerce.tracking;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Chronopost tracking SOAP answers ({@code trackSkybillV2Response} of the TrackingServiceWS): one event per
 * {@code listEventInfoComp/events} ({@code code}, {@code eventDate}, {@code eventLabel}, {@code officeLabel},
 * {@code zipCode}) with the list's {@code skybillNumber}, which Chronopost writes after the events, so one list's
 * events are held until it ends. A non-zero {@code errorCode} is a feed error with Chronopost's message. Read with
 * StAX (no DTD, no external entities), element by element.
 */
public final class ChronopostTrackParser implements TrackingFeedParser {

    private static final XMLInputFactory XML = newFactory();
    private static final String CARRIER = "Chronopost";

    private final ZoneId zone;

    public ChronopostTrackParser(final ZoneId zone) {
        this.zone = zone;
    }

    private static XMLInputFactory newFactory() {
        final XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.CHRONOPOST_XML;
    }

    @Override
    public void parse(final InputStream in, final TrackingEventSink sink) throws IOException, TrackingFeedException {
        XMLStreamReader reader = null;
        boolean sawAnswer = false;
        try {
            reader = XML.createXMLStreamReader(in);
            final List<RawTrackingEvent> events = new ArrayList<>();
            String skybill = null;
            String errorCode = null;
            String errorMessage = null;
            String code = null;
            String date = null;
            String label = null;
            String office = null;
            String zip = null;
            boolean inEvent = false;
            while (reader.hasNext()) {
                final int type = reader.next();
                if (type == XMLStreamConstants.START_ELEMENT) {
                    final String name = reader.getLocalName();
                    switch (name) {
                        case "trackSkybillV2Response", "trackSkybillResponse" -> sawAnswer = true;
                        case "events" -> {
                            inEvent = true;
                            code = null;
                            date = null;
                            label = null;
                            office = null;
                            zip = null;
                        }
                        case "code" -> code = inEvent ? text(reader) : code;
                        case "eventDate" -> date = inEvent ? text(reader) : date;
                        case "eventLabel" -> label = inEvent ? text(reader) : label;
                        case "officeLabel" -> office = inEvent ? text(reader) : office;
                        case "zipCode" -> zip = inEvent ? text(reader) : zip;
                        case "skybillNumber" -> skybill = text(reader);
                        case "errorCode" -> errorCode = text(reader);
                        case "errorMessage" -> errorMessage = text(reader);
                        default -> {
                        }
                    }
                } else if (type == XMLStreamConstants.END_ELEMENT) {
                    final String name = reader.getLocalName();
                    if ("events".equals(name) && inEvent) {
                        inEvent = false;
                        events.add(new RawTrackingEvent(null, null, null, code, label, time(date, reader),
                                TrackingLocation.of(office, zip, null)));
                    } else if ("listEventInfoComp".equals(name)) {
                        for (final RawTrackingEvent event : events) {
                            sink.accept(new RawTrackingEvent(null, skybill, CARRIER, event.rawCode(), event.rawLabel(), event.eventTime(),
                                    event.location()));
                        }
                        events.clear();
                        skybill = null;
                    }
                }
            }
            if (errorCode != null && !"0".equals(errorCode)) {
                throw new TrackingFeedException("CARRIER_ERROR", "Chronopost answered errorCode " + errorCode
                        + (errorMessage == null ? "" : ": " + errorMessage));
            }
        } catch (final XMLStreamException e) {
            throw new TrackingFeedException("XML_SYNTAX", "Malformed XML: " + e.getMessage(), null,
                    e.getLocation() == null ? -1 : e.getLocation().getLineNumber(), e);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (final XMLStreamException e) {
                    // nothing held beyond the stream, which the caller closes
                }
            }
        }
        if (!sawAnswer) {
            throw new TrackingFeedException("UNRECOGNISED_CONTENT", "CHRONOPOST_XML feed without a trackSkybillV2Response");
        }
    }

    private static String text(final XMLStreamReader reader) throws XMLStreamException {
        return reader.getElementText().strip();
    }

    private OffsetDateTime time(final String value, final XMLStreamReader reader) throws TrackingFeedException {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return EventTimes.parseIso(value, zone);
        } catch (final DateTimeException e) {
            throw new TrackingFeedException("INVALID_CONTENT", "eventDate at line " + reader.getLocation().getLineNumber()
                    + ": invalid date-time [" + value + "]", "eventDate", reader.getLocation().getLineNumber(), e);
        }
    }
}
