package org.modelworkbench.projects.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.templates.TemplateInfo;
import org.modelworkbench.projects.templates.Templates;

/** The shipped templates as project files: they round-trip exactly and can be found by any of their names. */
class ShippedTemplateFilesTest {

    private static String shippedText(String id) throws Exception {
        try (InputStream in = Templates.class.getResourceAsStream("/templates/" + id + ".json")) {
            assertThat(in).as(id).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyShippedTemplateRoundTripsWriteReadWriteToIdenticalText() throws Exception {
        assertThat(Templates.list()).isNotEmpty();
        for (TemplateInfo t : Templates.list()) {
            String first = DesignWriter.toJson(Templates.load(t.id()));
            Design reread = new DesignReader().read(first, t.id() + ".json");
            assertThat(DesignWriter.toJson(reread)).as(t.id()).isEqualTo(first);
            // the same from the shipped text itself (staleness against the sources is ShippedTemplatesTest's job)
            String fromShipped = DesignWriter.toJson(new DesignReader().read(shippedText(t.id()), t.id() + ".json"));
            assertThat(fromShipped).as(t.id() + " from the shipped file").isEqualTo(first);
        }
    }

    @Test
    void loadGivesAFreshCopyEachTime() throws Exception {
        String id = Templates.list().get(0).id();
        Design a = Templates.load(id);
        a.setName("changed");
        assertThat(Templates.load(id).name()).isNotEqualTo("changed");
    }

    @Test
    void templateIdsAreUniqueAndEveryTemplateHasANameAndDescription() {
        Set<String> ids = Templates.list().stream().map(TemplateInfo::id).collect(Collectors.toSet());
        assertThat(ids).hasSameSizeAs(Templates.list());
        assertThat(Templates.list()).allSatisfy(t -> {
            assertThat(t.name()).isNotBlank();
            assertThat(t.description()).isNotBlank();
        });
    }

    @Test
    void findLocatesATemplateByIdIgnoringCase() {
        assertThat(Templates.find("resnet18")).map(TemplateInfo::name).contains("ResNet-18");
        assertThat(Templates.find("ResNet18")).map(TemplateInfo::id).contains("resnet18");
        assertThat(Templates.find("RESNET-FMNIST")).map(TemplateInfo::id).contains("resnet-fmnist");
    }

    @Test
    void findLocatesATemplateByFileNameIgnoringCase() {
        assertThat(Templates.find("resnet50.json")).map(TemplateInfo::id).contains("resnet50");
        assertThat(Templates.find("ResNet50.JSON")).map(TemplateInfo::id).contains("resnet50");
    }

    @Test
    void findLocatesATemplateByDisplayNameIgnoringCase() {
        assertThat(Templates.find("ResNet-18")).map(TemplateInfo::id).contains("resnet18");
        assertThat(Templates.find("resnet-18")).map(TemplateInfo::id).contains("resnet18");
        assertThat(Templates.find("SWIN-T")).map(TemplateInfo::id).contains("swin-tiny");
        assertThat(Templates.find("resnet (fashion-mnist)")).map(TemplateInfo::id).contains("resnet-fmnist");
    }

    @Test
    void everyListedTemplateIsFoundByItsIdAndByItsName() {
        for (TemplateInfo t : Templates.list()) {
            assertThat(Templates.find(t.id())).as(t.id()).contains(t);
            assertThat(Templates.find(t.name())).as(t.name()).contains(t);
            assertThat(Templates.find(t.id() + ".json")).as(t.id() + ".json").contains(t);
        }
    }

    @Test
    void anUnknownTemplateIsNotFound() {
        assertThat(Templates.find("resnet19")).isEmpty();
        assertThat(Templates.find("")).isEmpty();
        assertThat(Templates.find(".json")).isEmpty();
        assertThat(Templates.find("resnet18.json.json")).isEmpty();
    }

    @Test
    void loadingAnUnknownTemplateSaysThereIsNoSuchTemplate() {
        assertThatThrownBy(() -> Templates.load("no-such-template"))
                .isInstanceOf(ProjectFileException.class)
                .hasMessage("template no-such-template: /: no such template");
    }
}
