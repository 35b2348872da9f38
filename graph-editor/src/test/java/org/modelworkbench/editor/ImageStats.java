package org.modelworkbench.editor;

import java.util.HashMap;
import java.util.Map;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.paint.Color;

/**
 * What a snapshot shows, in numbers that a test can check: its size, its mean brightness (a dark
 * theme is dark), and the share of pixels that differ from the most common colour (a canvas with
 * blocks on it is not one flat background).
 */
public record ImageStats(int width, int height, double meanBrightness, double drawnShare) {

    /** Every pixel of the image (fine for window-sized snapshots). */
    public static ImageStats of(Image image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        PixelReader px = image.getPixelReader();
        Map<Integer, Integer> counts = new HashMap<>();
        double brightness = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
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
