package org.modelworkbench.app.gui.prefs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.modelworkbench.app.gui.theme.Theme;

/**
 * The user's settings, kept as a small JSON file in the app data folder: theme, recent projects
 * (newest first), minimap and snapping toggles, window size. A missing or unreadable file gives the
 * defaults; a failed save throws {@link PreferencesException} naming the file and the reason,
 * which the shell shows (settings are a convenience, not a document: nothing else stops).
 */
public final class Preferences {
    public static final int MAX_RECENT = 10;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private Theme theme = Theme.LIGHT;
    private final List<Path> recent = new ArrayList<>();
    private boolean minimap = true;
    private boolean snapToGrid = true;
    private double width = 1400;
    private double height = 900;
    private boolean maximized;

    private Preferences(Path file) {
        this.file = file;
    }

    public static Preferences load(Path file) {
        Preferences p = new Preferences(file);
        if (!Files.isRegularFile(file)) {
            return p;
        }
        try {
            JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            p.theme = Theme.fromName(root.path("theme").asText("")).orElse(Theme.LIGHT);
            for (JsonNode r : root.path("recent")) {
                if (r.isTextual() && p.recent.size() < MAX_RECENT) {
                    p.recent.add(Path.of(r.asText()));
                }
            }
            p.minimap = root.path("minimap").asBoolean(true);
            p.snapToGrid = root.path("snapToGrid").asBoolean(true);
            p.width = clamp(root.path("window").path("width").asDouble(1400), 640, 10000);
            p.height = clamp(root.path("window").path("height").asDouble(900), 480, 10000);
            p.maximized = root.path("window").path("maximized").asBoolean(false);
        } catch (IOException | RuntimeException e) {
            // A damaged settings file must not stop the app: start from the defaults.
            return new Preferences(file);
        }
        return p;
    }

    private static double clamp(double v, double lo, double hi) {
        return Double.isFinite(v) ? Math.max(lo, Math.min(hi, v)) : lo;
    }

    /**
     * Writes the settings (atomically: a temporary file moved over the old one).
     *
     * @throws PreferencesException when they could not be written, naming the file and why
     */
    public void save() throws PreferencesException {
        ObjectNode root = JSON.createObjectNode();
        root.put("theme", theme.name().toLowerCase(java.util.Locale.ROOT));
        ArrayNode r = root.putArray("recent");
        recent.forEach(path -> r.add(path.toString()));
        root.put("minimap", minimap);
        root.put("snapToGrid", snapToGrid);
        ObjectNode w = root.putObject("window");
        w.put("width", width);
        w.put("height", height);
        w.put("maximized", maximized);
        Path tmp = null;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".preferences", ".tmp");
            Files.writeString(tmp, JSON.writeValueAsString(root), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // Only tidying up after the failure reported below.
                }
            }
            throw new PreferencesException(file, PreferencesException.reasonOf(e), e);
        }
    }

    public Path file() {
        return file;
    }

    public Theme theme() {
        return theme;
    }

    public void setTheme(Theme theme) {
        this.theme = theme;
    }

    /** Recent projects, newest first. */
    public List<Path> recent() {
        return List.copyOf(recent);
    }

    /** Puts a project first in the recent list. */
    public void addRecent(Path path) {
        Path p = path.toAbsolutePath().normalize();
        recent.remove(p);
        recent.add(0, p);
        while (recent.size() > MAX_RECENT) {
            recent.remove(recent.size() - 1);
        }
    }

    public void removeRecent(Path path) {
        recent.remove(path);
    }

    public boolean minimap() {
        return minimap;
    }

    public void setMinimap(boolean on) {
        this.minimap = on;
    }

    public boolean snapToGrid() {
        return snapToGrid;
    }

    public void setSnapToGrid(boolean on) {
        this.snapToGrid = on;
    }

    public double width() {
        return width;
    }

    public double height() {
        return height;
    }

    public boolean maximized() {
        return maximized;
    }

    public void setWindow(double width, double height, boolean maximized) {
        this.width = clamp(width, 640, 10000);
        this.height = clamp(height, 480, 10000);
        this.maximized = maximized;
    }
}
