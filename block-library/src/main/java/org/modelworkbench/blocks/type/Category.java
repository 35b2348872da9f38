package org.modelworkbench.blocks.type;

/** Palette groups, in the order the palette lists them. */
public enum Category {
    INPUT("Input"),
    CONVOLUTION("Convolution"),
    LINEAR("Linear"),
    NORMALIZATION("Normalization & scaling"),
    ACTIVATION("Activation"),
    POOLING("Pooling"),
    TENSOR("Tensor operations"),
    MERGE("Merge"),
    REGULARIZATION("Regularization"),
    EMBEDDING("Embedding"),
    ATTENTION("Attention & MLP"),
    HEAD("Head"),
    RESNET("ResNet"),
    INVERTED_RESIDUAL("Inverted residual (MobileNetV2 / EfficientNet)"),
    CONVNEXT("ConvNeXt"),
    SWIN("Swin Transformer"),
    FOCALNET("FocalNet"),
    MAMBA("Mamba / VMamba"),
    VIT("ViT / DeiT"),
    POOLFORMER("PoolFormer");

    private final String displayName;

    Category(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
