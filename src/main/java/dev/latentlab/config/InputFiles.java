package dev.latentlab.config;

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
}
