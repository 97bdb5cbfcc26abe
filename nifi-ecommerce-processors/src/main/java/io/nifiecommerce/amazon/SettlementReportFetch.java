package io.nifiecommerce.amazon;

import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ErrorClass;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * Fetches each settlement report Amazon generated (GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2; they cannot be
 * requested, Amazon publishes one per settlement period) exactly once: getReports from a createdSince watermark less an
 * overlap, then, for each DONE report not fetched yet, getReportDocument and its pre-signed URL, decompressed when
 * GZIP.
 * <p>
 * The state is the watermark and the reportIds fetched (with their createdTime, so that an id is forgotten once the
 * overlap no longer reaches it). The watermark moves to the end of a run's window only when the run went through every
 * report; it stops at the oldest report still IN_QUEUE or IN_PROGRESS, so that it is seen again once DONE. A run stopped
 * by a spent usage plan or a transient failure keeps what it fetched; the next run lists the window again and skips it.
 */
public final class SettlementReportFetch {

    public static final String REPORT_TYPE = "GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2";
    /** Amazon keeps reports 90 days: an earlier createdSince finds nothing more. */
    public static final Duration RETENTION = Duration.ofDays(90);
    static final String WATERMARK = "createdSince";
    static final String FETCHED = "fetched";

    /** Where reports go: a document's content, or a report that cannot be fetched with the reason (then not tried again). */
    public interface Sink {
        void report(ReportsV20210630.Report report, byte[] content);

        void failed(ReportsV20210630.Report report, String code, String message);
    }

    /** The state to store with what was emitted, how many reports were emitted, and what stopped the run early (null if nothing). */
    public record Outcome(Map<String, String> state, int emitted, String stoppedBy) {
    }

    private final ReportsV20210630 api;
    private final Duration overlap;

    public SettlementReportFetch(final ReportsV20210630 api, final Duration overlap) {
        this.api = api;
        this.overlap = overlap;
    }

    /**
     * One run. {@link ErrorClass#AUTHENTICATION} failures are thrown (nothing to keep); a transient failure while listing
     * ends the run with the state unchanged.
     */
    public Outcome run(final Map<String, String> stored, final Instant now, final Instant initialSince, final Sink sink) {
        final Instant watermark = stored.containsKey(WATERMARK) ? Instant.parse(stored.get(WATERMARK)) : initialSince;
        final Map<String, Instant> fetched = fetched(stored.get(FETCHED));
        final Instant oldest = now.minus(RETENTION);
        final Instant since = latest(watermark.minus(overlap), oldest);
        final List<ReportsV20210630.Report> reports;
        try {
            reports = new ArrayList<>(api.reports(REPORT_TYPE, since, now));
        } catch (final ApiException e) {
            if (e.errorClass() == ErrorClass.AUTHENTICATION) {
                throw e;
            }
            return new Outcome(Map.copyOf(stored), 0, e.code());
        }
        reports.sort(Comparator.comparing(ReportsV20210630.Report::createdTime));
        Instant next = now;
        int emitted = 0;
        String stoppedBy = null;
        for (final ReportsV20210630.Report report : reports) {
            if (fetched.containsKey(report.reportId())) {
                continue;
            }
            switch (report.processingStatus()) {
                case "DONE" -> {
                    try {
                        final byte[] content = fetch(report);
                        if (content != null) {
                            sink.report(report, content);
                            emitted++;
                        } else {
                            sink.failed(report, "UNSUPPORTED_COMPRESSION", "Report " + report.reportId() + " is compressed with an algorithm the bundle does not read");
                        }
                    } catch (final ApiException e) {
                        if (e.errorClass() == ErrorClass.AUTHENTICATION) {
                            throw e;
                        }
                        if (e.errorClass() == ErrorClass.TRANSIENT) {
                            stoppedBy = e.code();
                            break;
                        }
                        sink.failed(report, e.code(), e.getMessage());
                    } catch (final IOException e) {
                        sink.failed(report, "BAD_DOCUMENT", "Report " + report.reportId() + "'s document cannot be decompressed: " + e.getMessage());
                    }
                    fetched.put(report.reportId(), report.createdTime());
                }
                case "FATAL" -> {
                    sink.failed(report, "REPORT_FATAL", "Amazon stopped generating report " + report.reportId() + " (FATAL)"
                            + (report.reportDocumentId() == null ? "" : "; its document " + report.reportDocumentId() + " may say why"));
                    fetched.put(report.reportId(), report.createdTime());
                }
                case "IN_QUEUE", "IN_PROGRESS" -> next = earliest(next, report.createdTime());
                default -> {
                    // CANCELLED: Amazon had no data to report
                }
            }
            if (stoppedBy != null) {
                break;
            }
        }
        final Instant nextWatermark = stoppedBy == null ? next : watermark;
        final Instant nextSince = latest(nextWatermark.minus(overlap), oldest);
        final Map<String, String> state = new HashMap<>();
        state.put(WATERMARK, nextWatermark.toString());
        state.put(FETCHED, fetched.entrySet().stream().filter(e -> !e.getValue().isBefore(nextSince))
                .map(e -> e.getKey() + "@" + e.getValue()).sorted().collect(Collectors.joining(",")));
        return new Outcome(state, emitted, stoppedBy);
    }

    /** The document's bytes, decompressed; null when Amazon compressed it with something other than GZIP. */
    private byte[] fetch(final ReportsV20210630.Report report) throws IOException {
        if (report.reportDocumentId() == null) {
            throw new ApiException(ErrorClass.PERMANENT, 200, "NO_DOCUMENT", "getReports listed DONE report " + report.reportId()
                    + " without a reportDocumentId");
        }
        final ReportsV20210630.Document document = api.document(report.reportDocumentId());
        final byte[] bytes = api.client().download(document.url());
        if (document.compressionAlgorithm() == null) {
            return bytes;
        }
        if (!document.compressionAlgorithm().equals("GZIP")) {
            return null;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    private static Map<String, Instant> fetched(final String stored) {
        final Map<String, Instant> fetched = new LinkedHashMap<>();
        if (stored != null && !stored.isEmpty()) {
            for (final String entry : stored.split(",")) {
                final int at = entry.lastIndexOf('@');
                fetched.put(entry.substring(0, at), Instant.parse(entry.substring(at + 1)));
            }
        }
        return fetched;
    }

    private static Instant latest(final Instant a, final Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earliest(final Instant a, final Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
