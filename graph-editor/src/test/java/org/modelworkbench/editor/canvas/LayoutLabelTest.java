package org.modelworkbench.editor.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.DesignAnalyzer;
import org.modelworkbench.projects.templates.Templates;

/** Wire labels and node faces say what the axes of a tensor mean, after its shape. */
class LayoutLabelTest {

    @Test
    void wiresAndNodesShowTheShapeFollowedByTheLayoutsShortName() throws Exception {
        DesignAnalysis a = DesignAnalyzer.analyze(Templates.load("swin-tiny"));

        assertThat(NodeText.wireShape(a.node("input"), "y")).isEqualTo("1×3×224×224 NCHW");
        assertThat(NodeText.wireShape(a.node("patch_embed"), "y")).isEqualTo("1×56×56×96 NHWC");
        assertThat(NodeText.outputShapes(a.node("head"))).isEqualTo("1×1000 ND");
        assertThat(NodeText.outputShapes(DesignAnalyzer.analyze(Templates.load("deit-tiny")).node("block1")))
                .isEqualTo("1×197×192 NTD");
    }
}
