/**
 * The VAE's and dense autoencoder's numeric core: the SameDiff graphs, inference, training (early stopping, plateau
 * learning rate, checkpoints, seeded noise) and model files. No config, console, report or mixture code here: the
 * latent classifier is in {@code latent}, the {@code vae_gmm} task in {@code task.vaegmm}.
 *
 * <pre>{@code
 * VaeArchitecture arch = VaeArchitecture.DEFAULT;                        // 1x28x28, latent 2, beta 0.5
 * TrainerOptions options = TrainerOptions.defaults(100, seed).withCheckpointDir(runDir.resolve("checkpoint"));
 * BatchSource train = new ArrayBatchSource(trainImages, 128, true, seed);  // or an iterator adapter
 * BatchSource val = new ArrayBatchSource(valImages, 512, false, seed);
 * TrainingResult result = new VaeTrainer(options).train(VaeModel.untrained(arch, seed), train, val, listener);
 * // or, after an interruption: new VaeTrainer(options).resume(train, val, listener)
 * result.best().save(Path.of("models/vae_148"));                         // vae.sd + vae.json, atomically
 * INDArray mu = VaeModel.load(dir).encodeMean(images);                   // deterministic, batch-independent
 * }</pre>
 * SameDiff M2.1 notes that shaped this package are in src/site/markdown/architecture.md ("DL4J/SameDiff M2.1
 * pitfalls") and in the javadoc of {@link dev.latentlab.vae.ConvVaeGraph}, {@link dev.latentlab.vae.VaeTrainer} and
 * the loss capture.
 */
package dev.latentlab.vae;
