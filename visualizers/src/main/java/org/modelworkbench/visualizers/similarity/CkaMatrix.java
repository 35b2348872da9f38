package org.modelworkbench.visualizers.similarity;

import java.util.ArrayList;
import java.util.List;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * A layer × layer CKA matrix (the heat-maps of Kornblith et al. 2019 and Raghu et al. 2021), within
 * one design or between two, from features per layer (n, …) for the same n examples, flattened to
 * n × p. Each layer's centred Gram is computed once.
 *
 * @param rows    the row layers' names
 * @param columns the column layers' names
 * @param values  CKA, shape [rows, columns]
 */
public record CkaMatrix(List<String> rows, List<String> columns, FloatTensor values) {
    public CkaMatrix {
        rows = List.copyOf(rows);
        columns = List.copyOf(columns);
        if (values.rank() != 2 || values.dim(0) != rows.size() || values.dim(1) != columns.size()) {
            throw new IllegalArgumentException(rows.size() + "×" + columns.size() + " names for values of shape "
                    + java.util.Arrays.toString(values.shape()));
        }
    }

    /** CKA at (row, column). */
    public double get(int row, int column) {
        return values.get(row, column);
    }

    /** Every layer of one design against every other; symmetric, diagonal 1. */
    public static CkaMatrix within(List<String> names, List<FloatTensor> features, Cka.Estimator estimator) {
        List<CentredGram> g = grams(names, features, estimator);
        int l = g.size();
        double[] self = new double[l];
        for (int i = 0; i < l; i++) {
            self[i] = g.get(i).dot(g.get(i));
        }
        float[] v = new float[l * l];
        for (int i = 0; i < l; i++) {
            for (int j = i; j < l; j++) {
                float c = (float) (g.get(i).dot(g.get(j)) / Math.sqrt(self[i] * self[j]));
                v[i * l + j] = c;
                v[j * l + i] = c;
            }
        }
        return new CkaMatrix(names, names, FloatTensor.of(v, l, l));
    }

    /** Every layer of design A (rows) against every layer of design B (columns), on the same examples. */
    public static CkaMatrix between(List<String> rowNames, List<FloatTensor> rowFeatures, List<String> columnNames,
            List<FloatTensor> columnFeatures, Cka.Estimator estimator) {
        List<CentredGram> a = grams(rowNames, rowFeatures, estimator);
        List<CentredGram> b = grams(columnNames, columnFeatures, estimator);
        if (a.get(0).n() != b.get(0).n()) {
            throw new IllegalArgumentException("the two designs' features cover " + a.get(0).n() + " and " + b.get(0).n()
                    + " examples; CKA needs the same examples on both sides");
        }
        double[] selfA = a.stream().mapToDouble(g -> g.dot(g)).toArray();
        double[] selfB = b.stream().mapToDouble(g -> g.dot(g)).toArray();
        float[] v = new float[a.size() * b.size()];
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < b.size(); j++) {
                v[i * b.size() + j] = (float) (a.get(i).dot(b.get(j)) / Math.sqrt(selfA[i] * selfB[j]));
            }
        }
        return new CkaMatrix(rowNames, columnNames, FloatTensor.of(v, a.size(), b.size()));
    }

    private static List<CentredGram> grams(List<String> names, List<FloatTensor> features, Cka.Estimator estimator) {
        if (names.size() != features.size() || names.isEmpty()) {
            throw new IllegalArgumentException(names.size() + " layer names for " + features.size()
                    + " feature tensors; need the same, at least one");
        }
        List<CentredGram> g = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            CentredGram gram = CentredGram.of(features.get(i), estimator);
            if (!g.isEmpty() && gram.n() != g.get(0).n()) {
                throw new IllegalArgumentException("layer " + names.get(i) + " has " + gram.n() + " examples, layer "
                        + names.get(0) + " has " + g.get(0).n());
            }
            g.add(gram);
        }
        return g;
    }
}
