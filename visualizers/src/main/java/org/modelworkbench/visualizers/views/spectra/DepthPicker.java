package org.modelworkbench.visualizers.views.spectra;

import java.util.List;
import java.util.Optional;
import org.modelworkbench.visualizers.render.LineChart;
import org.modelworkbench.visualizers.views.Picker;

/**
 * Maps a click on a chart across depth to the layer whose point is nearest in x (within the plot),
 * so clicking a point selects that node in the graph.
 */
public final class DepthPicker implements Picker {
    private final LineChart chart;
    private final List<String> nodes;

    /** @param nodes the node of each category of {@code chart}'s first series, in order */
    public DepthPicker(LineChart chart, List<String> nodes) {
        this.chart = chart;
        this.nodes = List.copyOf(nodes);
    }

    @Override
    public Optional<String> nodeAt(double x, double y) {
        java.awt.Rectangle plot = chart.plotBounds();
        if (nodes.isEmpty() || y < plot.y - 8 || y > plot.y + plot.height + 8 || x < plot.x - 8
                || x > plot.x + plot.width + 8) {
            return Optional.empty();
        }
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < nodes.size(); i++) {
            double d = Math.abs(chart.pixelOf(0, i).getX() - x);
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return Optional.of(nodes.get(best));
    }
}
