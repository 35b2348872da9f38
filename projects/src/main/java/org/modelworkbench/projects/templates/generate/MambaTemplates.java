package org.modelworkbench.projects.templates.generate;

import java.util.List;
import java.util.Map;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;

/**
 * Templates of the visual state-space models: VMamba-T (the v2 "s1l8" model at 224×224) and a small
 * VMamba for Fashion-MNIST (1×28×28, 10 classes). Blocks run channels-last (N×H×W×C), as VMamba's
 * LayerNorm variant; VMamba's default LayerNorm2d channels-first variant has the same counts.
 */
public final class MambaTemplates {
    private MambaTemplates() {
    }

    public static List<TemplateSource> all() {
        return List.of(
                new TemplateSource("vmamba-tiny.json", MambaTemplates::vmambaTiny),
                new TemplateSource("vmamba-fmnist.json", MambaTemplates::vmambaFashionMnist));
    }

    /** MzeroMiko/VMamba vmamba_tiny_s1l8 (= config vmambav2v_tiny_224, model vssm1_tiny_0230s). */
    public static Design vmambaTiny() {
        DesignBuilder b = new DesignBuilder("VMamba-T");
        b.description("VMamba Tiny (Liu et al., NeurIPS 2024), the v2 model vmamba_tiny_s1l8 of MzeroMiko/VMamba "
                + "(config vmambav2v_tiny_224 = vssm1_tiny_0230s, forward type v05_noz): stem v2 (conv 3×3/2 3→48 "
                + "+ LayerNorm + GELU + conv 3×3/2 48→96 + LayerNorm) to a channels-last 56×56 map, depths "
                + "[2, 2, 8, 2], dims [96, 192, 384, 768], VSS blocks with SS2D (ssm_ratio 1, d_state 1, dt_rank "
                + "⌈C/16⌉, depthwise conv 3×3 without bias, 4 scan directions, no z gate) and MLP ratio 4, "
                + "drop-path rising linearly to 0.2, downsample v3 (conv 3×3/2 + LayerNorm) after stages 1–3, "
                + "head LayerNorm → global pool → Linear. 30,249,064 params, 4.838 GMACs at 224×224, counting the "
                + "selective scan as (3N+1) MACs per token, channel and direction (VMamba's own fvcore counter "
                + "charges 9N+1 and norms, and reports 4.9 GFLOPs).");
        String x = b.input("input", 3, 224, 224);
        x = b.add("stem", "mamba.stem", Map.of("embed_dim", 96, "patch", 4), x);
        x = stages(b, x, List.of(2, 2, 8, 2), List.of(96, 192, 384, 768), 0.2);
        b.add("head", "head.classifier", Map.of("classes", 1000, "layout", "channels_last", "norm", "before_pool"), x);
        return b.build();
    }

    /** A two-stage VMamba for 28×28 grey images: a stride-2 stem gives a 14×14 map. */
    public static Design vmambaFashionMnist() {
        DesignBuilder b = new DesignBuilder("VMamba (Fashion-MNIST)");
        b.description("A small VMamba for Fashion-MNIST (1×28×28, 10 classes), built like VMamba-T (v2 blocks, "
                + "forward type v05_noz): stem conv 3×3/1 1→24 + LayerNorm + GELU + conv 3×3/2 24→48 + LayerNorm "
                + "(28 → 14, in place of the stride-4 stem), stages of depths [2, 2] and dims [48, 96] at 14×14 and "
                + "7×7, VSS blocks with ssm_ratio 1, d_state 1, dt_rank ⌈C/16⌉, 4 scan directions and MLP ratio 4, "
                + "downsample v3 (conv 3×3/2 + LayerNorm) between the stages, head LayerNorm → global pool → "
                + "Linear. 307,162 params, 24.1 MMACs per image, the selective scan counted as (3N+1) MACs per "
                + "token, channel and direction.");
        String x = b.input("input", 1, 28, 28);
        x = b.add("stem_conv1", "conv.conv2d", Map.of("out_channels", 24, "kernel", 3, "stride", 1, "padding", 1,
                "bias", true), x);
        x = b.add("stem_norm1", "norm.layer_norm", Map.of("layout", "channels_first"), x);
        x = b.add("stem_act", "activation.gelu", Map.of(), x);
        x = b.add("stem_conv2", "conv.conv2d", Map.of("out_channels", 48, "kernel", 3, "stride", 2, "padding", 1,
                "bias", true), x);
        x = b.add("to_channels_last", "tensor.permute", Map.of("dims", List.of(0, 2, 3, 1)), x);
        x = b.add("stem_norm2", "norm.layer_norm", Map.of("layout", "channels_last"), x);
        x = stages(b, x, List.of(2, 2), List.of(48, 96), 0.0);
        b.add("head", "head.classifier", Map.of("classes", 10, "layout", "channels_last", "norm", "before_pool"), x);
        return b.build();
    }

    /**
     * VSS stages with a v3 downsample in front of every stage but the first; drop-path rises linearly from
     * 0 to {@code dropPath} over all blocks, as VMamba's torch.linspace.
     */
    private static String stages(DesignBuilder b, String x, List<Integer> depths, List<Integer> dims, double dropPath) {
        int total = depths.stream().mapToInt(Integer::intValue).sum();
        int index = 0;
        for (int s = 0; s < depths.size(); s++) {
            if (s > 0) {
                x = b.add("downsample" + (s + 1), "mamba.downsample", Map.of("out_channels", dims.get(s),
                        "version", "v3"), x);
            }
            for (int i = 1; i <= depths.get(s); i++) {
                double dp = total > 1 ? Math.round(dropPath * index / (total - 1) * 10_000) / 10_000.0 : 0.0;
                index++;
                x = b.add("stage" + (s + 1) + "_block" + i, "mamba.vss_block", Map.of("ssm_ratio", 1.0, "d_state", 1,
                        "dt_rank", 0, "conv_kernel", 3, "mlp_ratio", 4.0, "drop_path", dp), x);
            }
        }
        return x;
    }
}
