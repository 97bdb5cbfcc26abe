package io.nifiecommerce.tracking;

import io.nifiecommerce.edi.EdiSyntaxException;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * Streams the status events of an X12 214 (Transportation Carrier Shipment Status) interchange: one event per
 * AT7 segment, with the shipment's B10 reference (tracking number), SCAC (carrier hint; the ISA sender when there is
 * none) and order reference (L11 qualified PO/CO/ON, else B10 shipment id), the AT7 date, time and time code, and
 * the MS1 place that follows. An L11 qualified 2I or CN inside an LX loop is a package tracking number for that loop's events.
 */
public final class X12ShipmentStatusReader extends StatusMessageReader {


    private String shipmentTracking;
    private String shipmentId;
    private String scac;
    private String order;
    private boolean inLoop;
    private String loopTracking;

    private boolean statusOpen;
    private String code;
    private String reason;
    private String date;
    private String time;
    private String timeCode;
    private int statusSegment;
    private String city;
    private String state;
    private String country;

    private String l11Value;

    public X12ShipmentStatusReader(final ZoneId zone) {
        super(zone);
    }

    @Override
    protected void startSegment(final String tag) throws IOException {
        switch (tag) {
            case "ST" -> {
                emit();
                shipmentTracking = null;
                shipmentId = null;
                scac = null;
                order = null;
                inLoop = false;
                loopTracking = null;
            }
            case "LX" -> {
                emit();
                inLoop = true;
                loopTracking = null;
            }
            case "AT7" -> {
                emit();
                statusOpen = true;
                statusSegment = segmentPosition();
            }
            case "SE" -> emit();
            default -> {
            }
        }
        l11Value = null;
    }

    @Override
    protected void element(final String tag, final int element, final int component, final String value) {
        switch (tag) {
            case "ISA" -> {
                if (element == 6) {
                    interchangeSender = value;
                }
            }
            case "ST" -> {
                if (element == 1 && !"214".equals(value)) {
                    throw new EdiSyntaxException(tag, segmentPosition(), "Transaction set " + value + " is not a 214");
                }
            }
            case "B10" -> {
                switch (element) {
                    case 1 -> shipmentTracking = value;
                    case 2 -> shipmentId = value;
                    case 3 -> scac = value;
                    default -> {
                    }
                }
            }
            case "L11" -> {
                if (element == 1) {
                    l11Value = value;
                } else if (element == 2 && l11Value != null) {
                    if ("2I".equals(value) || "CN".equals(value)) {
                        if (inLoop) {
                            loopTracking = l11Value;
                        } else if (shipmentTracking == null) {
                            shipmentTracking = l11Value;
                        }
                    } else if (("PO".equals(value) || "CO".equals(value) || "ON".equals(value)) && order == null) {
                        order = l11Value;
                    }
                }
            }
            case "AT7" -> {
                switch (element) {
                    case 1 -> code = value;
                    case 2 -> reason = value;
                    case 3 -> {
                        if (code == null) {
                            code = value;
                        }
                    }
                    case 5 -> date = value;
                    case 6 -> time = value;
                    case 7 -> timeCode = value;
                    default -> {
                    }
                }
            }
            case "MS1" -> {
                if (statusOpen) {
                    switch (element) {
                        case 1 -> city = value;
                        case 2 -> state = value;
                        case 3 -> country = value;
                        default -> {
                        }
                    }
                }
            }
            default -> {
            }
        }
    }

    private void emit() throws IOException {
        if (!statusOpen) {
            return;
        }
        OffsetDateTime eventTime = null;
        if (date != null) {
            try {
                eventTime = EventTimes.parseX12(date, time, timeCode, zone);
            } catch (final DateTimeException e) {
                throw new EdiSyntaxException("AT7", statusSegment, "Invalid status date/time [" + date + " " + time + "]");
            }
        }
        final String number = loopTracking != null ? loopTracking : shipmentTracking;
        final String orderReference = order != null ? order : shipmentId;
        // AG "Estimated Delivery" and X2 "Estimated Date and/or Time of Arrival at Consignee's Location" date the estimate
        final OffsetDateTime estimated = "AG".equals(code) || "X2".equals(code) ? eventTime : null;
        final String status = code;
        final String label = reason == null ? null : "reason " + reason;
        final TrackingLocation location = TrackingLocation.of(city, null, country);
        statusOpen = false;
        code = null;
        reason = null;
        date = null;
        time = null;
        timeCode = null;
        city = null;
        state = null;
        country = null;
        // the SCAC of the shipment, else the sender of the interchange
        accept(orderReference, number, scac, status, label, eventTime, location, estimated);
    }
}
