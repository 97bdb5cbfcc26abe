package io.nifiecommerce.processors.edi;

import org.apache.nifi.serialization.record.Record;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain maps and lists out of NiFi records, for the NiFi-free core. */
final class RecordMaps {

    private RecordMaps() {
    }

    static Map<String, Object> toMap(final Record record) {
        final Map<String, Object> map = new LinkedHashMap<>();
        for (final String field : record.getRawFieldNames()) {
            map.put(field, plain(record.getValue(field)));
        }
        return map;
    }

    private static Object plain(final Object value) {
        if (value instanceof Record nested) {
            return toMap(nested);
        }
        if (value instanceof Object[] array) {
            final List<Object> list = new ArrayList<>(array.length);
            for (final Object element : array) {
                list.add(plain(element));
            }
            return list;
        }
        if (value instanceof List<?> values) {
            return values.stream().map(RecordMaps::plain).toList();
        }
        return value;
    }
}
