package org.modelworkbench.app.gui.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.files.DesignWriter;
import org.modelworkbench.projects.templates.Templates;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AutosaveTest {
    @TempDir
    Path dir;

    Document editedTemplate(Path path) throws Exception {
        Document doc = new Document(new EditorModel(Templates.load("resnet-fmnist")), path);
        doc.model().setParameter("stem_conv", "out_channels", 24);
        return doc;
    }

    @Test
    void unsaved_work_is_written_and_offered_to_the_next_session_with_the_file_it_belongs_to() throws Exception {
        Path folder = dir.resolve("autosave");
        Document doc = editedTemplate(dir.resolve("mine.json"));
        Autosave crashed = new Autosave(folder);
        assertThat(crashed.update(doc)).isEmpty();
        assertThat(crashed.flush()).isEmpty();
        assertThat(crashed.designFile()).exists();

        List<Autosave.Entry> entries = new Autosave(folder).recoverable();

        assertThat(entries).hasSize(1);
        Autosave.Entry e = entries.get(0);
        assertThat(e.name()).isEqualTo("ResNet (Fashion-MNIST)");
        assertThat(e.originalPath()).isEqualTo(dir.resolve("mine.json").toAbsolutePath());
        assertThat(DesignWriter.toJson(Autosave.read(e))).isEqualTo(DesignWriter.toJson(doc.model().design()));
        assertThat(crashed.recoverable()).as("a session does not offer its own autosave").isEmpty();
    }

    @Test
    void a_design_without_changes_leaves_no_autosave() throws Exception {
        Path folder = dir.resolve("autosave");
        Autosave autosave = new Autosave(folder);
        Document doc = editedTemplate(null);
        autosave.update(doc);
        autosave.flush();
        assertThat(autosave.designFile()).exists();

        doc.model().undo();
        autosave.update(doc);

        assertThat(autosave.designFile()).doesNotExist();
        assertThat(autosave.metaFile()).doesNotExist();
    }

    @Test
    void a_clean_exit_deletes_the_autosave() throws Exception {
        Autosave autosave = new Autosave(dir);
        autosave.update(editedTemplate(null));
        autosave.discard();
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void the_autosave_of_a_window_still_running_in_another_process_is_not_offered() throws Exception {
        Autosave other = new Autosave(dir);
        other.update(editedTemplate(null));
        other.flush();
        long livePid = ProcessHandle.current().parent().map(ProcessHandle::pid).orElseThrow();
        String meta = Files.readString(other.metaFile()).replaceAll("\"pid\"\\s*:\\s*\\d+", "\"pid\" : " + livePid);
        Files.writeString(other.metaFile(), meta);

        assertThat(new Autosave(dir).recoverable()).isEmpty();
    }

    @Test
    void the_design_is_serialized_when_asked_and_written_later_by_the_writer_not_by_the_caller() throws Exception {
        Deque<Runnable> queued = new ArrayDeque<>();
        Autosave autosave = new Autosave(dir, queued::add);
        Document doc = editedTemplate(null);
        String asked = DesignWriter.toJson(doc.model().design());

        assertThat(autosave.update(doc)).isEmpty();
        assertThat(autosave.designFile()).as("nothing is written on the calling thread").doesNotExist();
        assertThat(queued).hasSize(1);
        assertThat(autosave.update(doc)).as("the same revision is not queued twice").isEmpty();
        assertThat(queued).hasSize(1);

        doc.model().setParameter("stem_conv", "out_channels", 40); // an edit while the write waits
        queued.poll().run();

        assertThat(Files.readString(autosave.designFile())).isEqualTo(asked);
        assertThat(queued).isEmpty();
    }

    @Test
    void a_failed_write_is_logged_told_to_the_listener_on_the_writer_thread_and_retried_at_the_next_update()
            throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("blocked"), "a file where the folder should be");
        Autosave autosave = new Autosave(notAFolder.resolve("autosave"));
        List<String> told = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        autosave.setOnFailure(problem -> {
            told.add(problem);
            threads.add(Thread.currentThread().getName());
        });
        Document doc = editedTemplate(null);

        assertThat(autosave.update(doc)).isEmpty();
        assertThat(autosave.flush()).as("the listener was told, so nothing is left to report").isEmpty();
        assertThat(told).singleElement().asString().startsWith("autosave to " + notAFolder.resolve("autosave"))
                .contains("failed");
        assertThat(threads).containsExactly("autosave-writer");

        autosave.update(doc); // the same revision: written again, since the last write failed
        autosave.flush();
        assertThat(told).hasSize(2);
    }

    @Test
    void without_a_listener_a_failed_write_is_reported_once_by_the_next_update_or_flush() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("blocked"), "");
        Autosave autosave = new Autosave(notAFolder.resolve("autosave"));
        Document doc = editedTemplate(null);

        assertThat(autosave.update(doc)).as("the write is queued, its fate not known yet").isEmpty();
        assertThat(autosave.flush()).hasValueSatisfying(p -> assertThat(p).contains("failed"));
        assertThat(autosave.flush()).as("reported once").isEmpty();

        Autosave inline = new Autosave(notAFolder.resolve("autosave"), Runnable::run); // writes within update
        assertThat(inline.update(doc)).as("an update never reports the write it queues").isEmpty();
        doc.model().setParameter("stem_conv", "out_channels", 40);
        assertThat(inline.update(doc)).as("the next update reports the earlier failure")
                .hasValueSatisfying(p -> assertThat(p).contains("failed"));
    }

    @Test
    void a_recovered_design_counts_as_unsaved_until_it_is_saved() throws Exception {
        Document doc = new Document(new EditorModel(Templates.load("resnet-fmnist")), null);
        assertThat(doc.isDirty()).isFalse();
        doc.markRecovered();
        assertThat(doc.isDirty()).isTrue();
        doc.saved(dir.resolve("x.json"));
        assertThat(doc.isDirty()).isFalse();
        assertThat(doc.displayNameProperty().get()).isEqualTo("x.json");
    }
}
