package org.modelworkbench.visualizers.curves;

/** What is drawn of a series: its points after decimation, in order of x. */
public record Decimated(double[] xs, double[] ys) {
    public Decimated {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException(xs.length + " x values for " + ys.length + " y values");
        }
    }

    public int size() {
        return xs.length;
    }
}
