/**
 * What a run leaves for people: the run folder and its log ({@link dev.latentlab.report.RunDirectory}), progress
 * lines with ETA, metrics.csv, the figures (XChart and plain Java2D image grids, heat maps) and report.html with
 * its headline block.
 */
package dev.latentlab.report;
