package io.docketsync.connector.messaging;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Values from a request body in a log line: control characters escaped (a newline cannot forge a second line),
 * long values and long lists cut. */
final class LogSafe {
    static final int MAX_VALUE = 80;
    static final int MAX_VALUES = 5;

    private LogSafe() {
    }

    static String value(String v) {
        if (v == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder(Math.min(v.length(), MAX_VALUE) + 8);
        for (int i = 0; i < v.length() && i < MAX_VALUE; i++) {
            char c = v.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return v.length() > MAX_VALUE ? out.append("…").toString() : out.toString();
    }

    /** e.g. {@code unknown-subscription ×3 [a, b, c]; client-state-mismatch ×1 [d]} */
    static String summary(Map<String, List<String>> valuesByReason) {
        return valuesByReason.entrySet().stream().map(e -> {
            List<String> values = e.getValue();
            String shown = values.stream().limit(MAX_VALUES).map(LogSafe::value).collect(Collectors.joining(", "));
            return e.getKey() + " ×" + values.size() + " [" + shown + (values.size() > MAX_VALUES ? ", …" : "") + "]";
        }).collect(Collectors.joining("; "));
    }
}
