/** The training report: {@code report.md} and the PNG plots (ROC, PR, threshold curve, confusion). */
package io.screamguard.training.report;
