package org.modelworkbench.projects.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Format 2 → 3: format 3 changed defaults that used to be fixed values into "auto" values that follow
 * the kernel or the input (convolution padding, and the layout of norms, layer scale, global pooling
 * and classifier heads). A format 2 file that left such a parameter out meant the old default, so it
 * gets that value written explicitly and keeps exactly its meaning: a 2×2 conv that relied on
 * padding 1 still has padding 1 (and still yields the size it did), a LayerNorm that relied on
 * channels_last still reads the last dimension, now checked against the layout of its input.
 * Composite insides are migrated too.
 */
final class ExplicitOldDefaultsMigration implements Migration {

    /** Block type → (parameter → its format 2 default), for every default that format 3 made "auto". */
    static final Map<String, Map<String, Object>> OLD_DEFAULTS = Map.of(
            "conv.conv2d", Map.of("padding", 1),
            "conv.depthwise", Map.of("padding", 1),
            "norm.layer_norm", Map.of("layout", "channels_last"),
            "norm.layer_scale", Map.of("layout", "channels_last"),
            "pool.global_avg", Map.of("layout", "channels_first"),
            "head.classifier", Map.of("layout", "channels_first"));

    @Override
    public int from() {
        return 2;
    }

    @Override
    public ObjectNode apply(ObjectNode root) {
        migrateNodes(root.get("nodes"));
        JsonNode composites = root.get("composites");
        if (composites != null && composites.isObject()) {
            for (JsonNode definition : composites) {
                if (definition.isObject()) {
                    migrateNodes(definition.get("nodes"));
                }
            }
        }
        return root;
    }

    private static void migrateNodes(JsonNode nodes) {
        if (nodes == null || !nodes.isArray()) {
            return; // the reader reports the malformed file against the migrated tree
        }
        for (JsonNode node : nodes) {
            if (!node.isObject() || !node.path("type").isTextual()) {
                continue;
            }
            Map<String, Object> defaults = OLD_DEFAULTS.get(node.get("type").textValue());
            if (defaults == null) {
                continue;
            }
            ObjectNode n = (ObjectNode) node;
            JsonNode params = n.get("params");
            if (params == null) {
                params = n.putObject("params");
            }
            if (!params.isObject()) {
                continue;
            }
            ObjectNode p = (ObjectNode) params;
            for (Map.Entry<String, Object> d : defaults.entrySet()) {
                if (!p.has(d.getKey())) {
                    if (d.getValue() instanceof Integer i) {
                        p.put(d.getKey(), i);
                    } else {
                        p.put(d.getKey(), (String) d.getValue());
                    }
                }
            }
        }
    }
}
