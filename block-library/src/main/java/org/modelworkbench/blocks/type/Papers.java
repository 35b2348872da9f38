package org.modelworkbench.blocks.type;

/** The papers behind the blocks. */
public final class Papers {
    private Papers() {
    }

    public static final Paper LECUN_1998 = new Paper("LeCun et al., Gradient-based learning applied to document recognition, Proc. IEEE 1998", "https://doi.org/10.1109/5.726791");
    public static final Paper DILATED_2016 = new Paper("Yu & Koltun, Multi-scale context aggregation by dilated convolutions, ICLR 2016", "https://arxiv.org/abs/1511.07122");
    public static final Paper XCEPTION_2017 = new Paper("Chollet, Xception: Deep learning with depthwise separable convolutions, CVPR 2017", "https://arxiv.org/abs/1610.02357");
    public static final Paper BATCH_NORM = new Paper("Ioffe & Szegedy, Batch normalization, ICML 2015", "https://arxiv.org/abs/1502.03167");
    public static final Paper LAYER_NORM = new Paper("Ba, Kiros & Hinton, Layer normalization, 2016", "https://arxiv.org/abs/1607.06450");
    public static final Paper GROUP_NORM = new Paper("Wu & He, Group normalization, ECCV 2018", "https://arxiv.org/abs/1803.08494");
    public static final Paper LAYER_SCALE = new Paper("Touvron et al., Going deeper with image transformers (CaiT), ICCV 2021", "https://arxiv.org/abs/2103.17239");
    public static final Paper RELU = new Paper("Nair & Hinton, Rectified linear units improve restricted Boltzmann machines, ICML 2010", "");
    public static final Paper GELU = new Paper("Hendrycks & Gimpel, Gaussian error linear units (GELUs), 2016", "https://arxiv.org/abs/1606.08415");
    public static final Paper SILU = new Paper("Ramachandran, Zoph & Le, Searching for activation functions, 2017", "https://arxiv.org/abs/1710.05941");
    public static final Paper MOBILENET_V3 = new Paper("Howard et al., Searching for MobileNetV3, ICCV 2019", "https://arxiv.org/abs/1905.02244");
    public static final Paper DROPOUT = new Paper("Srivastava et al., Dropout: a simple way to prevent neural networks from overfitting, JMLR 2014", "https://jmlr.org/papers/v15/srivastava14a.html");
    public static final Paper DROP_PATH = new Paper("Huang et al., Deep networks with stochastic depth, ECCV 2016", "https://arxiv.org/abs/1603.09382");
    public static final Paper RESNET = new Paper("He, Zhang, Ren & Sun, Deep residual learning for image recognition, CVPR 2016", "https://arxiv.org/abs/1512.03385");
    public static final Paper RESNEXT = new Paper("Xie et al., Aggregated residual transformations for deep neural networks (ResNeXt), CVPR 2017", "https://arxiv.org/abs/1611.05431");
    public static final Paper WIDE_RESNET = new Paper("Zagoruyko & Komodakis, Wide residual networks, BMVC 2016", "https://arxiv.org/abs/1605.07146");
    public static final Paper MOBILENET_V2 = new Paper("Sandler et al., MobileNetV2: inverted residuals and linear bottlenecks, CVPR 2018", "https://arxiv.org/abs/1801.04381");
    public static final Paper EFFICIENTNET = new Paper("Tan & Le, EfficientNet: rethinking model scaling for CNNs, ICML 2019", "https://arxiv.org/abs/1905.11946");
    public static final Paper SQUEEZE_EXCITATION = new Paper("Hu, Shen & Sun, Squeeze-and-excitation networks, CVPR 2018", "https://arxiv.org/abs/1709.01507");
    public static final Paper CONVNEXT = new Paper("Liu et al., A ConvNet for the 2020s (ConvNeXt), CVPR 2022", "https://arxiv.org/abs/2201.03545");
    public static final Paper TRANSFORMER = new Paper("Vaswani et al., Attention is all you need, NeurIPS 2017", "https://arxiv.org/abs/1706.03762");
    public static final Paper VIT = new Paper("Dosovitskiy et al., An image is worth 16x16 words (ViT), ICLR 2021", "https://arxiv.org/abs/2010.11929");
    public static final Paper DEIT = new Paper("Touvron et al., Training data-efficient image transformers & distillation through attention (DeiT), ICML 2021", "https://arxiv.org/abs/2012.12877");
    public static final Paper SWIN = new Paper("Liu et al., Swin Transformer: hierarchical vision transformer using shifted windows, ICCV 2021", "https://arxiv.org/abs/2103.14030");
    public static final Paper FOCALNET = new Paper("Yang, Li, Dai & Gao, Focal modulation networks (FocalNet), NeurIPS 2022", "https://arxiv.org/abs/2203.11926");
    public static final Paper MAMBA = new Paper("Gu & Dao, Mamba: linear-time sequence modeling with selective state spaces, 2023", "https://arxiv.org/abs/2312.00752");
    public static final Paper VMAMBA = new Paper("Liu et al., VMamba: visual state space model, NeurIPS 2024", "https://arxiv.org/abs/2401.10166");
    public static final Paper POOLFORMER = new Paper("Yu et al., MetaFormer is actually what you need for vision (PoolFormer), CVPR 2022", "https://arxiv.org/abs/2111.11418");
}
