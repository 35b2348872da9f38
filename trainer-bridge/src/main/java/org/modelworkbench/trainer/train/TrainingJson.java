package org.modelworkbench.trainer.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one JSON form of training events and configurations: the worker's protocol lines, the run
 * record's events file and its run.json all use it. One event is one line. NaN and infinities (a
 * statistic that does not apply, a test accuracy not yet known) are written as the strings "NaN",
 * "Infinity"; unknown properties are ignored so that an older app reads a newer worker's lines.
 */
public final class TrainingJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private TrainingJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** One event as one line of JSON (no line break inside). */
    public static String line(TrainingEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a training event could not be written as JSON: " + event, e);
        }
    }

    /** Reads one line written by {@link #line}. */
    public static TrainingEvent event(String line) throws JsonProcessingException {
        return MAPPER.readValue(line, TrainingEvent.class);
    }
}
