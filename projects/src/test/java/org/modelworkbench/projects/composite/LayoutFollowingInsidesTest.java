package org.modelworkbench.projects.composite;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.graph.CompositeBlockType;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.DesignAnalyzer;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.templates.Templates;

/** Opening or ungrouping a library composite gives the inside it has where it is used, layouts included. */
class LayoutFollowingInsidesTest {
    private static final BlockLibrary LIBRARY = BlockLibrary.standard();

    @Test
    void ungroupingASwinHeadWhoseLayoutIsAutoKeepsItChannelsLastAndTheCountsUnchanged() throws Exception {
        Design d = Templates.load("swin-tiny");
        DesignAnalysis before = DesignAnalyzer.analyze(d);

        Ungrouping.apply(Ungrouping.plan(d, "head", LIBRARY, before));
        DesignAnalysis after = DesignAnalyzer.analyze(d);

        assertThat(after.problems()).isEmpty();
        assertThat(after.totals().params()).isEqualTo(before.totals().params());
        assertThat(after.totals().macs()).isEqualTo(before.totals().macs());
        assertThat(d.node("pool").orElseThrow().params()).containsEntry("layout", "channels_last");
    }

    @Test
    void theOpenedInsideOfAChannelsLastBlockHasAChannelsLastBoundaryAndNoProblems() throws Exception {
        Design d = Templates.load("swin-tiny");
        var a = DesignAnalyzer.analyze(d);
        var r = a.node("stage1_block1");
        var type = (CompositeBlockType) LIBRARY.find("swin.block").orElseThrow();

        Design inside = LibraryInsides.expand(type, type.resolve(d.node("stage1_block1").orElseThrow().params()),
                r.inputs(), r.inputLayouts());

        assertThat(inside.node("x").orElseThrow().params()).containsEntry("layout", "NHWC");
        assertThat(DesignAnalyzer.analyze(inside).problems()).isEmpty();
    }
}
