package org.modelworkbench.trainer.probe;

import org.modelworkbench.trainer.capture.AttentionMap;

/**
 * One attention op's post-softmax probabilities with what a view needs to place them on the image
 * (views-exact.md §1 and §2).
 *
 * @param map          the probabilities: global B×h×N×N (ViT/DeiT, N = prefixTokens + gridHeight·gridWidth,
 *                     prefix tokens first), or windowed B×windows×h×M²×M² with {@link AttentionMap#windows()}
 *                     (Swin)
 * @param prefixTokens tokens before the patches (1 for a class token, 2 with a distillation token, 0 for Swin),
 *                     which rollout keeps as its query row and mean attention distance drops
 * @param gridHeight   patch rows of the map the op attends over (Swin: the stage's map height)
 * @param gridWidth    patch columns
 * @param patchSize    input pixels per patch side at this op (Swin: grows by 2 each stage), the unit of
 *                     the mean attention distance
 */
public record AttentionLayer(AttentionMap map, int prefixTokens, int gridHeight, int gridWidth, int patchSize) {
    public String op() {
        return map.op();
    }
}
