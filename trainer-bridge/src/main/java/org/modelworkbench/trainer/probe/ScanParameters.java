package org.modelworkbench.trainer.probe;

import org.modelworkbench.trainer.capture.CapturedTensor;

/**
 * The input-dependent parameters of one selective scan (mamba.selective_scan), as the hidden-attention
 * view needs them (views-exact.md §4). K is the number of scan directions: 4 for VMamba's SS2D (k = 0
 * row-major, 1 column-major, 2 and 3 those reversed), 2 for its bidirectional variant, 1 for Mamba's 1-D
 * mixer. D = d_inner channels, S = d_state, L = sequence length.
 *
 * @param op         the scan op's path
 * @param delta      Δ after softplus (bias added before it): B×K×D×L
 * @param a          A = −exp(A_logs): K×D×S (negative)
 * @param b          B: B×K×S×L (shared across the D channels)
 * @param c          C: B×K×S×L
 * @param u          the scanned input x of y = Σ α x: B×K×D×L, each direction already in its scan order
 * @param directions K
 * @param height     H of the 2-D map the sequence was scanned from (1 for a 1-D sequence)
 * @param width      W of that map (L for a 1-D sequence); L = H·W
 */
public record ScanParameters(String op, CapturedTensor delta, CapturedTensor a, CapturedTensor b, CapturedTensor c,
                             CapturedTensor u, int directions, int height, int width) {
    public int length() {
        return height * width;
    }
}
