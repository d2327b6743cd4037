/**
 * Crash safety of what runs leave on disk: {@link dev.latentlab.store.NameLock} (one writer per model name, run
 * folder or sweep, through an OS file lock that dies with its process) and {@link dev.latentlab.store.ModelFolder}
 * (a model folder written whole into a temporary sibling and swapped in by directory renames, its parts stamped
 * with one model id), and {@link dev.latentlab.store.AtomicFiles} (every file written to a temporary sibling and
 * moved into place); and {@link dev.latentlab.store.Provenance}, what produced a run or model (versions, commit,
 * backend, config hash).
 */
package dev.latentlab.store;
