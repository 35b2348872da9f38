package org.modelworkbench.visualizers.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.color.ColorMap;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class GridFigureTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /** Five 2×2 channels; channel c holds c everywhere except a peak of 10 in channel 3 at (1, 0). */
    private static FloatTensor channels() {
        float[] v = new float[5 * 4];
        for (int c = 0; c < 5; c++) {
            for (int k = 0; k < 4; k++) {
                v[c * 4 + k] = c;
            }
        }
        v[3 * 4 + 2] = 10;
        return FloatTensor.of(v, 5, 2, 2);
    }

    @Test
    void sharedScalingColoursEveryTileOnOneScaleAndClicksFindTheChannel() {
        GridFigure f = GridFigure.ofChannels(channels()).tileSize(20).columns(3).build();
        assertThat(f.sharedScale()).contains(new ValueScale(0, 10));
        BufferedImage img = f.render();
        Rectangle t3 = f.tileBounds(0, 3);
        assertThat(t3.y).isGreaterThan(f.tileBounds(0, 0).y); // second row of three columns
        assertThat(img.getRGB(t3.x + 5, t3.y + 15)).isEqualTo(ColorMap.VIRIDIS.argb(1));
        assertThat(img.getRGB(t3.x + 5, t3.y + 5)).isEqualTo(ColorMap.VIRIDIS.argb(0.3));
        Rectangle t0 = f.tileBounds(0, 0);
        assertThat(img.getRGB(t0.x + 10, t0.y + 10)).isEqualTo(ColorMap.VIRIDIS.argb(0));
        GridFigure.Hit hit = f.tileAt(t3.x + 3, t3.y + 3).orElseThrow();
        assertThat(hit.tile().index()).isEqualTo(3);
        assertThat(hit.position()).isEqualTo(3);
        assertThat(f.tileAt(t0.x + t0.width + 1, t0.y + 2)).isEmpty(); // the gap between tiles
        assertThat(f.colorBarBounds()).isPresent();
    }

    @Test
    void perTileScalingStretchesEachTileToItsOwnRange() {
        GridFigure f = GridFigure.ofChannels(channels()).tileSize(20).scaling(GridFigure.Scaling.PER_TILE).build();
        assertThat(f.sharedScale()).isEmpty();
        assertThat(f.colorBarBounds()).isEmpty();
        BufferedImage img = f.render();
        Rectangle t3 = f.tileBounds(0, 3);
        assertThat(img.getRGB(t3.x + 5, t3.y + 5)).isEqualTo(ColorMap.VIRIDIS.argb(0));
        assertThat(img.getRGB(t3.x + 5, t3.y + 15)).isEqualTo(ColorMap.VIRIDIS.argb(1));
        Rectangle t1 = f.tileBounds(0, 1); // a constant tile sits in the middle of the map
        assertThat(img.getRGB(t1.x + 5, t1.y + 5)).isEqualTo(ColorMap.VIRIDIS.argb(0.5));
    }

    @Test
    void kernelsGroupedByClusterComeUnderAHeaderWithTheirMeanFirst() {
        // Kernels 0 and 2 in cluster 0, kernel 1 in cluster 1; 1×2 kernels.
        FloatTensor k = FloatTensor.of(new float[] {1, -1, 5, 5, 3, 1}, 3, 1, 2);
        GridFigure f = GridFigure.ofClusters(k, new int[] {0, 1, 0}, List.of("centre-surround", "flat", "unused"))
                .colorMap(ColorMap.RDBU).range(ValueRange.symmetric()).tileSize(16).build();
        assertThat(f.sharedScale()).contains(new ValueScale(-5, 5));
        Rectangle mean0 = f.tileBounds(0, 0);
        GridFigure.Hit hit = f.tileAt(mean0.x + 1, mean0.y + 1).orElseThrow();
        assertThat(hit.tile().index()).isEqualTo(GridFigure.MEAN);
        assertThat(hit.tile().map().values()).containsExactly(2f, 0f);
        assertThat(hit.tile().label()).isEqualTo("mean");
        assertThat(f.tileAt(f.tileBounds(0, 2).x + 1, f.tileBounds(0, 2).y + 1).orElseThrow().tile().index()).isEqualTo(2);
        GridFigure.Hit second = f.tileAt(f.tileBounds(1, 1).x + 1, f.tileBounds(1, 1).y + 1).orElseThrow();
        assertThat(second.group()).isEqualTo(1);
        assertThat(second.tile().index()).isEqualTo(1);
        BufferedImage img = f.render();
        // The mean's right half is 0: white on the diverging map.
        assertThat(img.getRGB(mean0.x + 12, mean0.y + 8)).isEqualTo(0xffffffff);
        assertThatThrownBy(() -> f.tileBounds(2, 0)).isInstanceOf(IllegalArgumentException.class); // empty cluster left out
        // The header of the first group is drawn above its first row.
        assertThat(Pixels.inked(img, mean0.x, mean0.y - 14, 60, 12, 0xffffffff)).isTrue();
    }

    @Test
    void badInputIsRefusedNamingIt() {
        assertThatThrownBy(() -> GridFigure.ofChannels(FloatTensor.zeros(4, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[4, 4]");
        assertThatThrownBy(() -> GridFigure.ofClusters(FloatTensor.zeros(2, 3, 3), new int[] {0, 4}, List.of("a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kernel 1 is in cluster 4");
        assertThatThrownBy(() -> GridFigure.builder().build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one tile");
    }

    @Test
    void theCsvListsEveryCellOfEveryTileWithItsGroupAndIndex() {
        FloatTensor k = FloatTensor.of(new float[] {1, -1, 5, 5, 3, 1}, 3, 1, 2);
        String[] lines = GridFigure.ofClusters(k, new int[] {0, 1, 0}, List.of("a", "b")).build().csv().text().split("\r\n");
        assertThat(lines[0]).isEqualTo("group,index,label,y,x,value");
        assertThat(lines[1]).isEqualTo("a (2),-1,mean,0,0,2.0");
        assertThat(lines[3]).isEqualTo("a (2),0,0,0,0,1.0");
        assertThat(lines).hasSize(1 + 2 * (3 + 2));
        assertThat(lines[lines.length - 1]).isEqualTo("b (1),1,1,0,1,5.0");
    }
}
