package io.yingji.monitoring.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads telemetry JSON with Jackson's streaming parser (no tree, no reflection): one device's message
 * {@code {"ts": ISO-8601 or epoch ms, "values": {"metric": number, …}}} as sent over MQTT, or an HTTP
 * batch {@code {"readings": [{"device": code, "ts": …, "values": {…}}, …]}}. Each value becomes a
 * {@link Sample}; what cannot be read becomes a {@link Rejection} with its reason, and the rest of the
 * message still counts. A missing {@code ts} means "now" (sensors without a clock).
 */
final class TelemetryParser {

    /** One reading as read, before its device is known. */
    record Sample(String deviceCode, Instant ts, String metric, double value) {
    }

    record Rejection(@Nullable String deviceCode, Reason reason, String detail) {
    }

    enum Reason { MALFORMED, UNKNOWN_DEVICE, DISABLED_DEVICE, NOT_NUMERIC, FUTURE, TOO_OLD, DUPLICATE, NOT_ALLOWED }

    interface Sink {
        void sample(Sample sample);

        void reject(Rejection rejection);
    }

    /** A sink that keeps what it is given, for the pipeline to take as a batch. */
    static final class Collected implements Sink {
        final List<Sample> samples;
        final List<Rejection> rejections = new java.util.ArrayList<>();

        Collected(int expected) {
            samples = new java.util.ArrayList<>(expected);
        }

        @Override
        public void sample(Sample sample) {
            samples.add(sample);
        }

        @Override
        public void reject(Rejection rejection) {
            rejections.add(rejection);
        }
    }

    private static final JsonFactory JSON = new JsonFactory();
    static final int MAX_METRIC_LENGTH = 32;
    static final int MAX_CODE_LENGTH = 64;

    private TelemetryParser() {
    }

    /** One device's message (the device code comes from the MQTT topic). */
    static void parseMessage(String deviceCode, byte[] payload, Instant now, Sink sink) {
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                sink.reject(new Rejection(deviceCode, Reason.MALFORMED, "payload is not a JSON object"));
                return;
            }
            readReading(p, deviceCode, now, sink);
        } catch (JacksonException | DateTimeParseException e) {
            sink.reject(new Rejection(deviceCode, Reason.MALFORMED, brief(e)));
        }
    }

    /** An HTTP batch; a malformed document is refused whole (the caller answers 400). */
    static void parseBatch(byte[] body, Instant now, Sink sink) {
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedBatch("body is not a JSON object");
            }
            boolean sawReadings = false;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (!"readings".equals(name)) {
                    throw new MalformedBatch("unknown field \"" + name + "\"");
                }
                if (value != JsonToken.START_ARRAY) {
                    throw new MalformedBatch("\"readings\" is not an array");
                }
                sawReadings = true;
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    readReading(p, null, now, sink);
                }
            }
            if (!sawReadings) {
                throw new MalformedBatch("\"readings\" is missing");
            }
        } catch (JacksonException | DateTimeParseException e) {
            throw new MalformedBatch(brief(e));
        }
    }

    /** Thrown for an HTTP batch that is not the expected JSON at all. */
    static final class MalformedBatch extends RuntimeException {
        MalformedBatch(String message) {
            super(message, null, false, false);
        }
    }

    /** Reads one {ts, values[, device]} object; the parser is on its START_OBJECT and ends on its END_OBJECT. */
    private static void readReading(JsonParser p, @Nullable String topicDevice, Instant now, Sink sink) {
        String device = topicDevice;
        Instant ts = null;
        // values may come before ts and device: keep them until the object ends (metric names, and each
        // value as a number or, when not numeric, as text — primitive arrays, no boxing)
        String[] metrics = null;
        double[] numbers = null;
        String[] texts = null;
        int count = 0;
        boolean sawValues = false;
        String problem = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken token = p.nextToken();
            switch (name) {
                case "ts" -> {
                    if (token == JsonToken.VALUE_NUMBER_INT) {
                        ts = Instant.ofEpochMilli(p.getLongValue());
                    } else if (token == JsonToken.VALUE_STRING) {
                        ts = parseTime(p.getString());
                    } else {
                        problem = "\"ts\" is neither an ISO-8601 time nor epoch milliseconds";
                        p.skipChildren();
                    }
                }
                case "device" -> {
                    if (token == JsonToken.VALUE_STRING && topicDevice == null) {
                        device = p.getString();
                    } else {
                        p.skipChildren();
                    }
                }
                case "values" -> {
                    if (token != JsonToken.START_OBJECT) {
                        problem = "\"values\" is not an object";
                        p.skipChildren();
                        break;
                    }
                    sawValues = true;
                    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                        String metric = p.currentName();
                        JsonToken v = p.nextToken();
                        if (metrics == null) {
                            metrics = new String[4];
                            numbers = new double[4];
                        } else if (count == metrics.length) {
                            metrics = java.util.Arrays.copyOf(metrics, count * 2);
                            numbers = java.util.Arrays.copyOf(numbers, count * 2);
                            texts = texts == null ? null : java.util.Arrays.copyOf(texts, count * 2);
                        }
                        metrics[count] = metric;
                        if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
                            numbers[count] = p.getDoubleValue();
                        } else {
                            if (texts == null) {
                                texts = new String[metrics.length];
                            }
                            texts[count] = v == JsonToken.VALUE_STRING ? p.getString() : v.name();
                            p.skipChildren();
                        }
                        count++;
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (device == null || device.isBlank() || device.length() > MAX_CODE_LENGTH) {
            sink.reject(new Rejection(device, Reason.MALFORMED, "no device code"));
            return;
        }
        if (problem != null || !sawValues) {
            sink.reject(new Rejection(device, Reason.MALFORMED, problem != null ? problem : "\"values\" is missing"));
            return;
        }
        Instant at = ts == null ? now : ts;
        for (int i = 0; i < count; i++) {
            String metric = metrics[i];
            if (metric.isEmpty() || metric.length() > MAX_METRIC_LENGTH) {
                sink.reject(new Rejection(device, Reason.MALFORMED, "metric name must be 1 to " + MAX_METRIC_LENGTH + " characters"));
            } else if (texts == null || texts[i] == null) {
                sink.sample(new Sample(device, at, metric, numbers[i]));
            } else {
                sink.reject(new Rejection(device, Reason.NOT_NUMERIC, metric + " = " + shorten(texts[i])));
            }
        }
    }

    private static Instant parseTime(String text) {
        if (text.endsWith("Z") || text.endsWith("z")) {
            return Instant.parse(text);
        }
        return OffsetDateTime.parse(text).toInstant();
    }

    private static String brief(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return shorten(newline > 0 ? message.substring(0, newline) : message);
    }

    static String shorten(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    static String snippet(byte[] payload) {
        return shorten(new String(payload, 0, Math.min(payload.length, 400), StandardCharsets.UTF_8));
    }
}
