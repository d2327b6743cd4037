package dev.latentlab.config;

import dev.latentlab.data.ImageSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task config that names files or folders it reads and that must exist before it runs (not the datasets it
 * fetches itself): key path → the paths under that key. A sweep checks them for every candidate before the first
 * runs.
 */
public interface InputFiles {
    /** Key path (e.g. {@code report.novel_images}) → the paths it names, in order; keys naming none are absent. */
    Map<String, List<String>> inputFiles();

    /**
     * The data section's inputs: {@code data.dir} when the images come from a folder (a dataset folder is fetched
     * instead), {@code data.npz} for an npz source (null for a task without one), {@code data.test_dir} when set.
     */
    static Map<String, List<String>> dataSection(ImageSource.Kind source, String dir, String npz, String testDir) {
        Map<String, List<String>> files = new LinkedHashMap<>();
        if (source == ImageSource.Kind.FOLDER) {
            files.put("data.dir", List.of(dir));
        } else if (source == ImageSource.Kind.NPZ && npz != null) {
            files.put("data.npz", List.of(npz));
        }
        if (testDir != null) {
            files.put("data.test_dir", List.of(testDir));
        }
        return files;
    }
}
