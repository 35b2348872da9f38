package org.modelworkbench.editor.canvas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import javafx.stage.Stage;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.templates.Templates;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Exported drawings: readable by any SVG renderer, and with ordinary file permissions. */
@ExtendWith(ApplicationExtension.class)
class GraphExportFilesTest {
    @TempDir
    Path dir;
    private EditorModel model;
    private GraphCanvas canvas;

    @Start
    void start(Stage stage) throws Exception {
        Design d = CanvasFixtures.small(); // a shape mismatch (problem styles) and a free ReLU
        model = new EditorModel(d);
        canvas = CanvasFixtures.show(stage, model, false);
    }

    private Document svgOf(EditorModel m) throws Exception {
        Path file = dir.resolve("graph.svg");
        GraphExport.svg(m, file);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static void assertPaintedWithoutStylesheet(Document doc) {
        assertThat(doc.getElementsByTagName("style").getLength()).as("no <style> sheet").isZero();
        int shapes = 0;
        for (String tag : new String[] {"rect", "circle", "path"}) {
            NodeList list = doc.getElementsByTagName(tag);
            for (int i = 0; i < list.getLength(); i++) {
                Element e = (Element) list.item(i);
                assertThat(e.getAttribute("fill")).as(tag + " " + e.getAttribute("class") + " fill").isNotEmpty();
                assertThat(e.getAttribute("stroke")).as(tag + " " + e.getAttribute("class") + " stroke").isNotEmpty();
                assertThat(e.getAttribute("style")).isEmpty();
                shapes++;
            }
        }
        assertThat(shapes).isGreaterThan(10);
        NodeList texts = doc.getElementsByTagName("text");
        assertThat(texts.getLength()).isGreaterThan(10);
        for (int i = 0; i < texts.getLength(); i++) {
            Element t = (Element) texts.item(i);
            assertThat(t.getAttribute("fill")).as("text " + t.getTextContent()).isNotEmpty();
            assertThat(t.getAttribute("font-family")).as("text " + t.getTextContent()).isNotEmpty();
            assertThat(t.getAttribute("font-size")).as("text " + t.getTextContent()).isNotEmpty();
        }
    }

    @Test
    void svgShapesCarryTheirOwnFillStrokeAndFontsSoRenderersThatIgnoreCssDrawThemInColour(FxRobot robot) throws Exception {
        Document doc = svgOf(model);
        assertPaintedWithoutStylesheet(doc);
        // The problem node is drawn in the danger colours on the element itself.
        Element problemBox = null;
        NodeList rects = doc.getElementsByTagName("rect");
        for (int i = 0; i < rects.getLength(); i++) {
            Element r = (Element) rects.item(i);
            if (r.getAttribute("class").contains("problem")) {
                problemBox = r;
            }
        }
        assertThat(problemBox).isNotNull();
        assertThat(problemBox.getAttribute("stroke")).isEqualTo("#cf222e");
    }

    @Test
    void compositeNodesAreDrawnWithExplicitColoursToo(FxRobot robot) throws Exception {
        EditorModel composite = new EditorModel(Templates.load("resnet-fmnist"));
        Document doc = svgOf(composite);
        assertPaintedWithoutStylesheet(doc);
        NodeList rects = doc.getElementsByTagName("rect");
        int composites = 0;
        for (int i = 0; i < rects.getLength(); i++) {
            Element r = (Element) rects.item(i);
            if (r.getAttribute("class").contains("composite")) {
                composites++;
                assertThat(r.getAttribute("fill")).isEqualTo("#ffffff");
            }
        }
        assertThat(composites).isPositive();
    }

    @Test
    void exportsGetTheDefaultPermissionsAndAReplacedExportKeepsItsOwn(FxRobot robot) throws Exception {
        assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null, "no POSIX permissions here");
        Set<PosixFilePermission> ordinary = Files.getPosixFilePermissions(Files.createFile(dir.resolve("reference")));
        Path svg = dir.resolve("graph.svg");
        Path png = dir.resolve("graph.png");

        GraphExport.svg(model, svg);
        GraphExport.png(canvas, png);

        assertThat(Files.getPosixFilePermissions(svg)).isEqualTo(ordinary);
        assertThat(Files.getPosixFilePermissions(png)).isEqualTo(ordinary);

        Set<PosixFilePermission> groupWritable = PosixFilePermissions.fromString("rw-rw-r--");
        Files.setPosixFilePermissions(svg, groupWritable);
        Files.setPosixFilePermissions(png, groupWritable);
        GraphExport.svg(model, svg);
        GraphExport.png(canvas, png);
        assertThat(Files.getPosixFilePermissions(svg)).isEqualTo(groupWritable);
        assertThat(Files.getPosixFilePermissions(png)).isEqualTo(groupWritable);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("graph.png", "graph.svg", "reference");
        }
    }
}
