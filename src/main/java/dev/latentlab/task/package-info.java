/**
 * The task layer: one package per {@code task:} of a config, each holding its pipeline (config → option records →
 * numeric cores → run folder and model folder), figures and summary. Only {@code cli} calls a pipeline; a task
 * uses no other task (ArchitectureRulesTest).
 */
package dev.latentlab.task;
