package io.nifiecommerce.tracking;

import io.nifiecommerce.edi.EdiSyntaxException;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Set;

/**
 * Streams the status events of an EDIFACT IFTSTA interchange: one event per STS segment, with the consignment's
 * references (RFF+CN carrier reference = tracking number, else RFF+CW package number or RFF+AAS transport
 * document number; RFF+CU consignor reference = order, else the CNI
 * document number), DTM+334 status time, LOC place, FTX text and the carrier party (NAD+CA), else the interchange
 * sender (UNB), as carrier hint.
 * References given before the first STS of a CNI apply to all its statuses.
 */
public final class IftstaReader extends StatusMessageReader {

    private static final Set<String> EDI_DATE_FORMATS = Set.of("102", "203", "204", "303");


    private String carrierParty;
    private String consignmentNumber;
    private String consignmentTracking;
    private String consignmentOrder;
    private int trackingRankInConsignment;
    private int trackingRankInStatus;
    private boolean statusOpen;
    private String statusCode;
    private String tracking;
    private String order;
    private String dateValue;
    private String dateFormat;
    private int dateSegment;
    private String city;
    private String postalCode;
    private String country;
    private StringBuilder text;

    private String qualifier;
    private String pendingValue;

    public IftstaReader(final ZoneId zone) {
        super(zone);
    }

    @Override
    protected void startSegment(final String tag) throws IOException {
        switch (tag) {
            case "UNH" -> {
                emit();
                carrierParty = null;
                resetConsignment();
            }
            case "CNI" -> {
                emit();
                resetConsignment();
            }
            case "STS" -> {
                emit();
                statusOpen = true;
            }
            case "UNT" -> emit();
            default -> {
            }
        }
        qualifier = null;
        pendingValue = null;
    }

    @Override
    protected void element(final String tag, final int element, final int component, final String value) {
        switch (tag) {
            case "UNB" -> {
                if (element == 2 && component == 1) {
                    interchangeSender = value;
                }
            }
            case "UNH" -> {
                if (element == 2 && component == 1 && !"IFTSTA".equals(value)) {
                    throw new EdiSyntaxException(tag, segmentPosition(), "Message type " + value + " is not IFTSTA");
                }
            }
            case "NAD" -> {
                if (element == 1) {
                    qualifier = value;
                } else if ("CA".equals(qualifier) && ((element == 2 && component == 1) || (element == 4 && carrierParty == null))) {
                    carrierParty = value;
                }
            }
            case "CNI" -> {
                if (element == 2 && component == 1) {
                    consignmentNumber = value;
                }
            }
            case "STS" -> {
                if (element == 2 && component == 1) {
                    statusCode = value;
                }
            }
            case "RFF" -> {
                if (element == 1 && component == 1) {
                    qualifier = value;
                } else if (element == 1 && component == 2) {
                    reference(qualifier, value);
                }
            }
            case "DTM" -> {
                if (element == 1 && component == 1) {
                    qualifier = value;
                } else if (element == 1 && "334".equals(qualifier) && statusOpen) {
                    if (component == 2) {
                        dateValue = value;
                        dateSegment = segmentPosition();
                    } else if (component == 3) {
                        dateFormat = value;
                    }
                }
            }
            case "LOC" -> {
                if (statusOpen && element == 2) {
                    if (component == 1) {
                        postalCode = value;
                    } else if (component == 4) {
                        city = value;
                    }
                } else if (statusOpen && element == 3 && component == 1 && value.length() == 2) {
                    country = value;
                }
            }
            case "FTX" -> {
                if (statusOpen && element == 4) {
                    if (text == null) {
                        text = new StringBuilder(value);
                    } else {
                        text.append(' ').append(value);
                    }
                }
            }
            default -> {
            }
        }
    }

    /**
     * How much a reference qualifier is worth as the parcel's tracking number: CN (carrier's reference number) first,
     * then CW (package number, as UPS Quantum View writes its 1Z numbers), then AAS (transport document number, the
     * waybill of forwarders such as DSV).
     */
    private static int trackingRank(final String referenceQualifier) {
        if (referenceQualifier == null) {
            return 0;
        }
        return switch (referenceQualifier) {
            case "CN" -> 3;
            case "CW" -> 2;
            case "AAS" -> 1;
            default -> 0;
        };
    }

    private void reference(final String referenceQualifier, final String value) {
        final int rank = trackingRank(referenceQualifier);
        if (rank > 0 && !value.isEmpty()) {
            if (statusOpen) {
                if (rank > trackingRankInStatus) {
                    tracking = value;
                    trackingRankInStatus = rank;
                }
            } else if (rank > trackingRankInConsignment) {
                consignmentTracking = value;
                trackingRankInConsignment = rank;
            }
        } else if ("CU".equals(referenceQualifier)) {
            if (statusOpen) {
                order = value;
            } else {
                consignmentOrder = value;
            }
        }
    }

    private void resetConsignment() {
        consignmentNumber = null;
        consignmentTracking = null;
        consignmentOrder = null;
        trackingRankInConsignment = 0;
        resetStatus();
    }

    private void resetStatus() {
        statusOpen = false;
        statusCode = null;
        tracking = null;
        trackingRankInStatus = 0;
        order = null;
        dateValue = null;
        dateFormat = null;
        city = null;
        postalCode = null;
        country = null;
        text = null;
    }

    private void emit() throws IOException {
        if (!statusOpen) {
            return;
        }
        OffsetDateTime time = null;
        if (dateValue != null) {
            if (dateFormat != null && !EDI_DATE_FORMATS.contains(dateFormat)) {
                throw new EdiSyntaxException("DTM", dateSegment, "Unsupported date-time format " + dateFormat + " (102, 203, 204 or 303 expected)");
            }
            try {
                time = EventTimes.parseEdi(dateValue, zone);
            } catch (final DateTimeException e) {
                throw new EdiSyntaxException("DTM", dateSegment, "Invalid status date-time [" + dateValue + "] (format " + dateFormat + ")");
            }
        }
        // the best reference wins, the status's own on a tie (an RFF+CN of the consignment beats an RFF+AAS of the status)
        final String number = tracking != null && trackingRankInStatus >= trackingRankInConsignment ? tracking
                : consignmentTracking != null ? consignmentTracking : tracking;
        final String orderReference = order != null ? order : consignmentOrder != null ? consignmentOrder : consignmentNumber;
        final String label = text == null ? null : text.toString();
        final TrackingLocation location = TrackingLocation.of(city, postalCode, country);
        final String code = statusCode;
        resetStatus();
        // the carrier named by the message (NAD+CA), else the sender of the interchange
        accept(orderReference, number, carrierParty, code, label, time, location, null);
    }
}
