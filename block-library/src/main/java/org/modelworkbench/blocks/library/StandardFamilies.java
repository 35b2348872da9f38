package org.modelworkbench.blocks.library;

import java.util.ArrayList;
import java.util.List;
import org.modelworkbench.blocks.activation.ActivationBlocks;
import org.modelworkbench.blocks.attention.AttentionBlocks;
import org.modelworkbench.blocks.conv.ConvBlocks;
import org.modelworkbench.blocks.convnext.ConvNeXtBlocks;
import org.modelworkbench.blocks.embedding.EmbeddingBlocks;
import org.modelworkbench.blocks.focal.FocalNetBlocks;
import org.modelworkbench.blocks.head.HeadBlocks;
import org.modelworkbench.blocks.io.InputBlocks;
import org.modelworkbench.blocks.linear.LinearBlocks;
import org.modelworkbench.blocks.mamba.MambaBlocks;
import org.modelworkbench.blocks.mbconv.InvertedResidualBlocks;
import org.modelworkbench.blocks.merge.MergeBlocks;
import org.modelworkbench.blocks.norm.NormBlocks;
import org.modelworkbench.blocks.pool.PoolBlocks;
import org.modelworkbench.blocks.poolformer.PoolFormerBlocks;
import org.modelworkbench.blocks.regularization.RegularizationBlocks;
import org.modelworkbench.blocks.resnet.ResNetBlocks;
import org.modelworkbench.blocks.swin.SwinBlocks;
import org.modelworkbench.blocks.tensor.TensorBlocks;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.vit.VitBlocks;

/** The families of the standard library; a new family is one more line here. */
final class StandardFamilies {
    private StandardFamilies() {
    }

    static List<BlockType> all() {
        List<BlockType> all = new ArrayList<>();
        for (List<BlockType> family : List.of(
                InputBlocks.ALL, ConvBlocks.ALL, LinearBlocks.ALL, NormBlocks.ALL, ActivationBlocks.ALL,
                PoolBlocks.ALL, TensorBlocks.ALL, MergeBlocks.ALL, RegularizationBlocks.ALL, EmbeddingBlocks.ALL,
                AttentionBlocks.ALL, HeadBlocks.ALL, ResNetBlocks.ALL, InvertedResidualBlocks.ALL, ConvNeXtBlocks.ALL,
                SwinBlocks.ALL, FocalNetBlocks.ALL, MambaBlocks.ALL, VitBlocks.ALL, PoolFormerBlocks.ALL)) {
            all.addAll(family);
        }
        return all;
    }
}
