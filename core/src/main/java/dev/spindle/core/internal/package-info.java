/**
 * Spindle core's implementation. Not exported: nothing here is API, and it changes without notice.
 */
package dev.spindle.core.internal;
