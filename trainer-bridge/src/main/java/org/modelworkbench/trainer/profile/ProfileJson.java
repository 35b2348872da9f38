package org.modelworkbench.trainer.profile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** A {@link MeasuredProfile} as JSON ({@code workbench profile --measure --json}) and back. */
public final class ProfileJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            // A newer writer may add fields; a reader keeps what it knows.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ProfileJson() {
    }

    public static String write(MeasuredProfile profile) {
        try {
            return MAPPER.writeValueAsString(profile);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a measured profile could not be written as JSON: " + e.getMessage(), e);
        }
    }

    /** Reads what {@link #write} wrote; a text that is not a measured profile is refused, saying why. */
    public static MeasuredProfile read(String json) throws JsonProcessingException {
        // Missing lists fail in the record's constructor, which Jackson reports as a mapping error.
        MeasuredProfile p = MAPPER.readValue(json, MeasuredProfile.class);
        if (p == null) {
            throw JsonMappingException.from((JsonParser) null, "not a measured profile: the text is JSON null");
        }
        return p;
    }
}
