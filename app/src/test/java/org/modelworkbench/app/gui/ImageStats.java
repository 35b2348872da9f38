package org.modelworkbench.app.gui;

import java.util.HashMap;
import java.util.Map;
import javafx.geometry.Bounds;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.paint.Color;

/**
 * What a screenshot (or a region of it) shows, in numbers a test can check: its size, its mean
 * brightness (a dark theme is dark) and the share of pixels that differ from the most common colour
 * (a canvas with blocks on it is not one flat background). graph-editor's tests have the same helper;
 * test classes are not shared between modules.
 */
record ImageStats(int width, int height, double meanBrightness, double drawnShare) {

    static ImageStats of(Image image) {
        return of(image, 0, 0, (int) image.getWidth(), (int) image.getHeight());
    }

    /** The region of the image under {@code bounds} (scene coordinates of a screenshot of the scene root). */
    static ImageStats of(Image image, Bounds bounds) {
        int x0 = (int) Math.max(0, Math.ceil(bounds.getMinX()));
        int y0 = (int) Math.max(0, Math.ceil(bounds.getMinY()));
        int x1 = (int) Math.min(image.getWidth(), Math.floor(bounds.getMaxX()));
        int y1 = (int) Math.min(image.getHeight(), Math.floor(bounds.getMaxY()));
        return of(image, x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
    }

    static ImageStats of(Image image, int x0, int y0, int w, int h) {
        PixelReader px = image.getPixelReader();
        Map<Integer, Integer> counts = new HashMap<>();
        double brightness = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int argb = px.getArgb(x, y);
                counts.merge(argb, 1, Integer::sum);
                brightness += Color.rgb((argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff).getBrightness();
            }
        }
        int n = Math.max(1, w * h);
        int background = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return new ImageStats(w, h, brightness / n, 1.0 - (double) background / n);
    }
}
