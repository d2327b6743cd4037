/**
 * The training UI of {@code --ui}: deeplearning4j-ui's server bound to 127.0.0.1 ({@link dev.latentlab.ui.LoopbackUiServer})
 * and the listener that feeds it a SameDiff training's loss, learning rate and throughput
 * ({@link dev.latentlab.ui.TrainingUi}).
 */
package dev.latentlab.ui;
