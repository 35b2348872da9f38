package org.modelworkbench.blocks.library;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.modelworkbench.blocks.type.BlockType;

/** Every block type by id: what the palette shows and what project files may name. */
public final class BlockLibrary {
    private static final BlockLibrary STANDARD = new BlockLibrary(StandardFamilies.all());

    private final Map<String, BlockType> byId;

    public BlockLibrary(Collection<BlockType> types) {
        Map<String, BlockType> map = new LinkedHashMap<>();
        for (BlockType t : types) {
            if (map.put(t.id(), t) != null) {
                throw new IllegalArgumentException("two block types share the id " + t.id());
            }
        }
        this.byId = Collections.unmodifiableMap(map);
    }

    /** The library every design can use. */
    public static BlockLibrary standard() {
        return STANDARD;
    }

    public Optional<BlockType> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** All types, grouped by category in palette order, then in the order their family declares them. */
    public List<BlockType> types() {
        List<BlockType> list = new ArrayList<>(byId.values());
        list.sort(java.util.Comparator.comparing(BlockType::category)); // stable: keeps family order
        return list;
    }

    public List<String> ids() {
        return types().stream().map(BlockType::id).toList();
    }
}
