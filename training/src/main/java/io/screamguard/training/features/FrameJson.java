package io.screamguard.training.features;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes frame-level arrays as {@code {"sample_rate": SR, "features": {name: [[row][frame]]}}}. */
final class FrameJson {
    private FrameJson() {
    }

    static void write(Writer out, int sampleRate, Map<String, double[][]> features) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        mapper.getFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("sample_rate", sampleRate);
        root.put("features", features);
        mapper.writeValue(out, root);
        out.write(System.lineSeparator());
        out.flush();
    }
}
